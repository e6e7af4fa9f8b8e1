/// One matrix of the layer view: its name and shape on the first row, then its numbers.
///
/// ```
/// A⁽¹⁾ 1×2            W⁽¹⁾ rows as 8×8        Δ⁽²⁾ 32×10
/// 0.5933 0.5969       ░▓█▄  ▒█▂               ▓░ ▄▂█░▁░▒
///                                              ▄░▂▒ █ ░▃▁
/// ```
/// - `grid`: the formatted numbers (the caller formats them, as the neuron view does), right
///   aligned in columns.
/// - `heatmap`: one cell per block of entries, the block's mean: `░▒▓█` for positive values
///   (role `.positive`), `▁▂▃▄` for negative ones (`.negative`), by |mean| relative to the
///   largest |mean| drawn, blank for 0 (ASCII `.+*#` and `,-=%`). The shape survives
///   without colour, the sign in mono as glyphs.
/// - `images`: each row of the matrix as a picture (`width`×`height`, the first layer's weights
///   of a digit network), shaded like the heatmap, from the highlighted row on, as many as fit.
/// The highlighted entries (`LayerTerm.highlight`) are reversed in `.highlight`; in a heatmap the
/// cell holding them.
struct MatrixBlock: Widget {
    enum Body: Equatable {
        case grid(texts: [String], cellWidth: Int)
        case heatmap
        case images(width: Int, height: Int, labels: [String])
    }

    var term: LayerTerm
    var body: Body
    var unicode: Bool

    static let positiveShades = ["░", "▒", "▓", "█"]
    static let negativeShades = ["▁", "▂", "▃", "▄"]
    static let asciiPositive = [".", "+", "*", "#"]
    static let asciiNegative = [",", "-", "=", "%"]

    /// `A⁽¹⁾ 1×2`
    var title: String { term.name + " \(term.rows)\(unicode ? "×" : "x")\(term.columns)" }

    /// The cells a grid of these texts takes (title row included).
    static func gridSize(_ term: LayerTerm, cellWidth: Int, title: String) -> (width: Int, height: Int) {
        (max(displayWidth(of: title), term.columns * (cellWidth + 1) - 1), term.rows + 1)
    }

    static let selected = Style(.highlight, attributes: [.bold, .reverse])

    func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.put(truncate(title, width: area.width, unicode: unicode), x: area.x, y: area.y, style: Style(.title, attributes: .bold), clip: area)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard !body.isEmpty else { return }
        switch self.body {
        case .grid(let texts, let cellWidth): drawGrid(texts, cellWidth: cellWidth, into: &buffer, area: body)
        case .heatmap: drawHeatmap(into: &buffer, area: body)
        case .images(let w, let h, let labels): drawImages(width: w, height: h, labels: labels, into: &buffer, area: body)
        }
    }

    private func drawGrid(_ texts: [String], cellWidth: Int, into buffer: inout Buffer, area: Rect) {
        for r in 0..<min(term.rows, area.height) {
            for c in 0..<term.columns {
                let text = texts[r * term.columns + c]
                let x = area.x + c * (cellWidth + 1)
                let style = term.isHighlighted(row: r, column: c) ? Self.selected : Style(.text)
                if style == Self.selected {
                    buffer.fill(Rect(x: x, y: area.y + r, width: cellWidth, height: 1).intersection(area), with: Cell(" ", style: style))
                }
                buffer.put(text, x: x + cellWidth - displayWidth(of: text), y: area.y + r, style: style, clip: area)
            }
        }
    }

    /// The glyph and role of `v` against the largest magnitude `top`.
    func shade(_ v: Double, top: Double) -> (String, ColorRole) {
        guard v.isFinite, top > 0, v != 0 else { return (v == 0 && unicode ? "·" : " ", .dim) }
        let level = min(3, Int((abs(v) / top * 4).rounded(.up)) - 1)
        if v > 0 { return ((unicode ? Self.positiveShades : Self.asciiPositive)[max(0, level)], .positive) }
        return ((unicode ? Self.negativeShades : Self.asciiNegative)[max(0, level)], .negative)
    }

    private func drawHeatmap(into buffer: inout Buffer, area: Rect) {
        let rows = term.rows, columns = term.columns
        guard rows > 0, columns > 0 else { return }
        let cellWidth = columns * 2 <= area.width ? 2 : 1
        let shownColumns = min(columns, area.width / cellWidth), shownRows = min(rows, area.height)
        guard shownColumns > 0, shownRows > 0 else { return }
        let blockRows = (rows + shownRows - 1) / shownRows, blockColumns = (columns + shownColumns - 1) / shownColumns
        let cellRows = (rows + blockRows - 1) / blockRows, cellColumns = (columns + blockColumns - 1) / blockColumns
        // each cell: the mean of its block; shaded against the largest |mean| (so blocks of random
        // signs still show their differences)
        var means = [Double](repeating: 0, count: cellRows * cellColumns)
        var lit = [Bool](repeating: false, count: cellRows * cellColumns)
        for br in 0..<cellRows {
            for bc in 0..<cellColumns {
                var sum = 0.0, count = 0
                for r in (br * blockRows)..<min(rows, (br + 1) * blockRows) {
                    for c in (bc * blockColumns)..<min(columns, (bc + 1) * blockColumns) {
                        let v = term.value(row: r, column: c)
                        if v.isFinite { sum += v; count += 1 }
                        if term.isHighlighted(row: r, column: c) { lit[br * cellColumns + bc] = true }
                    }
                }
                means[br * cellColumns + bc] = count > 0 ? sum / Double(count) : 0
            }
        }
        let top = means.reduce(0) { max($0, abs($1)) }
        for br in 0..<cellRows {
            for bc in 0..<cellColumns {
                let (glyph, role) = shade(means[br * cellColumns + bc], top: top)
                let style = lit[br * cellColumns + bc] ? Self.selected : Style(role)
                for k in 0..<cellWidth {
                    let x = area.x + bc * cellWidth + k, y = area.y + br
                    if area.contains(Point(x: x, y: y)) { buffer.set(Cell(glyph, style: style, width: 1), x: x, y: y) }
                }
            }
        }
    }

    /// Row k of the matrix as a `width`×`height` picture, from the highlighted row on.
    private func drawImages(width: Int, height: Int, labels: [String], into buffer: inout Buffer, area: Rect) {
        guard width > 0, height > 0, term.columns == width * height else { return }
        let block = max(1, (height + area.height - 2) / max(1, area.height - 1))   // a row under each picture for its label
        let cellsWide = (width + block - 1) / block, cellsHigh = (height + block - 1) / block
        var first = 0
        switch term.highlight {
        case .row(let r), .cell(let r, _): first = r
        default: break
        }
        var top = 0.0
        for v in term.matrix.values where v.isFinite { top = max(top, abs(v)) }
        var x = area.x, k = first
        while k < term.rows && x + cellsWide <= area.right {
            for cy in 0..<cellsHigh {
                for cx in 0..<cellsWide {
                    var pick = 0.0
                    for py in (cy * block)..<min(height, (cy + 1) * block) {
                        for px in (cx * block)..<min(width, (cx + 1) * block) {
                            let v = term.matrix[k, py * width + px]
                            if v.isFinite && abs(v) > abs(pick) { pick = v }
                        }
                    }
                    let (glyph, role) = shade(pick, top: top)
                    buffer.set(Cell(glyph, style: Style(role), width: 1), x: x + cx, y: area.y + cy)
                }
            }
            if k < labels.count, cellsHigh < area.height {
                let style = k == first && term.highlight != .none ? Self.selected : Style(.dim)
                buffer.put(truncate(labels[k], width: cellsWide, unicode: unicode), x: x, y: area.y + cellsHigh, style: style, clip: area)
            }
            x += cellsWide + 1
            k += 1
        }
    }
}
