/// A one-line list of keys and what they do: `→/n next  ←/p back  q quit`.
/// Hints that do not fit are left out whole (never cut in the middle).
public struct KeyHints: Widget, Sendable {
    public struct Hint: Hashable, Sendable {
        public var key: String
        public var label: String
        public init(_ key: String, _ label: String) { self.key = key; self.label = label }
    }

    public var hints: [Hint]
    public var separator: String

    public init(_ hints: [Hint], separator: String = "  ") {
        self.hints = hints
        self.separator = separator
    }

    public init(_ pairs: [(String, String)], separator: String = "  ") {
        self.init(pairs.map { Hint($0.0, $0.1) }, separator: separator)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        var x = area.x
        let y = area.y
        for (i, hint) in hints.enumerated() {
            let sep = i == 0 ? "" : separator
            let needed = displayWidth(of: sep) + displayWidth(of: hint.key) + 1 + displayWidth(of: hint.label)
            if x + needed > area.right { break }
            x = buffer.put(sep, x: x, y: y, style: Style(.text), clip: area)
            x = buffer.put(hint.key, x: x, y: y, style: Style(.keyHint), clip: area)
            x = buffer.put(" " + hint.label, x: x, y: y, style: Style(.dim), clip: area)
        }
    }
}
