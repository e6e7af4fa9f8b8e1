/// The checks on a CSV file's bytes before its numbers are read: text in UTF-8, and no NUL byte
/// (which C-style number parsing would silently stop at). Errors give the line and column.
enum CSVText {
    static func check(_ bytes: [UInt8], path: String) throws(FileError) {
        // one fast pass; the slow decoding runs only when a byte is NUL or not ASCII
        guard let first = bytes.firstIndex(where: { $0 == 0 || $0 >= 0x80 }) else { return }
        var offset = first
        var iterator = bytes[first...].makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == 0 {
                    throw error(bytes, offset, path, "NUL byte (\\0) in the file; a CSV file must be plain text")
                }
                offset += encoded.count
            case .error:
                throw error(bytes, offset, path,
                            "the file is not UTF-8 text (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) here)")
            case .emptyInput:
                return
            }
        }
    }

    /// A message placed at a byte offset: lines end in \n, \r\n or \r; the column counts characters.
    static func error(_ bytes: [UInt8], _ offset: Int, _ path: String, _ message: String) -> FileError {
        var line = 1, lineStart = 0, i = 0
        while i < offset {
            if bytes[i] == 0x0A || bytes[i] == 0x0D {
                if bytes[i] == 0x0D, i + 1 < offset, bytes[i + 1] == 0x0A { i += 1 }
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        let column = bytes[lineStart..<offset].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return FileError(path: path, line: line, column: column, message: message)
    }
}
