/// Wrapped paragraphs. Text between asterisks, `*like this*`, is drawn bold (and in the
/// `emphasis` role); `**` writes a literal asterisk. Lines that do not fit in the area are cut.
public struct TextBlock: Widget, Sendable {
    public enum Alignment: Sendable { case left, center }

    public var text: String
    public var style: Style
    public var emphasis: Style
    public var alignment: Alignment

    public init(_ text: String, style: Style = .plain, emphasis: Style = Style(.text, attributes: .bold),
                alignment: Alignment = .left) {
        self.text = text
        self.style = style
        self.emphasis = emphasis
        self.alignment = alignment
    }

    /// The lines as they will be drawn at this width, each a list of (text, bold) runs.
    public func layout(width: Int) -> [[(text: String, bold: Bool)]] {
        let (chars, bold) = Self.parse(text)
        return wrapLines(chars, width: width).map { line in
            // one String per run of equal boldness, not one append per character
            var runs: [(text: String, bold: Bool)] = []
            if line.indent > 0 { runs.append((String(repeating: " ", count: line.indent), false)) }
            let r = line.range
            if let shortened = line.shortened {
                runs.append((shortened, r.isEmpty ? false : bold[r.lowerBound]))
                return runs
            }
            var runStart = r.lowerBound
            for i in r where i + 1 == r.upperBound || bold[i + 1] != bold[i] {
                runs.append((string(of: chars[runStart...i]), bold[i]))
                runStart = i + 1
            }
            return runs
        }
    }

    /// Number of rows this text needs at `width`.
    public func height(width: Int) -> Int { layout(width: width).count }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        render(layout(width: area.width), into: &buffer, area: area)
    }

    /// Draws lines already laid out by `layout(width: area.width)` (for callers that needed
    /// the layout first, e.g. to count its rows).
    func render(_ lines: [[(text: String, bold: Bool)]], into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        for (row, runs) in lines.prefix(area.height).enumerated() {
            var x = area.x
            if alignment == .center {
                let lineWidth = runs.reduce(0) { $0 + displayWidth(of: $1.text) }
                x += max(0, (area.width - lineWidth) / 2)
            }
            for run in runs {
                x = buffer.put(run.text, x: x, y: area.y + row, style: run.bold ? emphasis : style, clip: area)
            }
        }
    }

    /// Removes the `*` markers and returns the characters with a bold flag for each.
    static func parse(_ text: String) -> ([Character], [Bool]) {
        var chars: [Character] = [], bold: [Bool] = []
        var inBold = false
        var it = Array(text)[...]
        while let c = it.popFirst() {
            if c == "*" {
                if it.first == "*" {
                    it.removeFirst()
                    chars.append("*"); bold.append(inBold)
                } else {
                    inBold.toggle()
                }
                continue
            }
            chars.append(c); bold.append(inBold)
        }
        return (chars, bold)
    }
}
