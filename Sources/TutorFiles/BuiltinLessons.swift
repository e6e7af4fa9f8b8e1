/// The lessons and data that travel with the program, compiled in (scripts/embed-lessons), so
/// they are found wherever the binary is copied and whatever the current directory is.
public enum BuiltinLessons {
    /// Paths under lessons/ of every embedded file: "01-one-neuron.toml", "data/digits.csv".
    public static var fileNames: [String] { EmbeddedLessons.files.keys.sorted() }

    /// The network and lesson files.
    public static var networkFileNames: [String] { fileNames.filter { $0.hasSuffix(".toml") } }

    /// The text of an embedded file.
    public static func text(_ name: String) -> String? { EmbeddedLessons.files[name] }

    /// What the menu shows of every built-in lesson, in lesson order, written at build time:
    /// no lesson is parsed to list them.
    public static var listings: [LessonListing] { EmbeddedLessons.listings }

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

    /// The built-in lesson of this listing, parsed.
    public static func load(_ listing: LessonListing) throws(FileError) -> NetworkFile {
        try load(listing.fileName)
    }

    /// The built-in lesson called `name` on the command line: its id ("chain-rule"), file name
    /// with or without ".toml" ("04-chain-rule") or number in the list ("4").
    public static func listing(named name: String) -> LessonListing? {
        let stem = name.hasSuffix(".toml") ? String(name.dropLast(5)) : name
        let number = Int(stem)
        return listings.first { l in
            l.id == stem || l.fileName == stem + ".toml" || (number != nil && l.order == number)
        }
    }

    /// The built-in lesson with this id, parsed.
    public static func lesson(id: String) throws(FileError) -> NetworkFile? {
        guard let listing = listings.first(where: { $0.id == id }) else { return nil }
        return try load(listing)
    }

    /// Every built-in lesson, parsed, in lesson order (for tests and tools; the menu uses `listings`).
    public static func lessons() throws(FileError) -> [NetworkFile] {
        var out: [NetworkFile] = []
        for listing in listings { out.append(try load(listing)) }
        return out
    }
}
