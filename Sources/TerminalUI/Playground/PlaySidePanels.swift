import BackpropEngine
import EventWords
import NetworkNaming

/// Training and test loss per epoch on one plot.
func drawPlayLoss(_ model: PlayModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let run = model.main, words = model.text
    var title = words.loss
    if let last = run.trainLosses.last { title += " " + compactNumber(last) }
    if let test = run.testLosses.last { title += (model.unicode ? " · " : " | ") + words.test + " " + compactNumber(test) }
    let panel = Panel(title: title, box: box)
    panel.render(into: &buffer, area: area)
    // x counts epochs from 1, as the epoch counter does; the curves are downsampled (DownsampledLosses)
    let train = run.trainLosses.curve(firstEpoch: 1), test = run.testLosses.curve(firstEpoch: 1)
    var series = [LossChart.Series(name: words.train, values: train.values, positions: train.positions, role: .accent)]
    if run.trainer.testData != nil {
        series.append(LossChart.Series(name: words.test, values: test.values, positions: test.positions, role: .warning,
                                       dotted: true))
    }
    let values = train.values.filter { $0.isFinite && $0 > 0 }
    let log = (values.max() ?? 1) / (values.min() ?? 1) > 100
    var chart = LossChart(series: series, logScale: log, unicode: model.unicode, xLabel: words.epochAxis,
                          emptyText: words.spaceStarts)
    chart.xMin = 1   // the loss of epoch 1 first, as the epoch counter counts
    chart.xMax = LossChart.lastPosition(series)
    chart.render(into: &buffer, area: panel.inner(area))
}

/// The size of the gradient of each weight layer, on a log scale reaching below the smallest.
func drawPlayGradients(_ model: PlayModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let words = model.text
    let title = words.gradientsTitle(wide: true)
    let panel = Panel(title: area.width >= displayWidth(of: title) + 5 ? title : words.gradientsTitle(wide: false), box: box)
    panel.render(into: &buffer, area: area)
    gradientBars(model, model.main.gradientNorms).render(into: &buffer, area: panel.inner(area).inset(left: 1))
}

/// One run's per-layer gradient bars as the playground draws them (wrapping into columns when
/// the layers outnumber the rows).
func gradientBars(_ model: PlayModel, _ norms: [Double]) -> GradientBars {
    let words = model.text
    let bars = norms.enumerated().map {
        GradientBars.Bar(label: words.layer($0.offset + 1), value: $0.element, shortLabel: String($0.offset + 1))
    }
    return GradientBars(bars: bars, range: GradientBars.range(covering: norms), vanishingText: words.vanishing,
                        explodingText: words.exploding, unicode: model.unicode)
}

/// The settings, the selected one highlighted; ↑ ↓ select, ← → change.
func drawPlaySettings(_ model: PlayModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let panel = Panel(title: model.text.settings, box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    let fields = PlayField.allCases
    let labels = fields.map(model.text.field)
    let labelWidth = labels.map { displayWidth(of: $0) }.max() ?? 10
    let (left, right) = model.unicode ? ("◂ ", " ▸") : ("< ", " >")
    for (k, field) in fields.enumerated() where k < inner.height {
        let y = inner.y + k
        let selected = field == model.selected
        var value = model.text.value(field, model.settings, unicode: model.unicode)
        if model.compare?.compares(field) == true {
            value = model.text.compared
        }
        let labelStyle = selected ? Style(.highlight, attributes: [.bold, .reverse]) : Style(.dim)
        buffer.put(pad(labels[k], labelWidth), x: inner.x, y: y, style: labelStyle, clip: inner)
        let shown = selected ? left + value + right : "  " + value
        let style = selected ? Style(.accent, attributes: .bold) : (field.isLive ? Style(.text) : Style(.text))
        buffer.put(shown, x: inner.x + labelWidth + 1, y: y, style: style, clip: inner)
    }
}

private func pad(_ s: String, _ width: Int) -> String {
    s + String(repeating: " ", count: max(0, width - displayWidth(of: s)))
}

/// The network with its current weights, drawn as the tutor draws it (a digit input as the
/// first training image).
func drawPlayDiagram(_ model: PlayModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let net = model.main.trainer.network
    let panel = Panel(title: model.text.network(net.layerSizes.map(String.init).joined(separator: "-")), box: box)
    panel.render(into: &buffer, area: area)
    // the tutor's names: x₁, h₁⁽²⁾, ŷ₀ for the digit 0 (as the confusion matrix counts)
    let words = EventWords(network: net, language: model.language, ascii: !model.unicode,
                           naming: NetworkNaming(trainer: model.main.trainer))
    NetworkDiagram.of(net, words: words, language: model.language, unicode: model.unicode,
                      pixels: model.data.train.inputs.first)
        .render(into: &buffer, area: panel.inner(area))
}

/// A histogram of the weights of each layer.
func drawPlayHistogram(_ model: PlayModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let panel = Panel(title: model.text.weightsPerLayer, box: box)
    panel.render(into: &buffer, area: area)
    let net = model.main.trainer.network
    let inner = panel.inner(area).inset(left: 1)
    let perLayer = max(1, min(3, inner.height / max(1, net.weightLayerCount) - 1))
    let layers = net.weights.enumerated().map { WeightHistogram.Layer(label: model.text.layer($0.offset + 1), values: $0.element) }
    WeightHistogram(layers: layers, maxRowsPerLayer: perLayer, unicode: model.unicode).render(into: &buffer, area: inner)
}
