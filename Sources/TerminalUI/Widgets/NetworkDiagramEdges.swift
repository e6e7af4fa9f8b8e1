/// The edges of a `NetworkDiagram`, drawn over a rectangle of cells before they go into the buffer.
///
/// Unicode: braille dots (2x4 per cell), so many edges can cross a narrow gap; a solid line for a
/// positive weight, every other dot for a negative one; a highlighted edge is two dots thick.
/// ASCII: one character per cell; `-` `/` `\` `|` for a positive weight (`=` for the flat parts of
/// a highlighted one), `.` `:` for a negative one; `/` over `\` makes `X`, `-` over `|` makes `+`.
/// Every cell keeps the style of the last edge drawn through it, so edges drawn later stay on top.
struct EdgeCanvas {
    let area: Rect
    let unicode: Bool
    /// Braille dot bits (Unicode) or an ASCII character code; 0 = empty.
    private var bits: [UInt8]
    private var styles: [Style]

    init(area: Rect, unicode: Bool) {
        self.area = area
        self.unicode = unicode
        bits = Array(repeating: 0, count: area.width * area.height)
        styles = Array(repeating: .plain, count: area.width * area.height)
    }

    /// How an edge looks apart from its style.
    struct Stroke {
        /// Negative weight: dotted braille, `.` `:` in ASCII.
        var dotted: Bool
        /// Highlighted: two dots thick, `=` for flat positive runs in ASCII.
        var heavy: Bool
    }

    /// Draws an edge that leaves the cell `from` and arrives in the cell `to` (absolute cell
    /// coordinates, `from.x <= to.x`), at the middle of the rows.
    mutating func edge(from: Point, to: Point, stroke: Stroke, style: Style) {
        if unicode {
            let a = (from.x * 2 - area.x * 2, (from.y - area.y) * 4 + 1)
            let b = (to.x * 2 + 1 - area.x * 2, (to.y - area.y) * 4 + 1)
            var step = 0
            bresenham(a, b) { x, y, _, _ in
                defer { step += 1 }
                if stroke.dotted && step % 2 == 1 { return }
                setDot(x: x, y: y, style: style)
                if stroke.heavy { setDot(x: x, y: y + 1, style: style) }
            }
        } else {
            let a = (from.x - area.x, from.y - area.y), b = (to.x - area.x, to.y - area.y)
            bresenham(a, b) { x, y, dx, dy in
                let code: UInt8
                switch (dx, dy, stroke.dotted) {
                case (_, 0, true): code = UInt8(ascii: ".")
                case (_, _, true): code = UInt8(ascii: ":")
                case (_, 0, false): code = UInt8(ascii: stroke.heavy ? "=" : "-")
                case (0, _, false): code = UInt8(ascii: "|")
                case (_, let d, false): code = UInt8(ascii: d > 0 ? "\\" : "/")
                }
                setChar(x: x, y: y, code: code, style: style)
            }
        }
    }

    /// Every point on the line from `a` to `b`, with the step that led to it (for the first
    /// point, the step that leaves it): `dx` 0 or ±1, `dy` 0 or ±1.
    private func bresenham(_ a: (Int, Int), _ b: (Int, Int), _ body: (Int, Int, Int, Int) -> Void) {
        var (x0, y0) = a
        let (x1, y1) = b
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        var previous: (Int, Int)? = nil
        while true {
            let done = x0 == x1 && y0 == y1
            var mx = 0, my = 0
            if !done {
                let e2 = 2 * err
                if e2 >= dy { err += dy; mx = sx }
                if e2 <= dx { err += dx; my = sy }
            }
            let step = previous ?? (mx, my)
            body(x0, y0, step.0, step.1)
            if done { break }
            x0 += mx
            y0 += my
            previous = (mx, my)
        }
    }

    private mutating func setDot(x: Int, y: Int, style: Style) {
        guard x >= 0, y >= 0, x < area.width * 2, y < area.height * 4 else { return }
        let i = (y / 4) * area.width + x / 2
        bits[i] |= PlotCanvas.brailleBit(dx: x % 2, dy: y % 4)
        styles[i] = style
    }

    private mutating func setChar(x: Int, y: Int, code: UInt8, style: Style) {
        guard x >= 0, y >= 0, x < area.width, y < area.height else { return }
        let i = y * area.width + x
        let slash = UInt8(ascii: "/"), backslash = UInt8(ascii: "\\")
        switch (bits[i], code) {
        case (slash, backslash), (backslash, slash), (UInt8(ascii: "X"), slash), (UInt8(ascii: "X"), backslash):
            bits[i] = UInt8(ascii: "X")
        case (UInt8(ascii: "-"), UInt8(ascii: "|")), (UInt8(ascii: "|"), UInt8(ascii: "-")):
            bits[i] = UInt8(ascii: "+")
        default:
            bits[i] = code
        }
        styles[i] = style
    }

    /// The 256 braille patterns and the ASCII characters, made once.
    static let braille: [String] = (0..<256).map { String(Character(Unicode.Scalar(0x2800 + UInt32($0))!)) }
    static let ascii: [String] = (0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) }

    /// Writes the cells that have something in them.
    func draw(into buffer: inout Buffer) {
        for r in 0..<area.height {
            for c in 0..<area.width {
                let i = r * area.width + c
                let b = bits[i]
                guard b != 0 else { continue }
                let symbol = unicode ? Self.braille[Int(b)] : Self.ascii[Int(b & 0x7F)]
                // braille patterns and the ASCII strokes are all one column wide
                buffer.set(Cell(symbol, style: styles[i], width: 1), x: area.x + c, y: area.y + r)
            }
        }
    }
}
