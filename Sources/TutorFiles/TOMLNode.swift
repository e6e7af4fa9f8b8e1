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
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { buffer throws(FileError) in try TOMLLimits.check(buffer, path: path) }
        // large arrays of numbers read by TOMLNumberArrays; the rest (or, if anything does not
        // come back as it should, the whole text) by TOMLKit
        if let (cut, arrays) = TOMLNumberArrays.cut(bytes),
           let table = try? TOMLTable(string: String(decoding: cut, as: UTF8.self)) {
            var placed = [Bool](repeating: false, count: arrays.count)
            if let tree = convert(table, arrays: arrays, placed: &placed), !placed.contains(false) { return tree }
        }
        return try parseWithTOMLKit(text, path: path)
    }

    /// TOMLKit alone, on the whole text (what `parse` falls back to; tests compare with it).
    static func parseWithTOMLKit(_ text: String, path: String) throws(FileError) -> [String: TOMLNode] {
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
        var none: [Bool] = []
        return convert(table, arrays: [], placed: &none)!
    }

    /// TOMLKit's tree as TOMLNodes, each placeholder array replaced by the array it stands for
    /// (`placed[k]` set); nil when a placeholder turns up twice or where it cannot have been put.
    private static func convert(_ table: TOMLTable, arrays: [TOMLNode], placed: inout [Bool]) -> [String: TOMLNode]? {
        var out: [String: TOMLNode] = [:]
        for (key, value) in table {
            guard let node = convert(value, arrays: arrays, placed: &placed) else { return nil }
            out[key] = node
        }
        return out
    }

    private static func convert(_ value: TOMLValueConvertible, arrays: [TOMLNode], placed: inout [Bool]) -> TOMLNode? {
        switch value.type {
        case .table:
            guard let table = value.table else { return .table([:]) }
            return convert(table, arrays: arrays, placed: &placed).map { .table($0) }
        case .array:
            guard let array = value.array else { return .array([]) }
            var items: [TOMLNode] = []
            items.reserveCapacity(array.count)
            for item in array {
                guard let node = convert(item, arrays: arrays, placed: &placed) else { return nil }
                items.append(node)
            }
            if !arrays.isEmpty, items.count == 1, case .integer(let i) = items[0],
               i >= TOMLNumberArrays.marker, i - TOMLNumberArrays.marker < arrays.count {
                let k = i - TOMLNumberArrays.marker
                guard !placed[k] else { return nil }
                placed[k] = true
                return arrays[k]
            }
            return .array(items)
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .float(value.double ?? .nan)
        case .bool: return .bool(value.bool ?? false)
        case .date, .time, .dateTime: return .other(value.type.description)
        }
    }
}
