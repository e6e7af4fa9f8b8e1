import Foundation

/// `[data] file = "…"`: a CSV file relative to the network file, read into inputs and targets.
enum CSVSource {
    struct Result {
        var inputs: [[Double]]
        var targets: [[Double]]
        var classes: Int?
        /// class names from an iris-style header (`rows,features,name₀,…`)
        var headerNames: [String]?
    }

    static func read(_ r: TableReader, inputSize: Int, outputSize: Int,
                     classes given: Int?) throws(FileError) -> Result {
        guard let file = try r.string("file") else { throw r.error("file", "data.file must be a string") }
        let path = resolve(file, against: r.context.baseDirectory)
        guard r.context.files.exists(path) else {
            throw r.error("file", "data file \"\(file)\" not found (looked for \(path))")
        }
        let column = try r.integer("target_column")
        if let column, column < 0 {
            throw r.error("target_column", "data.target_column must be 0 or more, got \(column)")
        }
        let table: CSVData.Table
        switch r.context.files {
        case .disk:
            table = try CSVData.read(path: path, targetColumn: column, header: try r.bool("header"))
        case .embedded:
            table = try CSVData.table(r.context.files.text(path) ?? "", path: path, targetColumn: column,
                                      header: try r.bool("header"))
        }
        let featureCount = table.features[0].count
        guard featureCount == inputSize else {
            throw r.error("file", "\(file) has \(featureCount) feature\(featureCount == 1 ? "" : "s") per row, "
                + "the input layer has \(inputSize)")
        }
        let headerNames = table.header.flatMap { CSVData.classNames(fromHeader: $0, featureCount: featureCount) }
        guard let classes = given ?? headerNames?.count else {
            guard outputSize == 1 else {
                throw r.error("file", "\(file) gives one target value per row, but the output layer has \(outputSize) neurons; "
                    + "set classes = \(outputSize) to read the target column as class indices")
            }
            return Result(inputs: table.features, targets: table.labels.map { [$0] }, classes: nil, headerNames: nil)
        }
        var targets: [[Double]] = []
        targets.reserveCapacity(table.labels.count)
        let target = column ?? featureCount
        for (k, label) in table.labels.enumerated() {
            targets.append(try DataSection.oneHot(label, classes: classes, subject: "the target (column \(target))") { m in
                FileError(path: path, line: table.lines[k], message: m)
            })
        }
        return Result(inputs: table.features, targets: targets, classes: classes, headerNames: headerNames)
    }

    /// `file` as written, made relative to the folder of the network file unless it is absolute.
    static func resolve(_ file: String, against base: String) -> String {
        if file.hasPrefix("/") || base.isEmpty { return file }
        return base.hasSuffix("/") ? base + file : base + "/" + file
    }
}
