/// Large arrays of plain numbers (a network file's weights: 109,386 of them for 784-128-64-10)
/// read by a scanner of our own before TOMLKit sees the text. toml++ (inside TOMLKit) reads each
/// float through a C++ stream, which was most of the time of reading such a file.
///
/// Each array value (`key = [` outside strings and comments) of at least `minimumBytes` that holds
/// only numbers, nested arrays, commas, white space and comments is read here and cut out of the
/// text TOMLKit parses: its bytes become spaces, newlines kept, with one placeholder integer
/// (`marker + k`) inside the brackets, so every line and column TOMLKit could report is where it
/// was. Only what TOML surely accepts is taken (no underscores, inf, nan, hex; ASCII comments);
/// anything else leaves the array to TOMLKit, errors included. `TOMLNode.parse` checks that each
/// placeholder came back once, as the only element of an array, and otherwise parses the original
/// text instead: a scan that went wrong can cost time, never a different result.
enum TOMLNumberArrays {
    /// Smaller arrays are left to TOMLKit: cutting them out would save nothing worth a difference.
    static let minimumBytes = 512
    /// Placeholders are marker, marker + 1, …; a text that has these digits anywhere is not cut.
    static let marker = 9_111_111_111_000_000_000
    static let markerDigits = Array("9111111111".utf8)

    /// The text with the arrays cut out, and the arrays in order; nil when there is nothing to cut.
    static func cut(_ bytes: [UInt8]) -> (text: [UInt8], arrays: [TOMLNode])? {
        guard bytes.count >= minimumBytes else { return nil }
        return bytes.withUnsafeBufferPointer { b -> (text: [UInt8], arrays: [TOMLNode])? in
            if contains(b, markerDigits) { return nil }
            var out: [UInt8]? = nil
            var arrays: [TOMLNode] = []
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                switch c {
                case UInt8(ascii: "#"):
                    while i < n, b[i] != 0x0A { i += 1 }
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    i = skipString(b, at: i)
                case UInt8(ascii: "="):
                    i += 1
                    while i < n, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
                    guard i < n, b[i] == UInt8(ascii: "[") else { continue }
                    var scanner = Scanner(b: b, i: i)
                    guard let node = scanner.array(depth: 0), scanner.i - i >= minimumBytes,
                          let spot = placeholderSpot(b, from: i + 1, to: scanner.i - 1) else { continue }
                    if out == nil { out = Array(b) }
                    let digits = Array(String(marker + arrays.count).utf8)
                    for k in (i + 1)..<(scanner.i - 1) where b[k] != 0x0A && b[k] != 0x0D { out![k] = 0x20 }
                    for (d, digit) in digits.enumerated() { out![spot + d] = digit }
                    arrays.append(node)
                    i = scanner.i
                default:
                    i += 1
                }
            }
            guard let out else { return nil }
            return (out, arrays)
        }
    }

    /// A place inside the brackets for the placeholder: the first run of 19 positions on one line
    /// (a line of weights is far longer).
    private static func placeholderSpot(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        let width = String(marker).utf8.count
        var runStart = start
        var k = start
        while k < end {
            if b[k] == 0x0A || b[k] == 0x0D {
                runStart = k + 1
            } else if k + 1 - runStart >= width {
                return runStart
            }
            k += 1
        }
        return nil
    }

    /// The index after the string starting at i (one-line or multi-line, basic or literal), or
    /// the end of the text.
    private static func skipString(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let n = b.count, quote = b[start]
        let basic = quote == UInt8(ascii: "\"")
        let triple = start + 2 < n && b[start + 1] == quote && b[start + 2] == quote
        var i = start + (triple ? 3 : 1)
        while i < n {
            let c = b[i]
            if basic && c == UInt8(ascii: "\\") { i += 2; continue }
            if !triple && c == 0x0A { return i }
            if c == quote {
                if !triple { return i + 1 }
                if i + 2 < n && b[i + 1] == quote && b[i + 2] == quote {
                    // up to two more quotes belong to the string
                    i += 3
                    var extra = 0
                    while extra < 2, i < n, b[i] == quote { i += 1; extra += 1 }
                    return i
                }
            }
            i += 1
        }
        return n
    }

    private static func contains(_ b: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard b.count >= needle.count else { return false }
        var i = 0
        while i <= b.count - needle.count {
            if b[i] == needle[0] {
                var k = 1
                while k < needle.count && b[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// A strict reader of TOML arrays of numbers; nil as soon as anything else turns up.
    struct Scanner {
        let b: UnsafeBufferPointer<UInt8>
        var i: Int

        /// Nested arrays deeper than this are left to TOMLKit (and TOMLLimits).
        static let maxDepth = 8

        /// An array starting at b[i] == "["; on success i is after its "]".
        mutating func array(depth: Int) -> TOMLNode? {
            guard depth < Self.maxDepth else { return nil }
            i += 1
            var items: [TOMLNode] = []
            while true {
                guard skipSpace() else { return nil }
                guard i < b.count else { return nil }
                if b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                if b[i] == UInt8(ascii: "[") {
                    guard let inner = array(depth: depth + 1) else { return nil }
                    items.append(inner)
                } else {
                    guard let number = number() else { return nil }
                    items.append(number)
                }
                guard skipSpace(), i < b.count else { return nil }
                if b[i] == UInt8(ascii: ",") {
                    i += 1
                } else if b[i] != UInt8(ascii: "]") {
                    return nil
                }
            }
        }

        /// Spaces, tabs, newlines (LF, CRLF) and comments of printable ASCII; false on anything a
        /// comment may not hold (or might not: any byte beyond ASCII is left to TOMLKit).
        mutating func skipSpace() -> Bool {
            while i < b.count {
                switch b[i] {
                case 0x20, 0x09, 0x0A: i += 1
                case 0x0D:
                    guard i + 1 < b.count, b[i + 1] == 0x0A else { return false }
                    i += 2
                case UInt8(ascii: "#"):
                    i += 1
                    while i < b.count, b[i] != 0x0A {
                        let c = b[i]
                        if c == 0x0D { break }
                        guard c == 0x09 || (c >= 0x20 && c < 0x7F) else { return false }
                        i += 1
                    }
                default: return true
                }
            }
            return true
        }

        /// Whether a digit 1-9 comes before the exponent in b[from..<to].
        func hasNonZeroDigit(_ from: Int, _ to: Int) -> Bool {
            for k in from..<to {
                let c = b[k]
                if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { return false }
                if c >= UInt8(ascii: "1") && c <= UInt8(ascii: "9") { return true }
            }
            return false
        }

        /// [+-]? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?: an integer without the
        /// fraction and the exponent (at most 18 digits), else a float (finite).
        mutating func number() -> TOMLNode? {
            let start = i
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            let intStart = i
            while i < b.count, b[i] &- 48 < 10 { i += 1 }
            let intDigits = i - intStart
            guard intDigits > 0, intDigits == 1 || b[intStart] != UInt8(ascii: "0") else { return nil }
            var isFloat = false
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                let fracStart = i
                while i < b.count, b[i] &- 48 < 10 { i += 1 }
                guard i > fracStart else { return nil }
                isFloat = true
            }
            if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                let expStart = i
                while i < b.count, b[i] &- 48 < 10 { i += 1 }
                guard i > expStart else { return nil }
                isFloat = true
            }
            // what may follow a number in an array
            if i < b.count {
                switch b[i] {
                case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "#"): break
                default: return nil
                }
            }
            let text = UnsafeBufferPointer(rebasing: b[start..<i])
            if !isFloat {
                guard intDigits <= 18 else { return nil }
                var value = 0
                for k in intStart..<i { value = value * 10 + Int(b[k] &- 48) }
                return .integer(b[start] == UInt8(ascii: "-") ? -value : value)
            }
            // overflow to infinity and underflow to zero or a subnormal are left to TOMLKit
            guard let value = CSVNumber.parse(text), value.isNormal || (value == 0 && !hasNonZeroDigit(start, i))
            else { return nil }
            return .float(value)
        }
    }
}
