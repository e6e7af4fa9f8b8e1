import BackpropEngine

/// The colours of the runs, in the bars' headings, the loss legend and the table alike.
let deepRunRoles: [ColorRole] = [.accent, .warning, .positive, .negative]

/// The compare preset's main panel: each run's per-layer gradient bars side by side on one log
/// scale, the layer labels once on the left; below them, when there is room, what each run
/// makes of the plane.
///
/// ```
/// ┌ 10 sigmoid hidden layers: gradient size per layer ────┐
/// │          plain            ReLU                        │
/// │ layer 1  █▋    ┊  3e-9    █████▊    0.02              │
/// │ layer 2  ██▌   ┊  1e-8    █████▋    0.03              │
/// ```
func drawDeepCompare(_ model: PlayModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let words = model.text
    let layerCount = model.settings.hidden.count
    let title = words.deepTitle(layers: layerCount, wide: true)
    let panel = Panel(title: area.width >= displayWidth(of: title) + 5 ? title : words.deepTitle(layers: layerCount, wide: false),
                      box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(left: 1, right: 1)
    let norms = model.runs.map(\.gradientNorms)
    let layers = norms.map(\.count).max() ?? 0
    guard layers > 0, inner.height >= 2, !model.runs.isEmpty else { return }
    let runs = model.runs.count, gap = 2
    func columnWidth(_ labelWidth: Int) -> Int { (inner.width - labelWidth - 1 - gap * (runs - 1)) / runs }
    var labels = (1...layers).map(words.layer)
    var labelWidth = labels.map { displayWidth(of: $0) }.max() ?? 0
    if columnWidth(labelWidth) < 16 {
        labels = (1...layers).map(String.init)
        labelWidth = String(layers).count
    }
    let width = columnWidth(labelWidth)
    guard width >= 4 else { return }
    // the heading row, then a row per layer (as many as fit), then the scale when there is room
    let rows = min(layers, inner.height - 1)
    let scale = inner.height - 1 > layers
    let range = GradientBars.range(covering: norms.flatMap { $0 })
    for k in 0..<rows {
        buffer.put(labels[k], x: inner.x, y: inner.y + 1 + k, style: Style(.dim), clip: inner)
    }
    for (r, run) in model.runs.enumerated() {
        let x = inner.x + labelWidth + 1 + r * (width + gap)
        let variant = r < DeepVariant.allCases.count ? DeepVariant.allCases[r] : .plain
        let name = width >= 12 ? words.variant(variant) : words.shortVariant(variant)
        buffer.put(truncate(name, width: width, unicode: model.unicode), x: x, y: inner.y,
                   style: Style(deepRunRoles[r % deepRunRoles.count], attributes: .bold), clip: inner)
        var bars = GradientBars(bars: run.gradientNorms.prefix(rows).map { GradientBars.Bar(label: "", value: $0) },
                                range: range, vanishingText: "", explodingText: "", showScale: scale,
                                unicode: model.unicode)
        bars.shortValues = width < 18
        bars.render(into: &buffer, area: Rect(x: x, y: inner.y + 1, width: width, height: rows + (scale ? 1 : 0)))
    }
    // each run's output over the plane, under its bars
    let top = inner.y + 1 + rows + (scale ? 2 : 1)
    let height = inner.bottom - top
    guard model.data.isPlane, height >= 6 else { return }
    for (r, run) in model.runs.enumerated() {
        let x = inner.x + labelWidth + 1 + r * (width + gap)
        let plot = Rect(x: x, y: top, width: min(width, 2 * (height - 1) + 6), height: height)
        heatmap(for: run.trainer.network, data: model.data, area: plot, model: model).render(into: &buffer, area: plot)
    }
}

/// Every run's training loss on one plot, in the runs' colours.
func drawDeepLoss(_ model: PlayModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let words = model.text
    let title = words.deepLoss(wide: true)
    let panel = Panel(title: area.width >= displayWidth(of: title) + 5 ? title : words.deepLoss(wide: false), box: box)
    panel.render(into: &buffer, area: area)
    let names = model.variants.map(\.name)
    let series = model.runs.enumerated().map { k, run in
        let curve = run.trainLosses.curve(firstEpoch: 1)   // epochs from 1, as the counter counts
        return LossChart.Series(name: names[k], values: curve.values, positions: curve.positions,
                                role: deepRunRoles[k % deepRunRoles.count])
    }
    let values = series.flatMap { $0.values.filter { $0.isFinite && $0 > 0 } }
    let log = (values.max() ?? 1) / (values.min() ?? 1) > 100
    var chart = LossChart(series: series, logScale: log, unicode: model.unicode, xLabel: words.epochAxis,
                          emptyText: words.spaceStarts)
    chart.distinctMarks = series.count > 1 && (!model.unicode || !model.theme.usesColor)   // the runs apart without colour
    chart.xMin = 1
    chart.xMax = LossChart.lastPosition(series)
    chart.render(into: &buffer, area: panel.inner(area))
}

/// The first layer's gradient of each run, how many times the plain run's it is, and the run's
/// loss (columns from the right left out, and shorter numbers, where the panel is narrow).
func drawDeepFirstLayer(_ model: PlayModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let words = model.text
    let panel = Panel(title: words.firstLayerGradient, box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(left: 1)
    let plain = model.runs.first?.gradientNorms.first ?? 0
    func table(short: Bool, columns: Int, names: Bool = false) -> Table {
        let rows = model.runs.enumerated().map { k, run -> [String] in
            let variant = k < DeepVariant.allCases.count ? DeepVariant.allCases[k] : .plain
            let g = run.gradientNorms.first ?? 0
            let ratio = plain > 0 && g.isFinite ? (model.unicode ? "×" : "x") + GradientBars.shortNumber(g / plain) : "-"
            let loss = run.trainLosses.last.map(compactNumber) ?? "-"
            let row = [names ? words.variant(variant) : words.shortVariant(variant), short ? GradientBars.shortNumber(g) : compactNumber(g), ratio, loss]
            return Array(row.prefix(columns))
        }
        let styles = model.runs.indices.map { k in
            [Style(deepRunRoles[k % deepRunRoles.count], attributes: .bold)] + [Style?](repeating: nil, count: columns - 1)
        }
        return Table(header: Array(words.firstLayerHeader(unicode: model.unicode).prefix(columns)), rows: rows,
                     alignments: [.left] + [Table.Alignment](repeating: .right, count: columns - 1), columnGap: 1,
                     cellStyles: styles)
    }
    func width(_ t: Table) -> Int { t.columnWidths.reduce(0, +) + t.columnGap * (t.columnWidths.count - 1) }
    let choices = [table(short: false, columns: 4, names: true), table(short: false, columns: 4),
                   table(short: false, columns: 3), table(short: true, columns: 3),
                   table(short: true, columns: 2)]
    (choices.first { width($0) <= inner.width } ?? choices[3]).render(into: &buffer, area: inner)
}
