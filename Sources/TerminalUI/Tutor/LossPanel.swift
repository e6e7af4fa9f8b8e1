import BackpropEngine

/// The loss over the whole run so far, with the step on screen and the mark as vertical lines:
/// a point per update while they fit, else per epoch (or span of epochs), from the engine.
func drawLoss(_ s: ScreenState, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let timeline = s.model.timeline
    var title = s.text.loss
    if let trace = s.trace, s.isShown(trace.batchLossEventIndex), !s.model.hidden.loss {
        title += " " + s.words.format(trace.batchLoss)
    }
    let panel = Panel(title: title, box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    // two dots a column at most (braille)
    let points = max(2, inner.width * 2)
    // the newest update's loss joins the curve once its loss event is on screen
    var updates = timeline.trainedUpdates
    if let trace = s.trace, timeline.position?.step == updates - 1, !s.isShown(trace.batchLossEventIndex) {
        updates -= 1
    }
    let curve = timeline.lossCurve(maxPoints: points, updates: updates)
    var series = [LossChart.Series(name: s.text.loss, values: curve.values, positions: curve.positions, role: .accent)]
    if timeline.live.testData != nil {
        let test = timeline.testLossCurve(maxPoints: points)
        series.append(LossChart.Series(name: s.text.testLoss, values: test.values, positions: test.positions,
                                       role: .warning))
    }
    var lo = Double.infinity, hi = 0.0
    for v in curve.values where v.isFinite && v > 0 {
        lo = min(lo, v)
        hi = max(hi, v)
    }
    let automaticLog = hi > 0 && hi / lo > 100
    var chart = LossChart(series: series, logScale: s.model.logScale ?? automaticLog,
                          marker: curve.values.isEmpty ? nil : timeline.shownEpochs,
                          unicode: s.model.unicode, xLabel: s.text.epochAxis, emptyText: s.text.noEpochYet)
    chart.xMax = timeline.trainedEpochs
    chart.mark = curve.values.isEmpty ? nil : timeline.markEpochs
    chart.legendValues = false
    chart.render(into: &buffer, area: inner)
}
