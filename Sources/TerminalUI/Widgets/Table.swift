/// A small table: a header row and rows of cells, columns aligned by display width
/// (so Japanese headers line up), numbers usually right-aligned.
public struct Table: Widget, Sendable {
    public enum Alignment: Sendable { case left, right }

    public var header: [String]
    public var rows: [[String]]
    public var alignments: [Alignment]
    public var columnGap: Int
    /// Row to draw highlighted (index into `rows`).
    public var selectedRow: Int?
    public var headerStyle: Style
    /// Optional per-cell style, by row and column.
    public var cellStyles: [[Style?]]

    public init(header: [String], rows: [[String]], alignments: [Alignment] = [], columnGap: Int = 2,
                selectedRow: Int? = nil, headerStyle: Style = Style(.title, attributes: .bold),
                cellStyles: [[Style?]] = []) {
        self.header = header
        self.rows = rows
        self.alignments = alignments
        self.columnGap = columnGap
        self.selectedRow = selectedRow
        self.headerStyle = headerStyle
        self.cellStyles = cellStyles
    }

    /// Width of each column: the widest of its header and cells.
    public var columnWidths: [Int] {
        let count = max(header.count, rows.map(\.count).max() ?? 0)
        return (0..<count).map { c in
            let cells = [header] + rows
            return cells.map { c < $0.count ? displayWidth(of: $0[c]) : 0 }.max() ?? 0
        }
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let widths = columnWidths
        var y = area.y
        if !header.isEmpty {
            drawRow(header, widths: widths, y: y, area: area, buffer: &buffer) { _ in headerStyle }
            y += 1
        }
        for (r, row) in rows.enumerated() where y < area.bottom {
            drawRow(row, widths: widths, y: y, area: area, buffer: &buffer) { c in
                r < cellStyles.count && c < cellStyles[r].count ? cellStyles[r][c] ?? .plain : .plain
            }
            if r == selectedRow { buffer.addAttributes(.reverse, in: Rect(x: area.x, y: y, width: area.width, height: 1)) }
            y += 1
        }
    }

    private func drawRow(_ cells: [String], widths: [Int], y: Int, area: Rect, buffer: inout Buffer,
                         style: (Int) -> Style) {
        guard y < area.bottom else { return }
        var x = area.x
        for (c, w) in widths.enumerated() {
            let text = c < cells.count ? cells[c] : ""
            let pad = max(0, w - displayWidth(of: text))
            let align = c < alignments.count ? alignments[c] : .left
            let start = align == .right ? x + pad : x
            buffer.put(text, x: start, y: y, style: style(c), clip: area)
            x += w + columnGap
        }
    }
}
