#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A line chart of values per epoch (loss curves):
///
/// ```
/// ⠤ loss 0.0123
/// 0.298┤⠑⠢⣀
///      │   ⠈⠑⠒⠤⣀⣀
/// 0.012┤         ⠉⠉⠉
///      └────────────
///       0  epoch   50
/// ```
/// The x axis is the index in each series (epoch 0 … N, N the longest series' last index), or
/// the positions given with the values, up to `xMax`. NaN and infinite values (and values ≤ 0 on a
/// log scale) are skipped, breaking the line.
public struct LossChart: Widget, Sendable {
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        /// The x of each value (nil: its index).
        public var positions: [Double]?
        public var role: ColorRole
        /// Drawn as its points alone, without the joining line (legend `┈`, ASCII `o`), so that
        /// two curves stay apart without colour (a test loss beside the training loss).
        public var dotted: Bool
        /// The number the legend shows after the name (nil: the last finite value).
        public var legendValue: Double?
        /// The legend shows "?" instead of the number (a quiz asks about it and is not answered yet).
        public var valueHidden = false
        public init(name: String, values: [Double], positions: [Double]? = nil, role: ColorRole = .accent,
                    dotted: Bool = false) {
            self.name = name
            self.values = values
            self.positions = positions
            self.role = role
            self.dotted = dotted
        }
    }

    public var series: [Series]
    public var logScale: Bool
    /// The current x (epoch), drawn as a vertical line.
    public var marker: Double?
    /// A second x (a place marked), drawn as a dotted vertical line.
    public var mark: Double?
    /// The right end of the x axis (nil: the longest series' last index).
    public var xMax: Double?
    /// The left end of the x axis: 0, or 1 for curves numbered by epoch as the text around them is.
    public var xMin: Double = 0
    /// Whether the legend shows each series' last value.
    public var legendValues = true
    /// Braille dots and box lines when true; `*`, `.`, `|`, `-`, `+` when false.
    public var unicode: Bool
    /// Each series drawn with its own mark (`*`, `o`, `+`, `x`, …), in the legend too: for screens
    /// without colour (NO_COLOR, the mono theme) and ASCII, where one colour or `*` would draw
    /// every run alike. nil: in ASCII when there is more than one series and none is dotted (a
    /// dotted test loss is already told apart from its training loss).
    public var distinctMarks: Bool?
    var usesMarks: Bool { distinctMarks ?? (!unicode && series.count > 1 && !series.contains(where: \.dotted)) }
    static let marks: [Character] = ["*", "o", "+", "x", "#", "%", "=", "@"]
    /// Name of the x axis, shown between its first and last label when there is room.
    public var xLabel: String
    /// Shown in the middle of the plot when there is nothing to draw.
    public var emptyText: String

    public init(series: [Series], logScale: Bool = false, marker: Double? = nil, unicode: Bool = true,
                xLabel: String = "epoch", emptyText: String = "no data") {
        self.series = series
        self.logScale = logScale
        self.marker = marker
        self.unicode = unicode
        self.xLabel = xLabel
        self.emptyText = emptyText
    }

    /// The shape from the brief: `(name, values, role)` tuples.
    public init(series: [(String, [Double], ColorRole)], logScale: Bool = false, marker: Double? = nil,
                unicode: Bool = true) {
        self.init(series: series.map { Series(name: $0.0, values: $0.1, role: $0.2) },
                  logScale: logScale, marker: marker, unicode: unicode)
    }

    /// Values that can be plotted, mapped to the scale (log10 on a log scale).
    func scaled(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        if logScale { return v > 0 ? log10(v) : nil }
        return v
    }

    /// The y range in scaled units, widened when flat; nil when nothing can be plotted.
    func yRange() -> (lo: Double, hi: Double)? {
        // the extremes of the raw values, scaled once each (log10 keeps the order): `train` draws
        // 200,000 losses, and scaling or copying each of them is most of the chart's time
        var lo = Double.infinity, hi = -Double.infinity
        for s in series {
            for v in s.values where v.isFinite && (!logScale || v > 0) {
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        guard lo <= hi, var lo = scaled(lo), var hi = scaled(hi) else { return nil }
        if hi - lo < 1e-12 {
            let pad = logScale ? 0.5 : (abs(lo) > 0 ? abs(lo) * 0.1 : 1)
            lo -= pad
            hi += pad
        }
        return (lo, hi)
    }

    func unscaled(_ s: Double) -> Double { logScale ? pow(10, s) : s }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard area.width >= 4, area.height >= 1 else { return }
        let lastX = xMax ?? Double(max(0, (series.map(\.values.count).max() ?? 0) - 1)) + xMin
        let range = yRange()
        let showLegend = area.height >= 5 && series.contains { !$0.name.isEmpty }
        let showXAxis = area.height >= (showLegend ? 5 : 3)
        // the legend's entries stay whole: on more rows when they do not fit on one (up to three,
        // leaving the plot three), the last row ending in "…" when even those are not enough
        let legend = showLegend ? legendRows(width: area.width, maxRows: max(1, min(3, area.height - 5))) : []
        var rows: [Constraint] = []
        if showLegend { rows.append(.length(legend.count)) }
        rows.append(.fill)
        if showXAxis { rows += [.length(1), .length(1)] }
        let parts = area.rows(rows)
        var k = 0
        if showLegend { drawLegend(legend, into: &buffer, area: parts[0]); k = 1 }
        let plotRows = parts[k]
        // a hidden legend value must not be read off the axis either (its end is often the lowest tick)
        let hideTicks = series.contains(where: \.valueHidden)
        let topLabel = range.map { hideTicks ? "?" : compactNumber(unscaled($0.hi)) } ?? ""
        let bottomLabel = range.map { hideTicks ? "?" : compactNumber(unscaled($0.lo)) } ?? ""
        let labelWidth = min(max(displayWidth(of: topLabel), displayWidth(of: bottomLabel)), area.width / 2)
        let axisX = area.x + labelWidth
        let plot = Rect(x: axisX + 1, y: plotRows.y, width: area.right - axisX - 1, height: plotRows.height)
        guard plot.width >= 1, plot.height >= 1 else { return }

        // Y axis with ticks at the top and bottom plot rows.
        let vertical = unicode ? "│" : "|", tick = unicode ? "┤" : "+"
        let axisLine = Glyph(vertical, Style(.border))
        for y in plot.top..<plot.bottom { buffer.put(axisLine, x: axisX, y: y, clip: area) }
        if range != nil {
            buffer.put(tick, x: axisX, y: plot.top, style: Style(.border), clip: area)
            buffer.put(tick, x: axisX, y: plot.bottom - 1, style: Style(.border), clip: area)
            let labelClip = Rect(x: area.x, y: plot.y, width: labelWidth, height: plot.height)
            putRight(topLabel, right: axisX, y: plot.top, clip: labelClip, into: &buffer)
            if plot.height > 1 { putRight(bottomLabel, right: axisX, y: plot.bottom - 1, clip: labelClip, into: &buffer) }
        }

        var canvas = PlotCanvas(columns: plot.width, rows: plot.height, unicode: unicode && !usesMarks)
        func column(_ x: Double) -> Int {
            lastX <= xMin ? 0 : Int(((x - xMin) / (lastX - xMin) * Double(canvas.dotWidth - 1)).rounded()) / (canvas.unicode ? 2 : 1)
        }
        let markerColumn = marker.map(column)
        let markColumn = mark.map(column)
        if let (lo, hi) = range {
            for (k, s) in series.enumerated() {
                drawSeries(s, on: &canvas, lastX: lastX, lo: lo, hi: hi, mark: usesMarks ? mark(k) : nil)
            }
            canvas.draw(into: &buffer, origin: Point(x: plot.x, y: plot.y))
        } else if !emptyText.isEmpty {
            let text = truncate(emptyText, width: plot.width, unicode: unicode)
            buffer.put(text, x: plot.x + (plot.width - displayWidth(of: text)) / 2, y: plot.y + (plot.height - 1) / 2,
                       style: Style(.dim), clip: plot)
        }
        if let mc = markColumn, mc >= 0, mc < plot.width, let m = mark, m >= xMin, m <= lastX, mc != markerColumn {
            let markLine = Glyph(unicode ? "┊" : ":", Style(.accent))
            for r in 0..<plot.height where canvas.isEmpty(column: mc, row: r) {
                buffer.put(markLine, x: plot.x + mc, y: plot.y + r, clip: plot)
            }
        }
        if let mc = markerColumn, mc >= 0, mc < plot.width, let m = marker, m >= xMin, m <= lastX {
            let markerLine = Glyph(vertical, Style(.highlight))
            for r in 0..<plot.height where canvas.isEmpty(column: mc, row: r) {
                buffer.put(markerLine, x: plot.x + mc, y: plot.y + r, clip: plot)
            }
        }
        if showXAxis {
            drawXAxis(into: &buffer, axisRow: parts[k + 1], labelRow: parts[k + 2], axisX: axisX, plot: plot,
                      lastX: lastX, markerColumn: (marker != nil && range != nil) ? markerColumn : nil)
        }
    }

    func mark(_ k: Int) -> Character { Self.marks[k % Self.marks.count] }

    private func drawSeries(_ s: Series, on canvas: inout PlotCanvas, lastX: Double, lo: Double, hi: Double,
                            mark: Character?) {
        let w = canvas.dotWidth, h = canvas.dotHeight
        var previous: (Int, Int)? = nil
        for (i, v) in s.values.enumerated() {
            guard let sv = scaled(v) else { previous = nil; continue }
            let at = s.positions?[i] ?? Double(i) + xMin
            let x = lastX <= xMin ? 0 : Int(((at - xMin) / (lastX - xMin) * Double(w - 1)).rounded())
            let y = Int(((hi - sv) / (hi - lo) * Double(h - 1)).rounded())
            // a point on the same dot as the one before it adds nothing (the line and the dot are
            // drawn already): with many values per column, most of them
            if let p = previous, p == (x, y) { continue }
            if s.dotted {
                // every other cell stays empty, so the points never join into a line
                if (x / (canvas.unicode ? 2 : 1)) % 2 == 0 {
                    canvas.set(x: x, y: y, role: s.role, strong: true, mark: canvas.unicode ? nil : mark ?? "o")
                }
                continue
            }
            if let p = previous { canvas.line(from: p, to: (x, y), role: s.role, mark: mark) }
            canvas.set(x: x, y: y, role: s.role, strong: true, mark: mark)
            previous = (x, y)
        }
    }

    /// The legend's glyph before series `k`'s name.
    func legendGlyph(_ k: Int) -> String {
        if usesMarks { return String(mark(k)) + " " }
        return series[k].dotted ? (unicode ? "┈ " : "o ") : (unicode ? "━ " : "- ")
    }

    /// The legend's entries (series index, text) packed into rows of `width` columns, at most
    /// `maxRows` of them; an entry that does not fit on the last row gives way to "…".
    func legendRows(width: Int, maxRows: Int) -> [[(index: Int, text: String)]] {
        let full = legendRows(width: width, maxRows: maxRows, values: legendValues)
        // every name without the numbers rather than a name left out
        guard legendValues, full.last?.last?.index == -1 else { return full }
        let names = legendRows(width: width, maxRows: maxRows, values: false)
        return names.last?.last?.index == -1 ? full : names
    }

    private func legendRows(width: Int, maxRows: Int, values: Bool) -> [[(index: Int, text: String)]] {
        var rows: [[(index: Int, text: String)]] = [[]]
        var used = 0
        let ellipsis = unicode ? "…" : "~"
        for (k, s) in series.enumerated() where !s.name.isEmpty {
            let last = values ? s.legendValue ?? s.values.last { $0.isFinite } : nil
            let text = s.name + (last.map { " " + (s.valueHidden ? "?" : compactNumber($0)) } ?? "")
            let w = displayWidth(of: legendGlyph(k)) + displayWidth(of: text)
            let gap = rows[rows.count - 1].isEmpty ? 0 : 2
            if used + gap + w <= width {
                rows[rows.count - 1].append((k, text))
                used += gap + w
            } else if rows.count < maxRows, !rows[rows.count - 1].isEmpty, w <= width {
                rows.append([(k, text)])
                used = w
            } else {
                // no room left: say so (an entry cut in its middle could read as another number)
                if used + gap + 1 > width, !rows[rows.count - 1].isEmpty { rows[rows.count - 1].removeLast() }
                rows[rows.count - 1].append((-1, ellipsis))
                break
            }
        }
        return rows
    }

    private func drawLegend(_ rows: [[(index: Int, text: String)]], into buffer: inout Buffer, area: Rect) {
        for (r, row) in rows.enumerated() {
            var x = area.x
            let y = area.y + r
            for (index, text) in row {
                if x > area.x { x += 2 }
                if index >= 0 {
                    x = buffer.put(legendGlyph(index), x: x, y: y, style: Style(series[index].role), clip: area)
                }
                x = buffer.put(text, x: x, y: y, style: Style(.text), clip: area)
            }
        }
    }

    private func drawXAxis(into buffer: inout Buffer, axisRow: Rect, labelRow: Rect, axisX: Int, plot: Rect,
                           lastX: Double, markerColumn: Int?) {
        let y = axisRow.y
        buffer.put(unicode ? "└" : "+", x: axisX, y: y, style: Style(.border), clip: axisRow)
        let axisLine = Glyph(unicode ? "─" : "-", Style(.border))
        for x in plot.left..<plot.right { buffer.put(axisLine, x: x, y: y, clip: axisRow) }
        if let mc = markerColumn, mc >= 0, mc < plot.width {
            buffer.put(unicode ? "┴" : "+", x: plot.x + mc, y: y, style: Style(.highlight), clip: axisRow)
        }
        let first = Self.axisLabel(xMin), last = Self.axisLabel(lastX)
        let ly = labelRow.y
        buffer.put(first, x: plot.x, y: ly, style: Style(.dim), clip: labelRow)
        let lastStart = plot.right - displayWidth(of: last)
        if lastX > xMin, lastStart > plot.x + displayWidth(of: first) { buffer.put(last, x: lastStart, y: ly, style: Style(.dim), clip: labelRow) }
        var free = span(plot.x + displayWidth(of: first) + 1, lastX > xMin ? lastStart - 1 : plot.right)
        if let m = marker, let mc = markerColumn {
            let text = Self.axisLabel(m), start = plot.x + mc - displayWidth(of: text) / 2
            let end = start + displayWidth(of: text)
            if start >= free.lowerBound, end <= free.upperBound {
                buffer.put(text, x: start, y: ly, style: Style(.highlight), clip: labelRow)
                let before = span(free.lowerBound, start - 1), after = span(end + 1, free.upperBound)
                free = before.count >= after.count ? before : after
            }
        }
        let name = xLabel, nw = displayWidth(of: name)
        if !name.isEmpty, free.count >= nw {
            buffer.put(name, x: free.lowerBound + (free.count - nw) / 2, y: ly, style: Style(.dim), clip: labelRow)
        }
    }

    /// Whole numbers as they are; a fraction (epochs part-way) with one decimal.
    static func axisLabel(_ x: Double) -> String {
        guard abs(x) < 1e15 else { return compactNumber(x) }
        if x == x.rounded(.down) { return String(Int(x)) }
        let tenths = Int((x * 10).rounded(.down))
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    private func putRight(_ text: String, right: Int, y: Int, clip: Rect, into buffer: inout Buffer) {
        buffer.put(text, x: right - displayWidth(of: text), y: y, style: Style(.dim), clip: clip)
    }
}

/// `a..<b`, or an empty range at `a` when `b < a`.
private func span(_ a: Int, _ b: Int) -> Range<Int> { a..<max(a, b) }
