import TOMLKit

/// A parsed TOML value as a plain value. TOMLKit's tables and arrays are classes around C++
/// nodes, so the document is copied into this tree at once and TOMLKit is not used after that.
indirect enum TOMLNode: Sendable, Equatable {
    case table([String: TOMLNode])
    case array([TOMLNode])
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    /// dates and times, which no key of the format uses
    case other(String)

    /// "a string", "an integer"…, for "got …" in messages.
    var kind: String {
        switch self {
        case .table: return "a table"
        case .array: return "an array"
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a number"
        case .bool: return "a boolean"
        case .other(let name): return "a \(name)"
        }
    }

    /// The number, for integers and floats alike (TOML `1` and `1.0`).
    var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .float(let d): return d
        default: return nil
        }
    }

    var tableValue: [String: TOMLNode]? {
        if case .table(let t) = self { return t }
        return nil
    }

    var arrayValue: [TOMLNode]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// Parses a TOML document; syntax errors carry the line and column TOMLKit reports.
    static func parse(_ text: String, path: String) throws(FileError) -> [String: TOMLNode] {
        var bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { buffer throws(FileError) in try TOMLLimits.check(buffer, path: path) }
        bytes = []
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let (line, column) = (error.source.begin.line, error.source.begin.column)
            if let open = TOMLOpening.open(at: line, column: column, in: text,
                                                atEnd: error.description.contains("end-of-file")) {
                throw FileError(path: path, line: open.line, column: open.column,
                                message: "TOML syntax error: this \(open.what) is not closed\n"
                                    + "note: \(path):\(line):\(column): noticed here: \(error.description)")
            }
            throw FileError(path: path, line: line, column: column, message: "TOML syntax error: \(error.description)")
        } catch {
            throw FileError(path: path, message: "TOML syntax error: \(error)")
        }
        return convert(table)
    }

    private static func convert(_ table: TOMLTable) -> [String: TOMLNode] {
        var out: [String: TOMLNode] = [:]
        for (key, value) in table { out[key] = convert(value) }
        return out
    }

    private static func convert(_ value: TOMLValueConvertible) -> TOMLNode {
        switch value.type {
        case .table: return .table(value.table.map(convert) ?? [:])
        case .array: return .array(value.array.map { $0.map(convert) } ?? [])
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .float(value.double ?? .nan)
        case .bool: return .bool(value.bool ?? false)
        case .date, .time, .dateTime: return .other(value.type.description)
        }
    }
}
