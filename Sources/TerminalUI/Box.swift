/// The characters of a box border.
public struct BoxStyle: Hashable, Sendable {
    public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String
    /// Joints for dividers: ├ ┤ ┬ ┴ ┼
    public var teeLeft, teeRight, teeDown, teeUp, cross: String

    public init(topLeft: String, topRight: String, bottomLeft: String, bottomRight: String,
                horizontal: String, vertical: String,
                teeLeft: String, teeRight: String, teeDown: String, teeUp: String, cross: String) {
        self.topLeft = topLeft; self.topRight = topRight
        self.bottomLeft = bottomLeft; self.bottomRight = bottomRight
        self.horizontal = horizontal; self.vertical = vertical
        self.teeLeft = teeLeft; self.teeRight = teeRight
        self.teeDown = teeDown; self.teeUp = teeUp; self.cross = cross
    }

    public static let light = BoxStyle(topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
                                       horizontal: "─", vertical: "│",
                                       teeLeft: "├", teeRight: "┤", teeDown: "┬", teeUp: "┴", cross: "┼")
    public static let heavy = BoxStyle(topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛",
                                       horizontal: "━", vertical: "┃",
                                       teeLeft: "┣", teeRight: "┫", teeDown: "┳", teeUp: "┻", cross: "╋")
    public static let rounded = BoxStyle(topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯",
                                         horizontal: "─", vertical: "│",
                                         teeLeft: "├", teeRight: "┤", teeDown: "┬", teeUp: "┴", cross: "┼")
    /// For terminals without UTF-8 (e.g. LC_ALL=C).
    public static let ascii = BoxStyle(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
                                       horizontal: "-", vertical: "|",
                                       teeLeft: "+", teeRight: "+", teeDown: "+", teeUp: "+", cross: "+")

    /// `.light` when the terminal can show Unicode, `.ascii` otherwise.
    public static func standard(unicode: Bool) -> BoxStyle { unicode ? .light : .ascii }
}

extension Buffer {
    /// Draws the border of `rect` (needs at least 2x2 cells); the inside is left as it is.
    public mutating func drawBox(_ rect: Rect, box: BoxStyle = .light, style: Style = Style(.border)) {
        let r = rect
        guard r.width >= 2, r.height >= 2 else { return }
        let top = r.top, bottom = r.bottom - 1, left = r.left, right = r.right - 1
        let horizontal = Glyph(box.horizontal, style), vertical = Glyph(box.vertical, style)
        for x in (left + 1)..<right {
            put(horizontal, x: x, y: top)
            put(horizontal, x: x, y: bottom)
        }
        for y in (top + 1)..<bottom {
            put(vertical, x: left, y: y)
            put(vertical, x: right, y: y)
        }
        put(box.topLeft, x: left, y: top, style: style)
        put(box.topRight, x: right, y: top, style: style)
        put(box.bottomLeft, x: left, y: bottom, style: style)
        put(box.bottomRight, x: right, y: bottom, style: style)
    }

    /// A horizontal divider across `rect` at row `y`, with tees where it meets the box sides.
    public mutating func drawHorizontalDivider(in rect: Rect, y: Int, box: BoxStyle = .light, style: Style = Style(.border)) {
        guard rect.width >= 2 else { return }
        let horizontal = Glyph(box.horizontal, style)
        for x in (rect.left + 1)..<(rect.right - 1) { put(horizontal, x: x, y: y) }
        put(box.teeLeft, x: rect.left, y: y, style: style)
        put(box.teeRight, x: rect.right - 1, y: y, style: style)
    }

    /// A vertical divider down `rect` at column `x`, with tees where it meets the box top and bottom.
    public mutating func drawVerticalDivider(in rect: Rect, x: Int, box: BoxStyle = .light, style: Style = Style(.border)) {
        guard rect.height >= 2 else { return }
        let vertical = Glyph(box.vertical, style)
        for y in (rect.top + 1)..<(rect.bottom - 1) { put(vertical, x: x, y: y) }
        put(box.teeDown, x: x, y: rect.top, style: style)
        put(box.teeUp, x: x, y: rect.bottom - 1, style: style)
    }

    /// Same as `put(glyph.symbol, x:y:style:clip:)`, without measuring the symbol again each time.
    mutating func put(_ glyph: Glyph, x: Int, y: Int, clip: Rect? = nil) {
        guard let cell = glyph.cell else {
            put(glyph.symbol, x: x, y: y, style: glyph.style, clip: clip)
            return
        }
        if let clip, !clip.intersection(area).contains(Point(x: x, y: y)) { return }
        set(cell, x: x, y: y)
    }
}

/// A symbol drawn many times in one style (border lines, axes): measured once. One-column
/// symbols become a ready cell; anything else goes through `put` as usual.
struct Glyph {
    let symbol: String
    let style: Style
    let cell: Cell?

    init(_ symbol: String, _ style: Style) {
        self.symbol = symbol
        self.style = style
        cell = Cell.narrow(symbol, style: style)
    }
}
