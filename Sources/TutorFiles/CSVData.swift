import Foundation

/// Numeric CSV files: one sample per line, features and one target column.
///
/// Blank lines are skipped. The first line is a header when `header` is true, or, when `header` is
/// nil, when one of its fields is not a number. Errors point at the line of the CSV file.
public enum CSVData {
    /// The rows of a CSV file, split into features and the target column (default: the last).
    public static func load(path: String, targetColumn: Int? = nil,
                            header: Bool? = nil) throws(FileError) -> (features: [[Double]], labels: [Double], header: [String]?) {
        let t = try read(path: path, targetColumn: targetColumn, header: header)
        return (t.features, t.labels, t.header)
    }

    /// The same, from text (`path` names it in errors).
    public static func parse(_ text: String, path: String, targetColumn: Int? = nil,
                             header: Bool? = nil) throws(FileError) -> (features: [[Double]], labels: [Double], header: [String]?) {
        let t = try table(text, path: path, targetColumn: targetColumn, header: header)
        return (t.features, t.labels, t.header)
    }

    /// Class names from a header of the form `rows,features,name₀,name₁,…` (as in iris.csv):
    /// the fields after two integers, when the second integer is the number of feature columns.
    public static func classNames(fromHeader header: [String], featureCount: Int) -> [String]? {
        guard header.count > 2, let _ = Int(header[0]), Int(header[1]) == featureCount else { return nil }
        return Array(header[2...])
    }

    /// Features, labels, and the line of each row (for errors about a label).
    struct Table {
        var features: [[Double]]
        var labels: [Double]
        var header: [String]?
        var lines: [Int]
    }

    static func read(path: String, targetColumn: Int?, header: Bool?) throws(FileError) -> Table {
        guard FileManager.default.fileExists(atPath: path) else {
            throw FileError(path: path, message: "file not found")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError(path: path, message: "cannot read the file")
        }
        return try table(bytes: [UInt8](data), path: path, targetColumn: targetColumn, header: header)
    }

    static func table(_ text: String, path: String, targetColumn: Int?, header: Bool?) throws(FileError) -> Table {
        try table(bytes: Array(text.utf8), path: path, targetColumn: targetColumn, header: header)
    }

    /// Lines end in \n, \r\n or \r (spreadsheets on Windows and old Macs). The bytes are scanned
    /// directly; only a field that is not a plain number is turned into a String.
    static func table(bytes: [UInt8], path: String, targetColumn: Int?, header: Bool?) throws(FileError) -> Table {
        try CSVText.check(bytes, path: path)
        let outcome = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(FileError) -> Table in
                var scanner = CSVScanner(buffer: buffer, path: path, targetColumn: targetColumn, header: header)
                return try scanner.run()
            }
        }
        return try outcome.get()
    }
}
