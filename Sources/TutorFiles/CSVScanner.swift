import Foundation

/// Reads CSV rows from bytes already checked by `CSVText`: lines split at \n, \r\n or \r, fields at
/// commas, spaces and quotes around a field dropped, numbers read by `CSVNumber`.
struct CSVScanner {
    let buffer: UnsafeBufferPointer<UInt8>
    let path: String
    let targetColumn: Int?
    let header: Bool?

    private var result = CSVData.Table(features: [], labels: [], header: nil, lines: [])
    private var width: Int?
    private var target = 0
    private var first = true
    /// field bounds of the current line, reused
    private var starts: [Int] = [], ends: [Int] = []

    init(buffer: UnsafeBufferPointer<UInt8>, path: String, targetColumn: Int?, header: Bool?) {
        self.buffer = buffer
        self.path = path
        self.targetColumn = targetColumn
        self.header = header
    }

    mutating func run() throws(FileError) -> CSVData.Table {
        var position = 0, line = 1
        let n = buffer.count
        while position <= n {
            var end = position
            while end < n, buffer[end] != 0x0A, buffer[end] != 0x0D { end += 1 }
            try row(position, end, line: line)
            if end >= n { break }
            position = end + (buffer[end] == 0x0D && end + 1 < n && buffer[end + 1] == 0x0A ? 2 : 1)
            line += 1
        }
        guard !result.features.isEmpty else { throw FileError(path: path, message: "the file has no data rows") }
        return result
    }

    private mutating func row(_ lineStart: Int, _ lineEnd: Int, line: Int) throws(FileError) {
        splitFields(lineStart, lineEnd)
        let count = starts.count
        if count == 1 && starts[0] == ends[0] { return }   // blank line
        if first {
            first = false
            if header ?? (0..<count).contains(where: { number($0) == nil }) {
                result.header = (0..<count).map(text)
                return
            }
        }
        if width == nil {
            width = count
            guard count >= 2 else {
                throw FileError(path: path, line: line, message: "row has 1 value; a row needs at least one feature and a target")
            }
            target = targetColumn ?? count - 1
            guard target >= 0 && target < count else {
                throw FileError(path: path, line: line, message:
                    "target column \(target) does not exist: rows have \(count) values (columns 0...\(count - 1))")
            }
        }
        guard count == width else {
            throw FileError(path: path, line: line, message: "row has \(count) values, expected \(width!)")
        }
        var features: [Double] = []
        features.reserveCapacity(count - 1)
        var label = 0.0
        for k in 0..<count {
            guard let v = number(k) else {
                let column = buffer[lineStart..<starts[k]].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                throw FileError(path: path, line: line, column: column, message: "\"\(text(k))\" is not a number")
            }
            if k == target { label = v } else { features.append(v) }
        }
        result.labels.append(label)
        result.features.append(features)
        result.lines.append(line)
    }

    /// Field bounds with ASCII blanks trimmed (a field with other bytes is trimmed later, in `text`).
    private mutating func splitFields(_ lineStart: Int, _ lineEnd: Int) {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        var s = lineStart
        while true {
            var e = s
            while e < lineEnd, buffer[e] != UInt8(ascii: ",") { e += 1 }
            var a = s, b = e
            while a < b, buffer[a] == 0x20 || buffer[a] == 0x09 { a += 1 }
            while b > a, buffer[b - 1] == 0x20 || buffer[b - 1] == 0x09 { b -= 1 }
            starts.append(a)
            ends.append(b)
            if e >= lineEnd { break }
            s = e + 1
        }
    }

    /// A finite number, or nil.
    private func number(_ k: Int) -> Double? {
        var a = starts[k], b = ends[k]
        if b - a >= 2, buffer[a] == UInt8(ascii: "\""), buffer[b - 1] == UInt8(ascii: "\"") { a += 1; b -= 1 }
        let field = UnsafeBufferPointer(rebasing: buffer[a..<b])
        if field.contains(where: { $0 >= 0x80 || $0 < 0x20 }) {
            guard let v = Double(text(k)), v.isFinite else { return nil }
            return v
        }
        guard let v = CSVNumber.parse(field), v.isFinite else { return nil }
        return v
    }

    /// The field as text: blanks (any Unicode white space) and surrounding quotes removed.
    private func text(_ k: Int) -> String {
        var t = String(decoding: UnsafeBufferPointer(rebasing: buffer[starts[k]..<ends[k]]), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") { t = String(t.dropFirst().dropLast()) }
        return t
    }
}
