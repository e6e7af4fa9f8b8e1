/// A box with an optional title in its top border and an optional footer in its bottom border:
/// `┌ Title ─────┐`. Draw the panel, then draw the content into `inner(area)`.
public struct Panel: Widget, Sendable {
    public var title: String
    public var footer: String
    public var box: BoxStyle
    public var borderStyle: Style
    public var titleStyle: Style

    public init(title: String = "", footer: String = "", box: BoxStyle = .light,
                borderStyle: Style = Style(.border), titleStyle: Style = Style(.title, attributes: .bold)) {
        self.title = title
        self.footer = footer
        self.box = box
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
    }

    /// The area inside the border.
    public func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard area.width >= 2, area.height >= 2 else { return }
        buffer.fill(inner(area))
        buffer.drawBox(area, box: box, style: borderStyle)
        label(title, row: area.top, in: area, into: &buffer)
        label(footer, row: area.bottom - 1, in: area, into: &buffer)
    }

    /// Writes ` text ` into a border row after the corner, cut to fit between the corners.
    private func label(_ text: String, row: Int, in area: Rect, into buffer: inout Buffer) {
        guard !text.isEmpty, area.width >= 5 else { return }
        let clip = Rect(x: area.x + 1, y: row, width: area.width - 2, height: 1)
        let room = clip.width - 2
        let shown = truncate(text, width: room, unicode: box != .ascii)
        buffer.put(" " + shown + " ", x: clip.x, y: row, style: titleStyle, clip: clip)
    }
}

/// `text` cut to at most `width` columns, ending in "…" when cut (or "~" when `unicode` is false).
public func truncate(_ text: String, width: Int, unicode: Bool = true) -> String {
    guard width > 0 else { return "" }
    if displayWidth(of: text) <= width { return text }
    let ellipsis = unicode ? "…" : "~"
    var out = "", used = 0
    for ch in text {
        let w = displayWidth(of: ch)
        if used + w > width - 1 { break }
        out.append(ch)
        used += w
    }
    while out.last == " " { out.removeLast() }
    return out + ellipsis
}
