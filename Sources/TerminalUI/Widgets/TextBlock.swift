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
        var result: [[(text: String, bold: Bool)]] = []
        var start = 0
        // Split into paragraphs on newlines, keeping the bold flags aligned.
        while start <= chars.count {
            let end = chars[start...].firstIndex(of: "\n") ?? chars.count
            let para = Array(chars[start..<end])
            for r in wrapRanges(para, width: width) {
                // one String per run of equal boldness, not one append per character
                var runs: [(text: String, bold: Bool)] = []
                var runStart = r.lowerBound
                for i in r where i + 1 == r.upperBound || bold[start + i + 1] != bold[start + i] {
                    runs.append((string(of: para[runStart...i]), bold[start + i]))
                    runStart = i + 1
                }
                result.append(runs)
            }
            start = end + 1
        }
        return result
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
