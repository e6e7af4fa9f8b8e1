/// A two-class network's output over the input plane, with the data points on top:
///
/// ```
///  1.5 ▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀     colour mode: each cell is two pixels, '▀' with the upper
///      ▀▀▀▀●▀▀▀▀▀▀▀▀▀▲▀▀▀▀     pixel as foreground and the lower one as background
/// -1.5 ▀▀▀▀▀▀▀▀○▀▀▀▀▀▀▀▀▀▀
///      -1.5            1.5
/// ```
/// Values are the probability of class 1 (0…1): class 0 is drawn orange, class 1 blue, in three
/// confidence levels each, and a grey band for 0.4…0.6 (roles `.heat0Low` … `.heat1High`,
/// `.heatNeutral`). In shading mode (mono themes, ASCII terminals) each cell is one value drawn
/// with ` .:-=+*#%@` from 0 to 1, still coloured by the same roles when the theme has colours.
///
/// Points: class 0 `●` (training) `○` (test), class 1 `▲` (training) `△` (test); in ASCII
/// `o`/`O` and `x`/`X` (capitals for test). A point takes its cell; test points are drawn after
/// training points. Points outside the axis ranges are not drawn.
///
/// Per frame: ask `gridSize(for:)` for the pixel size of the plot, evaluate the network once on
/// `sampleGrid(width:height:xRange:yRange:)`, pass the outputs in. A grid of another size is
/// scaled to the plot (nearest pixel), so a frame computed before a resize still draws.
public struct DecisionHeatmap: Widget, Sendable {
    public struct DataPoint: Sendable, Equatable {
        public var x: Double
        public var y: Double
        /// 0 or 1 (anything ≥ 1 is drawn as class 1).
        public var label: Int
        public var isTest: Bool
        public init(x: Double, y: Double, label: Int, isTest: Bool = false) {
            self.x = x
            self.y = y
            self.label = label
            self.isTest = isTest
        }
    }

    /// Probability of class 1 per pixel, row-major, top row first.
    public var values: [Double]
    /// Pixels per row and rows of pixels in `values`.
    public var columns: Int
    public var rows: Int
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var points: [DataPoint]
    /// Half blocks and colour roles when true; one shading character per cell when false.
    public var color: Bool
    /// Unicode point glyphs when true, ASCII letters when false.
    public var unicode: Bool
    /// Range labels on the left (y) and below (x).
    public var showAxes: Bool

    public init(values: [Double], columns: Int, rows: Int, xRange: ClosedRange<Double>,
                yRange: ClosedRange<Double>, points: [DataPoint] = [], color: Bool = true,
                unicode: Bool = true, showAxes: Bool = true) {
        self.values = values
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.xRange = xRange
        self.yRange = yRange
        self.points = points
        self.color = color
        self.unicode = unicode
        self.showAxes = showAxes
    }

    /// From the rows `Network.predict(batch:)` returns for `sampleGrid`: one output is the
    /// probability of class 1 (sigmoid); with two or more outputs (softmax), output 1 is.
    public init(predictions: [[Double]], columns: Int, rows: Int, xRange: ClosedRange<Double>,
                yRange: ClosedRange<Double>, points: [DataPoint] = [], color: Bool = true,
                unicode: Bool = true, showAxes: Bool = true) {
        self.init(values: predictions.map { $0.count >= 2 ? $0[1] : ($0.first ?? .nan) },
                  columns: columns, rows: rows, xRange: xRange, yRange: yRange, points: points,
                  color: color, unicode: unicode, showAxes: showAxes)
    }

    // MARK: geometry

    /// The input points at the pixel centres of a `width` × `height` grid, row-major, top row
    /// (largest y) first: the batch to evaluate.
    public static func sampleGrid(width: Int, height: Int, xRange: ClosedRange<Double>,
                                  yRange: ClosedRange<Double>) -> [[Double]] {
        guard width > 0, height > 0 else { return [] }
        let x0 = xRange.lowerBound, dx = (xRange.upperBound - xRange.lowerBound) / Double(width)
        let y1 = yRange.upperBound, dy = (yRange.upperBound - yRange.lowerBound) / Double(height)
        var out: [[Double]] = []
        out.reserveCapacity(width * height)
        for r in 0..<height {
            let y = y1 - (Double(r) + 0.5) * dy
            for c in 0..<width { out.append([x0 + (Double(c) + 0.5) * dx, y]) }
        }
        return out
    }

    /// The cells the map itself covers inside `area` (without the axis labels).
    public static func plotArea(in area: Rect, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                                showAxes: Bool = true) -> Rect {
        guard showAxes else { return area }
        let labelWidth = max(displayWidth(of: compactNumber(yRange.upperBound)),
                             displayWidth(of: compactNumber(yRange.lowerBound)))
        guard area.height >= 3, area.width >= labelWidth + 1 + 4 else { return area }
        return area.inset(left: labelWidth + 1, bottom: 1)
    }

    /// The pixel grid that fills the plot in `area`: one pixel per column, two per row in colour
    /// mode (one in shading mode, where two would be averaged anyway).
    public static func gridSize(for area: Rect, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                                showAxes: Bool = true, color: Bool = true) -> (width: Int, height: Int) {
        let plot = plotArea(in: area, xRange: xRange, yRange: yRange, showAxes: showAxes)
        return (plot.width, plot.height * (color ? 2 : 1))
    }

    /// The glyph of a data point.
    public static func glyph(label: Int, isTest: Bool, unicode: Bool) -> String {
        switch (label >= 1, isTest, unicode) {
        case (false, false, true): return "●"
        case (false, true, true): return "○"
        case (true, false, true): return "▲"
        case (true, true, true): return "△"
        case (false, false, false): return "o"
        case (false, true, false): return "O"
        case (true, false, false): return "x"
        case (true, true, false): return "X"
        }
    }

    /// The shading characters from 0 to 1.
    public static let shades: [String] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

    /// The colour role of a probability of class 1: grey for 0.4…0.6, then low, mid and high
    /// confidence (0.25…0.4, 0.1…0.25, < 0.1 for class 0; mirrored for class 1).
    public static func role(for value: Double) -> ColorRole { ColorRole.heatRoles[level(for: value)] }

    /// The index in `ColorRole.heatRoles`: 0 confident class 0, 3 unsure, 6 confident class 1.
    static func level(for value: Double) -> Int {
        guard value.isFinite else { return 3 }
        let p = min(1, max(0, value))
        let d = abs(p - 0.5) * 2
        if d < 0.2 { return 3 }
        let k = d < 0.5 ? 1 : (d < 0.8 ? 2 : 3)
        return p < 0.5 ? 3 - k : 3 + k
    }

    static func shade(for value: Double) -> Int {
        guard value.isFinite else { return 0 }
        return min(9, max(0, Int(value * 10)))
    }

    // MARK: drawing

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let plot = Self.plotArea(in: area, xRange: xRange, yRange: yRange, showAxes: showAxes)
        if plot != area { drawAxes(into: &buffer, area: area, plot: plot) }
        let hasGrid = columns > 0 && rows > 0 && values.count >= columns * rows
        let pixelRows = plot.height * 2
        // value of pixel (column c, pixel row pr) of the plot, by nearest grid pixel
        func value(_ c: Int, _ pr: Int) -> Double {
            guard hasGrid else { return .nan }
            let gx = c * columns / plot.width, gy = pr * rows / pixelRows
            return values[gy * columns + gx]
        }
        // the cell's pixels, for the points' background too
        var cellMean = [Double](repeating: .nan, count: plot.width * plot.height)
        if color {
            let roles = ColorRole.heatRoles, n = roles.count
            var cells: [Cell] = []
            for upper in roles { for lower in roles { cells.append(Cell("▀", style: Style(upper, background: lower))) } }
            for r in 0..<plot.height {
                for c in 0..<plot.width {
                    let a = value(c, 2 * r), b = value(c, 2 * r + 1)
                    cellMean[r * plot.width + c] = (a + b) / 2
                    buffer.set(cells[Self.level(for: a) * n + Self.level(for: b)], x: plot.x + c, y: plot.y + r)
                }
            }
        } else {
            let cells: [[Cell]] = ColorRole.heatRoles.map { role in Self.shades.map { Cell($0, style: Style(role)) } }
            for r in 0..<plot.height {
                for c in 0..<plot.width {
                    let v = (value(c, 2 * r) + value(c, 2 * r + 1)) / 2
                    cellMean[r * plot.width + c] = v
                    let cell = v.isFinite ? cells[Self.level(for: v)][Self.shade(for: v)] : Cell.blank
                    buffer.set(cell, x: plot.x + c, y: plot.y + r)
                }
            }
        }
        drawPoints(into: &buffer, plot: plot, cellMean: cellMean)
    }

    private func drawPoints(into buffer: inout Buffer, plot: Rect, cellMean: [Double]) {
        let xLo = xRange.lowerBound, xSpan = xRange.upperBound - xRange.lowerBound
        let yHi = yRange.upperBound, ySpan = yRange.upperBound - yRange.lowerBound
        guard xSpan > 0, ySpan > 0 else { return }
        for pass in [false, true] {
            for p in points where p.isTest == pass {
                guard p.x.isFinite, p.y.isFinite, xRange.contains(p.x), yRange.contains(p.y) else { continue }
                let c = min(plot.width - 1, Int((p.x - xLo) / xSpan * Double(plot.width)))
                let r = min(plot.height - 1, Int((yHi - p.y) / ySpan * Double(plot.height)))
                let mean = cellMean[r * plot.width + c]
                let role: ColorRole = p.label >= 1 ? .class1 : .class0
                let style = color ? Style(role, background: Self.role(for: mean)) : Style(role, attributes: [.bold])
                buffer.set(Cell(Self.glyph(label: p.label, isTest: p.isTest, unicode: unicode), style: style),
                           x: plot.x + c, y: plot.y + r)
            }
        }
    }

    private func drawAxes(into buffer: inout Buffer, area: Rect, plot: Rect) {
        let labelClip = Rect(x: area.x, y: area.y, width: plot.x - area.x, height: area.height)
        let top = compactNumber(yRange.upperBound), bottom = compactNumber(yRange.lowerBound)
        let labelRight = plot.x - 1
        buffer.put(top, x: labelRight - displayWidth(of: top), y: plot.top, style: Style(.dim), clip: labelClip)
        buffer.put(bottom, x: labelRight - displayWidth(of: bottom), y: plot.bottom - 1, style: Style(.dim),
                   clip: labelClip)
        let row = Rect(x: plot.x, y: plot.bottom, width: plot.width, height: 1)
        let left = compactNumber(xRange.lowerBound), right = compactNumber(xRange.upperBound)
        let lw = displayWidth(of: left), rw = displayWidth(of: right)
        buffer.put(left, x: plot.x, y: row.y, style: Style(.dim), clip: row)
        if lw + 1 + rw <= plot.width {
            buffer.put(right, x: plot.right - rw, y: row.y, style: Style(.dim), clip: row)
        }
    }
}

extension ColorRole {
    /// The heatmap's shades from confident class 0 to confident class 1.
    public static let heatRoles: [ColorRole] = [.heat0High, .heat0Mid, .heat0Low, .heatNeutral,
                                                .heat1Low, .heat1Mid, .heat1High]
}
