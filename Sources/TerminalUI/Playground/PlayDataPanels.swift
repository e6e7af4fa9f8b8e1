import BackpropEngine

/// The data with what the network makes of it: the plane as a heatmap, digits as images, other
/// classes as a confusion matrix, numbers as a table of targets and outputs.
func drawDataView(_ model: PlayModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let data = model.data
    let e = model.main.evaluation, words = model.text
    var title = data.isPlane ? words.plane : data.isDigits ? words.digits : words.predictions
    if let a = e.trainAccuracy { title += (model.unicode ? " · " : " | ") + words.trainAccuracy(percent(a)) }
    if let a = e.testAccuracy { title += (model.unicode ? " · " : " | ") + words.testAccuracy(percent(a)) }
    let panel = Panel(title: title, box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area)
    if data.isPlane {
        // about square: a cell is twice as tall as it is wide
        let side = min(inner.width, 2 * (inner.height - 1) + 6)
        let plot = Rect(x: inner.x, y: inner.y, width: side, height: inner.height)
        heatmap(for: model.main.trainer.network, data: data, area: plot, model: model).render(into: &buffer, area: plot)
        drawLegend(model, into: &buffer, area: inner.inset(left: side + 2))
    } else if data.isDigits {
        drawDigits(model, into: &buffer, area: inner)
    } else if case .classes = data.task {
        drawConfusion(model, into: &buffer, area: inner)
    } else {
        drawRegression(model, into: &buffer, area: inner)
    }
}

/// What the heatmap's glyphs and shades mean, beside it when there is room.
private func drawLegend(_ model: PlayModel, into buffer: inout Buffer, area: Rect) {
    guard area.width >= 14 else { return }
    let u = model.unicode
    let g = { (label: Int, test: Bool) in DecisionHeatmap.glyph(label: label, isTest: test, unicode: u) }
    let shading = !(model.theme.usesColor && u)
    let words = model.text
    var lines: [(String, Style)] = [
        ("\(g(0, false)) \(g(0, true))  " + words.classLabel(0), Style(.class0, attributes: .bold)),
        ("\(g(1, false)) \(g(1, true))  " + words.classLabel(1), Style(.class1, attributes: .bold)),
        (words.trainTest, Style(.dim)),
        ("", .plain),
        (words.background, Style(.dim)),
        (words.probabilityOfOne, Style(.dim)),
    ]
    lines.append(shading ? ("' .:-=+*#%@'", Style(.text)) : ("0 … 1", Style(.text)))
    lines.append(shading ? (words.zeroToOne, Style(.dim)) : ("", .plain))
    let d = model.data
    lines += [("", .plain), (words.trainingPoints(d.train.count), Style(.dim)), (words.testPoints(d.test.count), Style(.dim))]
    for (k, line) in lines.enumerated() where k < area.height {
        buffer.put(line.0, x: area.x, y: area.y + k, style: line.1, clip: area)
    }
}

func percent(_ x: Double) -> String { formatShort((x * 1000).rounded() / 10) + "%" }

/// The network's output evaluated at every pixel of `area`, with the training and test points.
func heatmap(for network: Network, data: PlayData, area: Rect, model: PlayModel) -> DecisionHeatmap {
    let range = ToyDataset.displayRange
    let color = model.theme.usesColor && model.unicode
    let size = DecisionHeatmap.gridSize(for: area, xRange: range, yRange: range, color: color)
    let grid = DecisionHeatmap.sampleGrid(width: size.width, height: size.height, xRange: range, yRange: range)
    var points: [DecisionHeatmap.DataPoint] = []
    for (set, isTest) in [(data.train, false), (data.test, true)] {
        for (x, t) in zip(set.inputs, set.targets) {
            points.append(.init(x: x[0], y: x[1], label: t[0] >= 0.5 ? 1 : 0, isTest: isTest))
        }
    }
    return DecisionHeatmap(predictions: network.predict(batch: grid), columns: size.width, rows: size.height,
                           xRange: range, yRange: range, points: points, color: color, unicode: model.unicode)
}

/// Sample images (of the test part when there is one) with true → predicted, and the confusion matrix.
private func drawDigits(_ model: PlayModel, into buffer: inout Buffer, area: Rect) {
    let e = model.main.evaluation
    let set = model.data.test.count > 0 ? model.data.test : model.data.train
    let matrix = ConfusionMatrix(counts: e.confusion, labels: (0..<e.confusion.count).map(String.init),
                                 rowTitle: model.text.trueClass, columnTitle: model.text.predictedClass,
                                 unicode: model.unicode)
    let showMatrix = area.width >= matrix.size.width + 30 && area.height >= matrix.size.height
    let images = showMatrix ? area.inset(right: matrix.size.width + 2) : area
    if showMatrix {
        matrix.render(into: &buffer, area: Rect(x: area.right - matrix.size.width, y: area.y,
                                                width: matrix.size.width, height: matrix.size.height))
    }
    // small drawings (two pixel rows a cell) with a caption: 8x8 digits take 8x5 cells, MNIST's 28x15
    let size = model.data.imageSize ?? ImageSize(width: 8, height: 8)
    let tile = (width: max(8, size.width), height: (size.height + 1) / 2 + 1)
    let perRow = max(1, images.width / (tile.width + 1)), rows = max(1, images.height / tile.height)
    let arrow = model.unicode ? "→" : ">"
    for k in 0..<min(perRow * rows, e.predictions.count, set.count) {
        let truth = e.truths[k], predicted = e.predictions[k]
        let image = DigitImage(pixels: set.inputs[k], width: size.width, height: size.height, maxValue: 1,
                               caption: "\(truth)\(arrow)\(predicted)", correct: truth == predicted, unicode: model.unicode)
        let x = images.x + (k % perRow) * (tile.width + 1), y = images.y + (k / perRow) * tile.height
        image.render(into: &buffer, area: Rect(x: x, y: y, width: tile.width, height: tile.height).intersection(images))
    }
}

private func drawConfusion(_ model: PlayModel, into buffer: inout Buffer, area: Rect) {
    let e = model.main.evaluation
    let names = model.data.classNames ?? (0..<e.confusion.count).map(String.init)
    let matrix = ConfusionMatrix(counts: e.confusion, labels: names, rowTitle: model.text.trueClass,
                                 columnTitle: model.text.predictedClass, unicode: model.unicode)
    let caption = model.text.confusionCaption(test: model.data.test.count > 0)
    buffer.put(truncate(caption, width: max(0, area.width - 1), unicode: model.unicode), x: area.x + 1, y: area.y,
               style: Style(.dim), clip: area)
    matrix.render(into: &buffer, area: area.inset(top: 2, left: 1))
}

private func drawRegression(_ model: PlayModel, into buffer: inout Buffer, area: Rect) {
    let set = model.data.test.count > 0 ? model.data.test : model.data.train
    let n = min(set.count, max(0, area.height - 1))
    let outputs = model.main.trainer.network.predict(batch: Array(set.inputs.prefix(n)))
    let rows = (0..<n).map { k in ["\(k + 1)", compactNumber(set.targets[k][0]), compactNumber(outputs[k][0])] }
    Table(header: model.text.regressionHeader, rows: rows, alignments: [.right, .right, .right])
        .render(into: &buffer, area: area.inset(left: 1))
}

/// Compare mode: every run's training loss on one plot (test loss dotted in the table), and a
/// table of where each run stands.
func drawCompare(_ model: PlayModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let field = model.compare?.field ?? .optimizer
    let panel = Panel(title: model.text.compareTitle(field), box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area)
    let parts = inner.rows([.fill, .length(model.runs.count + 1)])
    let roles: [ColorRole] = [.accent, .warning, .positive]
    let names = model.variants.map(\.name)
    let series = model.runs.enumerated().map { k, run in
        let curve = run.trainLosses.curve(firstEpoch: 1)   // epochs from 1, as the counter counts
        return LossChart.Series(name: names[k], values: curve.values, positions: curve.positions, role: roles[k % roles.count])
    }
    let values = series.flatMap { $0.values.filter { $0.isFinite && $0 > 0 } }
    let log = (values.max() ?? 1) / (values.min() ?? 1) > 100
    var chart = LossChart(series: series, logScale: log, unicode: model.unicode, xLabel: model.text.epochAxis,
                          emptyText: model.text.spaceStarts)
    chart.xMin = 1
    chart.xMax = LossChart.lastPosition(series)
    chart.distinctMarks = !model.unicode || !model.theme.usesColor   // the runs apart without colour
    chart.render(into: &buffer, area: parts[0])
    let rows = model.runs.enumerated().map { k, run -> [String] in
        let t = run.trainer
        return [names[k], "\(t.epoch)", run.trainLosses.last.map(compactNumber) ?? "-",
                run.testLosses.last.map(compactNumber) ?? "-",
                run.evaluation.testAccuracy.map(percent) ?? run.evaluation.trainAccuracy.map(percent) ?? "-"]
    }
    let styles = model.runs.indices.map { k in [Style(roles[k % roles.count], attributes: .bold), nil, nil, nil, nil] }
    Table(header: model.text.compareHeader, rows: rows,
          alignments: [.left, .right, .right, .right, .right], cellStyles: styles)
        .render(into: &buffer, area: parts[1].inset(left: 1))
}
