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
        var table = ""
        var arrayTableCounts: [String: Int] = [:]
        var stack: [Character] = []      // open [ and { of the current value
        var valueKey: String?            // key whose value is being read
        var expectingElement = false
        var openString: String?          // delimiter of a string that continues on the next line

        for (index, lineText) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            var chars = Array(lineText)
            if chars.last == "\r" { chars.removeLast() }
            var i = 0
            if openString == nil && stack.isEmpty {
                while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
                if i < chars.count, chars[i] == "[" {
                    let isArray = i + 1 < chars.count && chars[i + 1] == "["
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
                while j < chars.count, chars[j] == " " || chars[j] == "\t" { j += 1 }
                guard !parts.isEmpty, j < chars.count, chars[j] == "=" else { continue }
                let key = ([table].filter { !$0.isEmpty } + parts).joined(separator: ".")
                if keyLines[key] == nil { keyLines[key] = line }
                valueKey = key
                i = j + 1
            }
            // the value: follow strings and brackets to know where it ends
            while i < chars.count {
                if let delimiter = openString {
                    if SourceMap.matches(chars, i, delimiter) {
                        openString = nil
                        i += delimiter.count
                    } else {
                        i += (delimiter == "\"" || delimiter == "\"\"\"") && chars[i] == "\\" ? 2 : 1
                    }
                    continue
                }
                let c = chars[i]
                if c == "#" { break }
                if stack == ["["], expectingElement, c != " ", c != "\t", c != ",", c != "]" {
                    if let key = valueKey { elementLines[key, default: []].append(line) }
                    expectingElement = false
                }
                switch c {
                case "\"", "'":
                    let triple = SourceMap.matches(chars, i, String(repeating: c, count: 3))
                    openString = triple ? String(repeating: c, count: 3) : String(c)
                    i += triple ? 3 : 1
                    continue
                case "[", "{":
                    stack.append(c)
                    if stack.count == 1 && c == "[" { expectingElement = true }
                case "]", "}":
                    if !stack.isEmpty { stack.removeLast() }
                case ",":
                    if stack == ["["] { expectingElement = true }
                default: break
                }
                i += 1
            }
            // a single-quoted or double-quoted string cannot span lines
            if let d = openString, d.count == 1 { openString = nil }
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

    private static func matches(_ chars: [Character], _ i: Int, _ s: String) -> Bool {
        let t = Array(s)
        return i + t.count <= chars.count && Array(chars[i..<(i + t.count)]) == t
    }

    /// Reads a dotted key (bare or quoted parts); stops at `=`, `]` or anything else.
    private static func readKey(_ chars: [Character], _ j: inout Int) -> [String] {
        var parts: [String] = []
        while j < chars.count {
            while j < chars.count, chars[j] == " " || chars[j] == "\t" { j += 1 }
            guard j < chars.count else { break }
            let c = chars[j]
            if c == "\"" || c == "'" {
                var part = ""
                j += 1
                while j < chars.count, chars[j] != c { part.append(chars[j]); j += 1 }
                j += 1
                parts.append(part)
            } else if c.isLetter || c.isNumber || c == "_" || c == "-" {
                var part = ""
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "-" {
                    part.append(chars[j]); j += 1
                }
                parts.append(part)
            } else { break }
            while j < chars.count, chars[j] == " " || chars[j] == "\t" { j += 1 }
            if j < chars.count, chars[j] == "." { j += 1 } else { break }
        }
        return parts
    }
}
