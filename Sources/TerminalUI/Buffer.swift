/// A grid of cells: the whole screen (or part of it) drawn in memory.
///
/// Widgets draw into a `Buffer`; the backend sends only the cells that changed since the last
/// frame; tests compare buffers or their `lines`.
public struct Buffer: Equatable, Sendable, CustomStringConvertible {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// A buffer whose rows are the given plain lines (handy for expected screens in tests).
    /// The width is the widest line unless given.
    public init(lines: [String], width: Int? = nil) {
        self.init(width: width ?? lines.map { displayWidth(of: $0) }.max() ?? 0, height: lines.count)
        for (row, line) in lines.enumerated() { put(line, at: Point(x: 0, y: row)) }
    }

    public var area: Rect { Rect(width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Sets one cell. Keeps wide characters whole: overwriting either half of a wide character
    /// blanks the other half.
    public mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let i = y * width + x
        let old = cells[i]
        if old.isContinuation, x > 0, !cell.isContinuation {
            cells[i - 1] = Cell(" ", style: cells[i - 1].style)
        }
        if !old.isContinuation, old.width == 2, x + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(" ", style: old.style)
        }
        cells[i] = cell
    }

    /// Writes `text` from `point` rightwards on one row and returns the column after the last
    /// character written. Wide characters take two cells (the second a continuation cell);
    /// combining marks join the character before them; a wide character that would straddle the
    /// right edge of the clip area is replaced by a space. Control characters are skipped and
    /// tabs become a space. Everything outside `clip` (default: the whole buffer) is dropped.
    @discardableResult
    public mutating func put(_ text: String, at point: Point, style: Style = .plain, clip: Rect? = nil) -> Int {
        let bounds = (clip ?? area).intersection(area)
        var x = point.x
        guard point.y >= bounds.top, point.y < bounds.bottom else { return x + displayWidth(of: text) }
        for ch in text {
            var symbol = String(ch)
            var w = displayWidth(of: ch)
            if ch == "\t" { symbol = " "; w = 1 }
            if w == 0 { continue }
            if x >= bounds.right { x += w; continue }
            if x < bounds.left {
                if x + w > bounds.left { set(Cell(" ", style: style), x: bounds.left, y: point.y) }
                x += w
                continue
            }
            if x + w > bounds.right {
                set(Cell(" ", style: style), x: x, y: point.y)
                x += w
                continue
            }
            set(Cell(symbol, style: style), x: x, y: point.y)
            if w == 2 { set(Cell.continuation.restyled(style), x: x + 1, y: point.y) }
            x += w
        }
        return x
    }

    /// Same as `put(_:at:style:clip:)` with separate coordinates.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        put(text, at: Point(x: x, y: y), style: style, clip: clip)
    }

    /// Fills a rectangle with one cell (blank by default).
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let r = rect.intersection(area)
        for y in r.top..<r.bottom { for x in r.left..<r.right { set(cell, x: x, y: y) } }
    }

    /// Changes the style of every cell in `rect`, keeping the symbols.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let r = rect.intersection(area)
        for y in r.top..<r.bottom { for x in r.left..<r.right { cells[y * width + x].style = style } }
    }

    /// Adds attributes (e.g. `.reverse` for a highlighted row) to every cell in `rect`.
    public mutating func addAttributes(_ attributes: Attributes, in rect: Rect) {
        let r = rect.intersection(area)
        for y in r.top..<r.bottom {
            for x in r.left..<r.right { cells[y * width + x].style.attributes.formUnion(attributes) }
        }
    }

    /// Copies another buffer into this one with its top-left corner at `origin`, clipped.
    public mutating func blit(_ other: Buffer, at origin: Point) {
        for y in 0..<other.height {
            for x in 0..<other.width {
                set(other[x, y], x: origin.x + x, y: origin.y + y)
            }
        }
    }

    /// One plain-text line per row, continuation cells omitted, trailing spaces trimmed.
    public var lines: [String] {
        (0..<height).map { row in
            var s = ""
            for x in 0..<width { s += cells[row * width + x].symbol }
            while s.last == " " { s.removeLast() }
            return s
        }
    }

    /// The text of row `y` (trailing spaces trimmed).
    public func line(_ y: Int) -> String { y >= 0 && y < height ? lines[y] : "" }

    public var description: String { lines.joined(separator: "\n") }
}

extension Cell {
    func restyled(_ style: Style) -> Cell { Cell(symbol, style: style) }
}
