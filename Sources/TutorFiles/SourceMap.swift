/// Where things are in a TOML text: the line of each table header, of each key, and of each
/// element of a multi-line array. TOMLKit does not expose node positions, so the text is scanned
/// (strings and comments are skipped; arrays may span lines).
///
/// Paths are dotted: `network`, `training.learning_rate`; the n-th `[[scene]]` is `scene[n]`,
/// so its keys are `scene[0].text`, and a `[scene.quiz]` after it is `scene[0].quiz`.
struct SourceMap: Sendable {
    private(set) var tableLines: [String: Int] = [:]
    private(set) var keyLines: [String: Int] = [:]
    /// path of an array key → line where each of its top-level elements starts
    private(set) var elementLines: [String: [Int]] = [:]

    init(_ text: String) {
        let bytes = Array(text.utf8)
        self = bytes.withUnsafeBufferPointer { SourceMap(bytes: $0) }
    }

    /// The scan works on the UTF-8 bytes: every character it looks for is ASCII.
    private init(bytes all: UnsafeBufferPointer<UInt8>) {
        var table = ""
        var arrayTableCounts: [String: Int] = [:]
        var stack: [UInt8] = []          // open [ and { of the current value
        var valueKey: String?            // key whose value is being read
        var expectingElement = false
        var openString: (quote: UInt8, triple: Bool)?   // a string that continues on the next line
        let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\")
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

        var lineStart = 0, line = 0
        while lineStart <= all.count {
            line += 1
            var lineEnd = lineStart
            while lineEnd < all.count, all[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var end = lineEnd
            if end > lineStart, all[end - 1] == 0x0D { end -= 1 }
            let chars = UnsafeBufferPointer(rebasing: all[lineStart..<end])
            var i = 0
            if openString == nil && stack.isEmpty {
                while i < chars.count, chars[i] == space || chars[i] == tab { i += 1 }
                if i < chars.count, chars[i] == UInt8(ascii: "[") {
                    let isArray = i + 1 < chars.count && chars[i + 1] == UInt8(ascii: "[")
                    var j = i + (isArray ? 2 : 1)
                    let parts = SourceMap.readKey(chars, &j)
                    var name = parts.joined(separator: ".")
                    // [scene.quiz] after the n-th [[scene]] is scene[n].quiz
                    if !isArray, parts.count > 1 {
                        for k in stride(from: parts.count - 1, through: 1, by: -1) {
                            let prefix = parts[..<k].joined(separator: ".")
                            if let n = arrayTableCounts[prefix] {
                                name = prefix + "[\(n - 1)]." + parts[k...].joined(separator: ".")
                                break
                            }
                        }
                    }
                    if isArray {
                        let n = arrayTableCounts[name, default: 0]
                        arrayTableCounts[name] = n + 1
                        name += "[\(n)]"
                    }
                    table = name
                    if tableLines[name] == nil { tableLines[name] = line }
                    continue
                }
                var j = i
                let parts = SourceMap.readKey(chars, &j)
                while j < chars.count, chars[j] == space || chars[j] == tab { j += 1 }
                guard !parts.isEmpty, j < chars.count, chars[j] == UInt8(ascii: "=") else { continue }
                let key = ([table].filter { !$0.isEmpty } + parts).joined(separator: ".")
                if keyLines[key] == nil { keyLines[key] = line }
                valueKey = key
                i = j + 1
            }
            // the value: follow strings and brackets to know where it ends
            while i < chars.count {
                if let open = openString {
                    if SourceMap.matches(chars, i, open.quote, open.triple ? 3 : 1) {
                        openString = nil
                        i += open.triple ? 3 : 1
                    } else {
                        i += open.quote == quote && chars[i] == backslash ? 2 : 1
                    }
                    continue
                }
                let c = chars[i]
                if c == UInt8(ascii: "#") { break }
                if expectingElement, stack.count == 1, stack[0] == UInt8(ascii: "["),
                   c != space, c != tab, c != UInt8(ascii: ","), c != UInt8(ascii: "]") {
                    if let key = valueKey { elementLines[key, default: []].append(line) }
                    expectingElement = false
                }
                switch c {
                case quote, apostrophe:
                    let triple = SourceMap.matches(chars, i, c, 3)
                    openString = (c, triple)
                    i += triple ? 3 : 1
                    continue
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    stack.append(c)
                    if stack.count == 1 && c == UInt8(ascii: "[") { expectingElement = true }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if !stack.isEmpty { stack.removeLast() }
                case UInt8(ascii: ","):
                    if stack.count == 1, stack[0] == UInt8(ascii: "[") { expectingElement = true }
                default: break
                }
                i += 1
            }
            // a single-quoted or double-quoted string cannot span lines
            if let open = openString, !open.triple { openString = nil }
        }
    }

    /// Line of a key, else of the nearest enclosing key or table that is written in the file.
    func line(of path: String) -> Int? {
        var parts = path.split(separator: ".").map(String.init)
        while !parts.isEmpty {
            let p = parts.joined(separator: ".")
            if let l = keyLines[p] ?? tableLines[p] { return l }
            parts.removeLast()
        }
        return nil
    }

    /// Line where element `index` of the array at `path` starts, else the key's line.
    func line(of path: String, element index: Int) -> Int? {
        if let lines = elementLines[path], index >= 0, index < lines.count { return lines[index] }
        return line(of: path)
    }

    /// `count` copies of `c` at `i`.
    private static func matches(_ chars: UnsafeBufferPointer<UInt8>, _ i: Int, _ c: UInt8, _ count: Int) -> Bool {
        guard i + count <= chars.count else { return false }
        for k in i..<(i + count) where chars[k] != c { return false }
        return true
    }

    /// Bare key characters: ASCII letters, digits, _ and -, and (leniently) any non-ASCII byte.
    private static func isKeyByte(_ c: UInt8) -> Bool {
        (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") || c &- 48 < 10
            || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c >= 0x80
    }

    /// Reads a dotted key (bare or quoted parts); stops at `=`, `]` or anything else.
    private static func readKey(_ chars: UnsafeBufferPointer<UInt8>, _ j: inout Int) -> [String] {
        var parts: [String] = []
        func blanks(_ j: inout Int) { while j < chars.count, chars[j] == 0x20 || chars[j] == 0x09 { j += 1 } }
        while j < chars.count {
            blanks(&j)
            guard j < chars.count else { break }
            let c = chars[j]
            let start: Int
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                j += 1
                start = j
                while j < chars.count, chars[j] != c { j += 1 }
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: chars[start..<j]), as: UTF8.self))
                j += 1
            } else if isKeyByte(c) {
                start = j
                while j < chars.count, isKeyByte(chars[j]) { j += 1 }
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: chars[start..<j]), as: UTF8.self))
            } else { break }
            blanks(&j)
            if j < chars.count, chars[j] == UInt8(ascii: ".") { j += 1 } else { break }
        }
        return parts
    }
}
