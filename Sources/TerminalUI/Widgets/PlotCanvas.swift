/// A dot grid over a rectangle of cells. In Unicode mode each cell holds 2x4 braille dots;
/// in ASCII mode each cell is one dot, drawn `*` for a data point and `.` for a joining line.
struct PlotCanvas {
    let columns: Int
    let rows: Int
    let unicode: Bool
    private var bits: [UInt8]
    private var roles: [ColorRole?]
    /// ASCII cells drawn with their own character (a dotted series' `o`, a series' own mark), so
    /// that curves stay apart without colour.
    private var marks: [Character?]

    init(columns: Int, rows: Int, unicode: Bool) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.unicode = unicode
        bits = Array(repeating: 0, count: self.columns * self.rows)
        roles = Array(repeating: nil, count: self.columns * self.rows)
        marks = Array(repeating: nil, count: self.columns * self.rows)
    }

    var dotWidth: Int { columns * (unicode ? 2 : 1) }
    var dotHeight: Int { rows * (unicode ? 4 : 1) }

    /// Sets the dot at (x, y), y from the top. `strong` marks a data point (ASCII `*`).
    mutating func set(x: Int, y: Int, role: ColorRole, strong: Bool, mark: Character? = nil) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        if unicode {
            let i = (y / 4) * columns + x / 2
            bits[i] |= Self.brailleBit(dx: x % 2, dy: y % 4)
            roles[i] = role
        } else {
            let i = y * columns + x
            bits[i] = max(bits[i], strong ? 2 : 1)
            roles[i] = role
            marks[i] = mark
        }
    }

    /// Sets every dot on the straight line between two dots.
    mutating func line(from a: (Int, Int), to b: (Int, Int), role: ColorRole, mark: Character? = nil) {
        var (x0, y0) = a
        let (x1, y1) = b
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            set(x: x0, y: y0, role: role, strong: false, mark: mark)
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x0 += sx }
            if e2 <= dx { err += dx; y0 += sy }
        }
    }

    func isEmpty(column: Int, row: Int) -> Bool { bits[row * columns + column] == 0 }

    /// Writes the non-empty cells into the buffer with the top-left cell at `origin`.
    func draw(into buffer: inout Buffer, origin: Point) {
        for r in 0..<rows {
            for c in 0..<columns {
                let b = bits[r * columns + c]
                guard b != 0 else { continue }
                // braille patterns, `*` and `.` are one column wide: set the cell directly
                let symbol = unicode ? EdgeCanvas.braille[Int(b)]
                    : marks[r * columns + c].map(String.init) ?? (b == 2 ? "*" : ".")
                buffer.set(Cell(symbol, style: Style(roles[r * columns + c] ?? .text), width: 1), x: origin.x + c, y: origin.y + r)
            }
        }
    }

    static func brailleBit(dx: Int, dy: Int) -> UInt8 {
        switch (dx, dy) {
        case (0, 3): return 0x40
        case (1, 3): return 0x80
        case (0, _): return UInt8(1 << dy)
        default: return UInt8(1 << (dy + 3))
        }
    }
}
