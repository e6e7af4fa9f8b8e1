/// How an input image (`NetworkDiagram.InputImage`) sits in the diagram: each cell shades a
/// square block of `block`×`block` pixels, `cellWidth` columns wide (2 keeps pixels square).
struct ImageLayout: Equatable {
    var pixelWidth: Int
    var pixelHeight: Int
    var block: Int
    var cellWidth: Int

    var cellColumns: Int { (pixelWidth + block - 1) / block }
    var rows: Int { (pixelHeight + block - 1) / block }
    /// Columns on screen.
    var width: Int { cellColumns * cellWidth }

    /// Fewer rows than this and the image would not be recognisable.
    static let minimumRows = 4

    /// The finest drawing of a `width`×`height` image in `rows` rows and `maxColumns` columns:
    /// the smallest block, square pixels (two columns) before tall ones; nil when even the
    /// coarsest does not fit.
    static func fit(width: Int, height: Int, rows: Int, maxColumns: Int) -> ImageLayout? {
        guard width > 0, height > 0 else { return nil }
        for block in 1...max(width, height) {
            for cellWidth in [2, 1] {
                let layout = ImageLayout(pixelWidth: width, pixelHeight: height, block: block, cellWidth: cellWidth)
                if layout.rows < minimumRows { return nil }
                if layout.rows <= rows && layout.width <= maxColumns { return layout }
            }
        }
        return nil
    }

    /// The screen row of each image row, centred in `rows` rows from `top`.
    func rowPositions(rows available: Int, top: Int) -> [Int] {
        let first = top + max(0, (available - rows) / 2)
        return (0..<rows).map { first + $0 }
    }

    /// The image row (index into `rowPositions`) of input `i`.
    func row(ofInput i: Int) -> Int { (i / pixelWidth) / block }

    /// The cell (column, row) of input `i`.
    func cell(ofInput i: Int) -> (column: Int, row: Int) { ((i % pixelWidth) / block, row(ofInput: i)) }
}

extension NetworkDiagram {
    static let unicodeShades = [" ", "░", "▒", "▓", "█"]
    /// No `-` `.` `:` `+`: in ASCII those are edges.
    static let asciiShades = [" ", "'", ";", "o", "O", "#", "@"]

    /// The input image from (`x`, `y`): each cell the mean of its block, shaded from the smallest
    /// pixel (or 0) to the largest; the cell of an `.active` input reversed in `.highlight`, of a
    /// `.path` input in bold `.accent` (all of them when the whole image feeds the step).
    func drawImage(_ layout: ImageLayout, into buffer: inout Buffer, x: Int, y: Int, clip: Rect) {
        guard let image else { return }
        let columns = layout.cellColumns, rows = layout.rows
        var sums = [Double](repeating: 0, count: columns * rows)
        var counts = [Int](repeating: 0, count: columns * rows)
        var states = [Int](repeating: 0, count: columns * rows)   // 0 normal, 1 path, 2 active
        let pixels = image.pixels
        let low = min(0, pixels.lazy.filter(\.isFinite).min() ?? 0)
        let high = pixels.lazy.filter(\.isFinite).max() ?? 0
        for i in 0..<(image.width * image.height) {
            let (c, r) = layout.cell(ofInput: i)
            let k = r * columns + c
            if i < pixels.count, pixels[i].isFinite { sums[k] += pixels[i]; counts[k] += 1 }
            if i < layers[0].count {
                switch layers[0][i].state {
                case .active: states[k] = 2
                case .path: states[k] = max(states[k], 1)
                case .normal, .dim: break
                }
            }
        }
        let ramp = unicode ? Self.unicodeShades : Self.asciiShades
        for r in 0..<rows {
            for c in 0..<columns {
                let k = r * columns + c
                let level = counts[k] > 0 && high > low ? (sums[k] / Double(counts[k]) - low) / (high - low) : 0
                let shade = ramp[min(ramp.count - 1, max(0, Int((level * Double(ramp.count - 1)).rounded())))]
                let style: Style
                switch states[k] {
                case 2: style = Style(.highlight, attributes: [.bold, .reverse])
                case 1: style = Style(.accent, attributes: .bold)
                default: style = Style(.text)
                }
                for w in 0..<layout.cellWidth {
                    let cx = x + c * layout.cellWidth + w
                    if clip.contains(Point(x: cx, y: y + r)) { buffer.set(Cell(shade, style: style, width: 1), x: cx, y: y + r) }
                }
            }
        }
    }
}
