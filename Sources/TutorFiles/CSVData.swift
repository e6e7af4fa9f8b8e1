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
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileError(path: path, message: "the file is not UTF-8 text")
        }
        return try table(text, path: path, targetColumn: targetColumn, header: header)
    }

    static func table(_ text: String, path: String, targetColumn: Int?, header: Bool?) throws(FileError) -> Table {
        var result = Table(features: [], labels: [], header: nil, lines: [])
        var width: Int?
        var target = 0
        var first = true
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let rawFields = raw.split(separator: ",", omittingEmptySubsequences: false)
            let fields = rawFields.map(clean)
            if fields.count == 1 && fields[0].isEmpty { continue }
            if first {
                first = false
                if header ?? fields.contains(where: { number($0) == nil }) {
                    result.header = fields
                    continue
                }
            }
            if width == nil {
                width = fields.count
                guard fields.count >= 2 else {
                    throw FileError(path: path, line: line, message: "row has 1 value; a row needs at least one feature and a target")
                }
                target = targetColumn ?? fields.count - 1
                guard target >= 0 && target < fields.count else {
                    throw FileError(path: path, line: line, message:
                        "target column \(target) does not exist: rows have \(fields.count) values (columns 0...\(fields.count - 1))")
                }
            }
            guard fields.count == width else {
                throw FileError(path: path, line: line, message: "row has \(fields.count) values, expected \(width!)")
            }
            var row: [Double] = []
            row.reserveCapacity(fields.count)
            for (k, field) in fields.enumerated() {
                guard let v = number(field) else {
                    // the column is worked out only for the message
                    let column = rawFields[..<k].reduce(1) { $0 + $1.count + 1 }
                    let offset = rawFields[k].prefix { $0 == " " || $0 == "\t" }.count
                    throw FileError(path: path, line: line, column: column + offset, message: "\"\(field)\" is not a number")
                }
                row.append(v)
            }
            result.labels.append(row.remove(at: target))
            result.features.append(row)
            result.lines.append(line)
        }
        guard !result.features.isEmpty else { throw FileError(path: path, message: "the file has no data rows") }
        return result
    }

    private static func clean(_ s: Substring) -> String {
        // most fields are bare numbers: skip Foundation's trimming for them
        if let first = s.utf8.first, let last = s.utf8.last,
           first > 0x20, last > 0x20, first != UInt8(ascii: "\""), last != 0x7F {
            return String(s)
        }
        var t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") { t = String(t.dropFirst().dropLast()) }
        return t
    }

    /// A finite number, or nil.
    private static func number(_ s: String) -> Double? {
        guard let v = Double(s), v.isFinite else { return nil }
        return v
    }
}
