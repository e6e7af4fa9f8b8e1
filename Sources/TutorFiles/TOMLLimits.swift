/// Limits checked on a network file's text before TOMLKit sees it: toml++ (inside TOMLKit) and the
/// conversion into `TOMLNode` recurse once per part of a dotted key, so `a.a.a.…a = 1` with tens of
/// thousands of parts overflows the stack; and a file far larger than any network is refused at once.
enum TOMLLimits {
    /// The article's 784-128-64-10 network with all its weights written out is 2.4 MB.
    static let maxBytes = 64 << 20
    /// Parts of a dotted key or table name plus open brackets around it.
    static let maxDepth = 100

    static func check(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws(FileError) {
        if bytes.count > maxBytes {
            throw FileError(path: path, message: "the file is \(megabytes(bytes.count)); network files are limited to "
                + "\(megabytes(maxBytes)) (the article's 784-128-64-10 network with its weights is 2.4 MB)")
        }
        var i = 0, line = 1, lineStart = 0
        var brackets = 0            // open [ and { outside strings
        var dots = 0                // dots in the current run of key parts
        var runLine = 1, runColumn = 1
        let n = bytes.count
        func skipString(_ quote: UInt8) {
            let triple = i + 2 < n && bytes[i + 1] == quote && bytes[i + 2] == quote
            i += triple ? 3 : 1
            while i < n {
                let c = bytes[i]
                if c == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") { i += 2; continue }
                if c == quote && (!triple || (i + 2 < n && bytes[i + 1] == quote && bytes[i + 2] == quote)) {
                    i += triple ? 3 : 1
                    return
                }
                if c == 0x0A {
                    if !triple { return }
                    line += 1
                    lineStart = i + 1
                }
                i += 1
            }
        }
        while i < n {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                skipString(c)
                continue
            case UInt8(ascii: "."):
                if dots == 0 { (runLine, runColumn) = (line, i - lineStart + 1) }
                dots += 1
                if dots + brackets > maxDepth {
                    throw FileError(path: path, line: runLine, column: runColumn, message:
                        "a dotted key or table name nested more than \(maxDepth) levels deep; a network file needs only a few")
                }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                brackets += 1
                dots = 0
                if brackets > maxDepth {
                    throw FileError(path: path, line: line, column: i - lineStart + 1, message:
                        "arrays or tables nested more than \(maxDepth) levels deep; a network file needs at most 3")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                brackets = max(0, brackets - 1)
                dots = 0
            case UInt8(ascii: "#"):
                while i < n, bytes[i] != 0x0A { i += 1 }
                continue
            case 0x0A:
                line += 1
                lineStart = i + 1
                dots = 0
            case 0x20, 0x09, 0x0D, UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"):
                break
            default:
                // letters and digits continue a key; anything else ends it
                if !((c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") || c &- 48 < 10 || c >= 0x80) {
                    dots = 0
                }
            }
            i += 1
        }
    }

    private static func megabytes(_ n: Int) -> String {
        let mb = Double(n) / Double(1 << 20)
        return mb >= 10 ? "\(Int(mb.rounded())) MB" : "\(Double(Int(mb * 10)) / 10) MB"
    }
}
