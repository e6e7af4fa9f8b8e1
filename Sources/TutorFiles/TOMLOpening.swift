/// For a TOML syntax error: the bracket or string still open where the parser noticed the problem.
/// toml++ reports an unclosed array where it finally fails (often the next table header, lines
/// later); the place to fix is where the array, inline table or multi-line string was opened.
enum TOMLOpening {
    struct Place: Equatable {
        var line: Int
        var column: Int
        /// "array", "inline table", "string"
        var what: String
    }

    /// The outermost bracket, or the string, open at `line`:`column` (1-based) and opened on an
    /// earlier line (or anywhere, when the parser ran into the end of the file); nil when none is.
    static func open(at line: Int, column: Int, in text: String, atEnd: Bool = false) -> Place? {
        let bytes = Array(text.utf8)
        var i = 0, l = 1, lineStart = 0
        var stack: [Place] = []
        var string: Place?
        func reached() -> Bool { l > line || (l == line && i - lineStart + 1 >= column) }
        while i < bytes.count, !reached() {
            let c = bytes[i]
            if let s = string {
                let quote = s.what == "string" ? UInt8(ascii: "\"") : UInt8(ascii: "'")
                if c == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") { i += 2; continue }
                if c == quote, i + 2 < bytes.count, bytes[i + 1] == quote, bytes[i + 2] == quote {
                    string = nil
                    i += 3
                    continue
                }
            } else {
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if i + 2 < bytes.count, bytes[i + 1] == c, bytes[i + 2] == c {
                        string = Place(line: l, column: i - lineStart + 1, what: c == UInt8(ascii: "\"") ? "string" : "literal string")
                        i += 3
                        continue
                    }
                    // a one-line string: skip to its end or the end of the line
                    i += 1
                    while i < bytes.count, bytes[i] != c, bytes[i] != 0x0A {
                        i += bytes[i] == UInt8(ascii: "\\") && c == UInt8(ascii: "\"") ? 2 : 1
                    }
                    if i < bytes.count, bytes[i] == c { i += 1 }
                    continue
                case UInt8(ascii: "#"):
                    while i < bytes.count, bytes[i] != 0x0A { i += 1 }
                    continue
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    stack.append(Place(line: l, column: i - lineStart + 1, what: c == UInt8(ascii: "[") ? "array" : "inline table"))
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    _ = stack.popLast()
                default: break
                }
            }
            if c == 0x0A {
                l += 1
                lineStart = i + 1
            }
            i += 1
        }
        if let s = string, s.line < line || atEnd { return s }
        if let first = stack.first, first.line < line || atEnd { return first }
        return nil
    }
}
