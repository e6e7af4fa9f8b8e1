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
        store(cell, at: y * width + x, x: x)
    }

    /// `set` without the bounds check. Only a wide character or a continuation under `cell`
    /// needs fixing up; the common case (a one-column cell) is a plain store.
    @inline(__always)
    private mutating func store(_ cell: Cell, at i: Int, x: Int) {
        let oldWidth = cells[i].width
        if oldWidth != 1 {
            if oldWidth == 0, x > 0, !cell.isContinuation {
                cells[i - 1] = Cell(" ", style: cells[i - 1].style, width: 1)
            }
            if oldWidth == 2, x + 1 < width, cells[i + 1].isContinuation {
                cells[i + 1] = Cell(" ", style: cells[i].style, width: 1)
            }
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
        let row = point.y * width
        // ASCII text: one cell per printable byte, no grapheme breaking or width lookups.
        // (Control bytes are skipped; "\r\n", one grapheme of width 0, is skipped either way.)
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for b in text.utf8 {
                var b = b
                if b == 0x09 { b = 0x20 }
                if b < 0x20 || b == 0x7F { continue }
                if x >= bounds.left && x < bounds.right {
                    store(Cell(asciiSymbols[Int(b)], style: style, width: 1), at: row + x, x: x)
                }
                x += 1
            }
            return x
        }
        for ch in text {
            var w = displayWidth(of: ch)
            if ch == "\t" { w = 1 }
            if w == 0 { continue }
            if x >= bounds.right { x += w; continue }
            if x < bounds.left {
                if x + w > bounds.left { set(Cell(" ", style: style, width: 1), x: bounds.left, y: point.y) }
                x += w
                continue
            }
            if x + w > bounds.right {
                store(Cell(" ", style: style, width: 1), at: row + x, x: x)
                x += w
                continue
            }
            let symbol = ch == "\t" ? " " : String(ch)
            store(Cell(symbol, style: style, width: w), at: row + x, x: x)
            if w == 2 { store(Cell("", style: style, width: 0), at: row + x + 1, x: x + 1) }
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
        for y in r.top..<r.bottom {
            let row = y * width
            // One-column cells (the usual case) are overwritten in place; from the first wide
            // character or continuation on, cell by cell as `set` does, so its other half is
            // fixed up.
            var x = r.left
            cells.withUnsafeMutableBufferPointer { p in
                while x < r.right, p[row + x].width == 1 {
                    p[row + x] = cell
                    x += 1
                }
            }
            while x < r.right {
                store(cell, at: row + x, x: x)
                x += 1
            }
        }
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
    func restyled(_ style: Style) -> Cell { Cell(symbol, style: style, width: width) }
}

/// The one-character strings of the ASCII codes, made once for `put`.
private let asciiSymbols: [String] = (0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) }
