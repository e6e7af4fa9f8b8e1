/// The lessons and data that travel with the program, compiled in (scripts/embed-lessons), so
/// they are found wherever the binary is copied and whatever the current directory is.
public enum BuiltinLessons {
    /// Paths under lessons/ of every embedded file: "01-one-neuron.toml", "data/digits.csv".
    public static var fileNames: [String] { EmbeddedLessons.files.keys.sorted() }

    /// The network and lesson files.
    public static var networkFileNames: [String] { fileNames.filter { $0.hasSuffix(".toml") } }

    /// The text of an embedded file.
    public static func text(_ name: String) -> String? { EmbeddedLessons.files[name] }

    /// An embedded network or lesson file, by its name with or without ".toml"; its data files
    /// are read from the embedded set too. Errors name it `lessons/<name>`.
    public static func load(_ name: String) throws(FileError) -> NetworkFile {
        let file = name.hasSuffix(".toml") ? name : name + ".toml"
        guard let text = EmbeddedLessons.files[file] else {
            let hint = Suggestion.hint(for: file, among: networkFileNames)
            throw FileError(path: "lessons/" + file, message: "no built-in file of this name\(hint)")
        }
        return try NetworkFile.parse(text, path: "lessons/" + file, baseDirectory: "lessons",
                                     files: .embedded(root: "lessons", files: EmbeddedLessons.files))
    }

    /// Every built-in lesson, in lesson order (`order`, then file name).
    public static func lessons() throws(FileError) -> [NetworkFile] {
        var out: [(order: Int, name: String, file: NetworkFile)] = []
        for name in networkFileNames {
            let file = try load(name)
            if let lesson = file.lesson { out.append((lesson.order ?? Int.max, name, file)) }
        }
        return out.sorted { ($0.order, $0.name) < ($1.order, $1.name) }.map(\.file)
    }

    /// The built-in lesson with this id.
    public static func lesson(id: String) throws(FileError) -> NetworkFile? {
        try lessons().first { $0.lesson?.id == id }
    }
}
