import BackpropEngine

/// The loss per epoch so far, with the current epoch marked.
func drawLoss(_ s: ScreenState, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let trainer = s.trainer
    var title = s.text.loss
    if let trace = s.trace, s.isShown(trace.batchLossEventIndex) {
        title += " " + s.words.format(trace.batchLoss)
    }
    let panel = Panel(title: title, box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    var series = [LossChart.Series(name: s.text.loss, values: Array(trainer.epochLosses), role: .accent)]
    if trainer.testData != nil {
        series.append(LossChart.Series(name: s.text.testLoss, values: Array(trainer.testLosses), role: .warning))
    }
    let values = trainer.epochLosses.filter { $0.isFinite && $0 > 0 }
    let automaticLog = (values.max() ?? 1) / (values.min() ?? 1) > 100
    let chart = LossChart(series: series, logScale: s.model.logScale ?? automaticLog,
                          marker: trainer.epochLosses.isEmpty ? nil : trainer.epoch,
                          unicode: s.model.unicode, xLabel: s.text.epochAxis, emptyText: s.text.noEpochYet)
    chart.render(into: &buffer, area: inner)
}
