import BackpropEngine
import Foundation
import NetworkNaming

/// A network file: the network, its data and how it is trained, read from TOML (see lessons/FORMAT.md).
public struct NetworkFile: Sendable {
    /// The path as given.
    public var path: String
    public var title: String
    /// What builds the initial network (checked by the engine's rules when the file was read).
    public private(set) var spec: NetworkSpec
    /// shuffleSeed is the network seed.
    public var training: TrainingConfig
    /// The training part (targets one-hot when classes are given).
    public var data: Dataset
    /// The part split off by test_fraction.
    public var testData: Dataset?
    /// From `class_names`, or from an iris-style CSV header.
    public var classNames: [String]?
    /// The number of classes, when the targets are classes.
    public var classCount: Int?
    /// The `[lesson]` and its `[[scene]]`s, when the file is a lesson.
    public var lesson: Lesson? = nil
    /// `numpy_names = "article"`: the layer view writes its NumPy lines in the names of the seed
    /// article's XOR program (X, hidden_layer, weights_input_hidden, …).
    public var articleNumPyNames = false
    /// Lines of the keys an engine error is reported at (see EngineErrorPlace).
    var keyLines: [String: Int] = [:]

    /// The initial network, built from `spec` each time it is asked for: reading and checking a
    /// file never allocates the weights of a network that is only generated from its seed.
    public var network: Network {
        do {
            return try spec.build()
        } catch {
            // `spec` passed the same checks when the file was read and only `reseed` changes it
            preconditionFailure("a checked network spec failed to build: \(error)")
        }
    }

    /// A new seed for the random initial weights (when the file gives none) and the shuffling.
    public mutating func reseed(_ seed: UInt64) {
        spec.seed = seed
        training.shuffleSeed = seed
    }

    /// The names of the file's neurons and parameters (outputs by class when the data has classes).
    public var naming: NetworkNaming { NetworkNaming(network: network, classes: classCount) }

    /// Reads and checks a file; data files are found relative to its folder.
    public static func load(path: String) throws(FileError) -> NetworkFile {
        guard FileManager.default.fileExists(atPath: path) else { throw FileError(path: path, message: "file not found") }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw FileError(path: path, message: "cannot read the file")
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw FileError(path: path, message: "the file is not UTF-8 text")
        }
        let base = (path as NSString).deletingLastPathComponent
        return try parse(text, path: path, baseDirectory: base)
    }

    /// Reads and checks TOML text; `path` names it in errors and `baseDirectory` is where
    /// `data.file` is looked for ("" for the current directory).
    public static func parse(_ text: String, path: String, baseDirectory: String) throws(FileError) -> NetworkFile {
        try parse(text, path: path, baseDirectory: baseDirectory, files: .disk)
    }

    /// The same, with data files read from `files` (the lessons built into the program).
    static func parse(_ text: String, path: String, baseDirectory: String,
                      files: FileSource) throws(FileError) -> NetworkFile {
        if text.allSatisfy(\.isWhitespace) {
            throw FileError(path: path, message: "the file is empty; a network file needs a [network] and a [data] table")
        }
        let root = try TOMLNode.parse(text, path: path)
        let context = ParseContext(path: path, map: SourceMap(text), baseDirectory: baseDirectory, files: files)
        let tables = try topLevel(root, context)
        let scenes = try arrayTables(root, context)

        let titleReader = try TableReader("", root.filter { FileSchema.topLevelKeys.contains($0.key) },
                                          known: FileSchema.topLevelKeys, context: context)
        let titleText = try titleReader.string("title")
        let articleNames = try titleReader.choice("numpy_names", what: "NumPy naming", [("generic", false), ("article", true)]) ?? false

        guard let networkReader = tables["network"] else {
            throw FileError(path: path, message: "missing [network] table")
        }
        let spec = try NetworkSection.read(networkReader)
        let training = try TrainingSection.read(tables["training"], network: spec)
        try Compatibility.check(spec, training, context: context)
        guard let dataReader = tables["data"] else { throw FileError(path: path, message: "missing [data] table") }
        let data = try DataSection.read(dataReader, network: spec, loss: training.loss)
        let places = EngineErrorPlace(context)
        try places.check { () throws(EngineError) in
            let batch = training.batchSize <= 0 ? data.train.count : min(training.batchSize, data.train.count)
            try NetworkSize(layerSizes: spec.layerSizes).checkBatch(batch)
            // batch normalization needs a batch to take a mean and a variance over
            if !spec.batchNorm.isEmpty && batch < 2 { throw .batchNormNeedsBatch }
            // the engine's data rules (DataSection has reported each bad row at its line already)
            try TrainingConfig.check(data: data.train, layerSizes: spec.layerSizes, part: .training)
            if let test = data.test { try TrainingConfig.check(data: test, layerSizes: spec.layerSizes, part: .test) }
        }

        var lesson: Lesson?
        if let lessonReader = tables["lesson"] {
            let comparison = try CompareSection.read(lessonReader, network: networkReader, training: tables["training"])
            var names = ValueNames(naming: NetworkNaming(layerSizes: spec.layerSizes, biasMode: spec.biasMode,
                                                         classes: data.classCount))
            names.variants = comparison?.variants.map(\.name) ?? []
            let texts = LessonTexts(context: context, text: text, names: names)
            lesson = try LessonSection.read(lessonReader, scenes: scenes["scene"] ?? [], texts: texts)
            lesson?.comparison = comparison
        } else if let first = scenes["scene"]?.first {
            throw context.error(at: first.name, "[[scene]] belongs to a lesson; add a [lesson] table with id, title_en and title_ja")
        }
        if articleNames && !(spec.layerSizes.count == 3 && spec.biasMode == .none) {
            throw context.error(at: "numpy_names", "numpy_names = \"article\" names the article's network: one hidden layer and bias = \"none\"")
        }
        let title = titleText ?? lesson?.title.en ?? defaultTitle(path)
        let file = NetworkFile(path: path, title: title, spec: spec, training: training,
                               data: data.train, testData: data.test, classNames: data.classNames,
                               classCount: data.classCount, lesson: lesson, articleNumPyNames: articleNames,
                               keyLines: places.lines)
        // a lesson is always stepped through
        if lesson != nil { try file.checkRecording() }
        return file
    }

    /// A trainer at the start, with the file's network, settings and data. The engine checks
    /// them again; an error (which the loader's checks make impossible) comes back as file:line.
    /// `measuringTest: false` leaves the test data out (no test losses are measured).
    public func trainer(measuringTest: Bool = true) throws(FileError) -> Trainer {
        let network = self.network
        return try place.check { () throws(EngineError) in
            try Trainer(network: network, config: training, data: data, testData: measuringTest ? testData : nil)
        }
    }

    /// A timeline at the start, for stepping through the file's training (checked as `checkRecording`).
    public func timeline() throws(FileError) -> Timeline {
        // before the network is built: a refusal allocates nothing
        try checkRecording()
        let trainer = try self.trainer()
        return try place.check { () throws(EngineError) in try Timeline(trainer: trainer) }
    }

    /// Checks that one update of this file can be recorded for the step-by-step screen, the
    /// worksheets and lessons (`NetworkSize.maxRecordedStepBytes`); `train` does not need it.
    public func checkRecording() throws(FileError) {
        let batch = training.batchSize <= 0 ? data.count : min(training.batchSize, data.count)
        try place.check { () throws(EngineError) in
            try NetworkSize(layerSizes: spec.layerSizes)
                .checkRecordedStep(batch: batch, biasMode: spec.biasMode, clipping: training.clipNorm != nil)
        }
    }

    var place: EngineErrorPlace { EngineErrorPlace(path: path, lines: keyLines) }

    /// A reader for each top-level table; unknown tables are rejected, with a suggestion.
    private static func topLevel(_ root: [String: TOMLNode], _ context: ParseContext) throws(FileError) -> [String: TableReader] {
        let byLine = root.keys.map { (context.map.line(of: $0) ?? 0, $0) }.sorted { $0 < $1 }.map(\.1)
        var readers: [String: TableReader] = [:]
        for name in byLine {
            let node = root[name]!
            if let schema = FileSchema.tables.first(where: { $0.name == name }) {
                guard let table = node.tableValue else {
                    throw context.error(at: name, "\(name) must be a table ([\(name)]), got \(node.kind)")
                }
                readers[name] = try TableReader(name, table, known: schema.keys, context: context)
            } else if FileSchema.topLevelKeys.contains(name) || FileSchema.arrayTables.contains(where: { $0.name == name }) {
                continue
            } else if node.tableValue != nil {
                let hint = Suggestion.closest(to: name, among: FileSchema.tableNames).map { "; did you mean [\($0)]?" }
                    ?? "; expected " + (FileSchema.tableNames.map { "[\($0)]" }
                        + FileSchema.arrayTables.map { "[[\($0.name)]]" }).joined(separator: ", ")
                throw context.error(at: name, "unknown table [\(name)]\(hint)")
            } else {
                let hint = Suggestion.closest(to: name, among: FileSchema.topLevelKeys).map { "; did you mean \"\($0)\"?" }
                    ?? FileSchema.tableOwning(name).map { "; it belongs in [\($0)]" }
                    ?? Suggestion.hint(for: name, among: FileSchema.topLevelKeys)
                throw context.error(at: name, "unknown key \"\(name)\" at the top of the file\(hint)")
            }
        }
        return readers
    }

    /// A reader for each element of each `[[name]]` array of tables, named `scene[0]`, `scene[1]`….
    private static func arrayTables(_ root: [String: TOMLNode], _ context: ParseContext) throws(FileError) -> [String: [TableReader]] {
        var out: [String: [TableReader]] = [:]
        for schema in FileSchema.arrayTables {
            guard let node = root[schema.name] else { continue }
            guard let items = node.arrayValue, items.allSatisfy({ $0.tableValue != nil }) else {
                throw context.error(at: schema.name, "\(schema.name) must be written as [[\(schema.name)]] tables, got \(node.kind)")
            }
            var readers: [TableReader] = []
            for (n, item) in items.enumerated() {
                readers.append(try TableReader("\(schema.name)[\(n)]", item.tableValue!, known: schema.keys,
                                               context: context, label: " in \(schema.name) \(n + 1)"))
            }
            out[schema.name] = readers
        }
        return out
    }

    /// The file name without its folder and extension.
    private static func defaultTitle(_ path: String) -> String {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return name.isEmpty ? "Untitled" : name
    }
}
