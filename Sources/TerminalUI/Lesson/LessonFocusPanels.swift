import BackpropEngine
import EventWords
import TutorFiles

/// The samples: inputs and targets, one row each (as many as fit).
func drawData(_ model: LessonModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let text = model.text
    let data = model.player.file.data
    let panel = Panel(title: text.dataTitle + " (\(data.count))", box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    let words = model.tutorModel.words(width: 80)
    let rows = (0..<min(data.count, max(0, inner.height - 1))).map { k in
        ["\(k + 1)", data.inputs[k].map(words.format).joined(separator: "  "),
         data.targets[k].map(words.format).joined(separator: "  ")]
    }
    Table(header: ["#", text.dataHeader.0, text.dataHeader.1], rows: rows, alignments: [.right, .left, .left],
          columnGap: 3).render(into: &buffer, area: inner)
}

/// The gradient's size per weight layer, as bars on a log scale.
func drawGradients(_ model: LessonModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let text = model.text
    let panel = Panel(title: text.gradientsTitle, box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    guard let norms = model.player.gradientNorms else {
        buffer.put(text.noStepYet, x: inner.x, y: inner.y, style: Style(.dim), clip: inner)
        return
    }
    // a pending quiz about a layer's gradient hides its bar and number (`hides = ["gradnorm.layer1"]`)
    let hidden = model.player.hiddenValues
    var g = gradientBars(model, norms.enumerated().map { (text.layer($0.offset + 1), $0.element) })
    for k in g.bars.indices where hidden.contains(.gradientNorm(layer: k + 1)) { g.bars[k].hidden = true }
    g.render(into: &buffer, area: inner)
}

func gradientBars(_ model: LessonModel, _ bars: [(String, Double)]) -> GradientBars {
    var g = GradientBars(bars, unicode: model.unicode)
    g.vanishingText = model.text.vanishing
    g.explodingText = model.text.exploding
    return g
}

private let runRoles: [ColorRole] = [.accent, .warning, .positive, .negative, .highlight, .text]

/// The loss curves of the lesson's comparison runs on one log-scale plot.
func drawComparison(_ model: LessonModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let text = model.text
    let panel = Panel(title: text.compareTitle, box: box)
    panel.render(into: &buffer, area: area)
    let runs = model.player.comparison?.runs ?? []
    let hidden = model.player.hiddenValues
    let series = runs.enumerated().map { k, run in
        // x = the epoch, counted from 1 as the header and the single run's curve count: epoch n's
        // loss at n, and the trained network's loss (the number `compare.<name>.loss` gives the
        // text, one final loss on the whole screen) at the epoch after the last trained one
        let ends = run.finalLoss.isFinite && run.divergence == nil
        let values = run.epochLosses + (ends ? [run.finalLoss] : [])
        var s = LossChart.Series(name: plainSymbols(run.title(model.language), model.unicode),
                                 values: values, positions: values.indices.map { Double($0 + 1) },
                                 role: runRoles[k % runRoles.count])
        s.legendValue = ends ? run.finalLoss : nil
        s.valueHidden = hidden.contains(.comparison(variant: run.name, .loss))
        return s
    }
    var chart = LossChart(series: series, logScale: true, unicode: model.unicode, xLabel: model.tutorModel.text.epochAxis,
                          emptyText: text.noStepYet)
    chart.distinctMarks = !model.unicode || !model.theme.usesColor
    chart.xMin = 1
    chart.xMax = LossChart.lastPosition(series)
    chart.render(into: &buffer, area: panel.inner(area))
}

/// Per comparison run, the first update's gradient size per weight layer: one under another
/// when they fit; else each run in its own columns, labelled "sigmoid layer 1" when that leaves
/// the bars room, else "A1" with "A sigmoid · B tanh · …" in the bottom border.
func drawComparisonGradients(_ model: LessonModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let text = model.text
    let runs = model.player.comparison?.runs ?? []
    let hidden = model.player.hiddenValues
    let titles = runs.map { plainSymbols($0.title(model.language), model.unicode) }
    let blocks: [[GradientBars.Bar]] = runs.enumerated().map { r, run in
        run.firstGradientNorms.enumerated().map { k, norm in
            GradientBars.Bar(label: titles[r] + " " + text.layer(k + 1), value: norm, shortLabel: runLetter(r) + "\(k + 1)",
                             hidden: hidden.contains(.comparison(variant: run.name, .gradientNorm(layer: k + 1))))
        }
    }
    let inner = Panel(box: box).inner(area).inset(horizontal: 1, vertical: 0)
    let count = blocks.reduce(0) { $0 + $1.count }
    guard count > inner.height, inner.height > 0, !runs.isEmpty else {
        Panel(title: text.compareGradientsTitle, box: box).render(into: &buffer, area: area)
        var g = gradientBars(model, [])
        g.bars = blocks.flatMap { $0 }
        g.showScale = count < inner.height
        g.render(into: &buffer, area: inner)
        return
    }
    // columns of `inner.height` bars, a run never sharing a column with another
    let perRun = blocks.map { ($0.count + inner.height - 1) / inner.height }
    let columns = perRun.reduce(0, +)
    let gap = 2
    let columnWidth = (inner.width - gap * (columns - 1)) / max(1, columns)
    let valueWidth = blocks.flatMap { $0 }.map { $0.hidden ? 1 : displayWidth(of: GradientBars.shortNumber($0.value)) }.max() ?? 1
    let labelWidth = blocks.flatMap { $0 }.map { displayWidth(of: $0.label) }.max() ?? 0
    let fullLabels = labelWidth + 1 + 8 + 1 + valueWidth <= columnWidth   // and a track of 8 cells
    let legend = titles.enumerated().map { runLetter($0.offset) + " " + $0.element }.joined(separator: model.unicode ? " · " : " - ")
    Panel(title: text.compareGradientsTitle, footer: fullLabels ? "" : legend, box: box).render(into: &buffer, area: area)
    var x = inner.x
    for (r, bars) in blocks.enumerated() {
        let width = perRun[r] * columnWidth + gap * (perRun[r] - 1)
        var g = gradientBars(model, [])
        // labels of one width: every column's track the same length, on the one scale
        let shortWidth = blocks.flatMap { $0 }.map { displayWidth(of: $0.shortLabel ?? "") }.max() ?? 0
        g.bars = bars.map { bar in
            var b = bar
            b.label = fullLabels ? bar.label.padding(toWidth: labelWidth) : (bar.shortLabel ?? "").padding(toWidth: shortWidth)
            b.shortLabel = nil
            return b
        }
        g.showScale = false
        g.shortValues = true
        g.minimumTrack = 2
        g.vanishingText = ""
        g.explodingText = ""
        g.render(into: &buffer, area: Rect(x: x, y: inner.y, width: max(0, min(width, inner.right - x)), height: inner.height))
        x += width + gap
    }
}

/// "A", "B", … for the runs' short labels.
private func runLetter(_ k: Int) -> String { String(UnicodeScalar(UInt8(65 + k % 26))) }

/// Sample images with their true and predicted classes, as many as fit side by side.
func drawDigits(_ model: LessonModel, mistakes: Bool, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let text = model.text
    let gallery = model.player.gallery(limit: 24)
    let panel = Panel(title: text.digitsTitle(test: gallery.source == .test, mistakes: mistakes), box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    guard !gallery.samples.isEmpty else {
        buffer.put(text.noMistakes, x: inner.x, y: inner.y, style: Style(.dim), clip: inner)
        return
    }
    let names = model.player.file.classNames
    func name(_ k: Int) -> String { names.map { k < $0.count ? $0[k] : String(k) } ?? String(k) }
    let images = gallery.samples.map { sample in
        DigitImage(pixels: sample.pixels.map { $0 - sample.minValue }, width: sample.width, height: sample.height,
                   maxValue: sample.maxValue - sample.minValue,
                   caption: name(sample.label) + (model.unicode ? "→" : ">") + name(sample.predicted),
                   correct: sample.isCorrect, unicode: model.unicode)
    }
    // large images when a row of them fits, else small ones
    let first = images[0]
    let large = inner.height >= first.largeSize.height
    let cellWidth = max(large ? first.largeSize.width : first.smallSize.width, 5) + 2
    let cellHeight = large ? first.largeSize.height : first.smallSize.height
    let perRow = max(1, inner.width / cellWidth)
    let rowsFit = max(1, inner.height / max(cellHeight, 1))
    for (k, image) in images.prefix(perRow * rowsFit).enumerated() {
        let cell = Rect(x: inner.x + (k % perRow) * cellWidth, y: inner.y + (k / perRow) * cellHeight,
                        width: cellWidth - 2, height: cellHeight).intersection(inner)
        image.render(into: &buffer, area: cell)
    }
    let legend = text.trueWord + (model.unicode ? "→" : ">") + text.predictedWord
    buffer.put(" " + legend + " ", x: area.right - displayWidth(of: legend) - 4, y: area.bottom - 1,
               style: Style(.dim), clip: area)
}

/// The `confusion` focus: the scene's network's answers counted by true and predicted class.
func drawConfusion(_ model: LessonModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let text = model.text
    let (source, counts) = model.player.confusion()
    let panel = Panel(title: text.confusionTitle(test: source == .test), box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    let names = model.player.file.classNames ?? []
    ConfusionMatrix(counts: counts, labels: names, rowTitle: text.trueWord, columnTitle: text.predictedWord,
                    unicode: model.unicode).render(into: &buffer, area: inner)
}
