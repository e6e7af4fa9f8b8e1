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
    let curve = s.model.shownLossCurve(maxPoints: points)
    // the axis counts epochs as the header does: an update of epoch 1001 sits at 1001 (the
    // engine's positions count from 0, the start of the run)
    var series = [LossChart.Series(name: s.text.loss, values: curve.values, positions: curve.positions.map { $0 + 1 },
                                   role: .accent)]
    if timeline.live.testData != nil {
        let test = timeline.testLossCurve(maxPoints: points)
        series.append(LossChart.Series(name: s.text.testLoss, values: test.values, positions: test.positions.map { $0 + 1 },
                                       role: .warning, dotted: true))
    }
    var chart = LossChart(series: series, logScale: s.model.lossAxisIsLog,
                          marker: curve.values.isEmpty ? nil : timeline.shownEpochs + 1,
                          unicode: s.model.unicode, xLabel: s.text.epochAxis, emptyText: s.text.noEpochYet)
    chart.xMin = 1
    let b = Double(timeline.batchesPerEpoch)
    chart.xMax = max(1, Double(max(timeline.live.updateCount - 1, 0)) / b + 1)
    chart.mark = curve.values.isEmpty ? nil : timeline.markEpochs.map { $0 + 1 }
    chart.legendValues = false
    chart.render(into: &buffer, area: inner)
}

extension TutorModel {
    /// The run's loss curve as the loss panel draws it (x from 0, the engine's positions): the
    /// newest update's loss joins it once its loss event is on screen (in a lesson once the scene
    /// is on that update, whose text quotes the loss), never while a quiz hides the loss.
    func shownLossCurve(maxPoints: Int) -> LossCurve {
        var updates = timeline.trainedUpdates
        if let trace = timeline.currentTrace, timeline.position?.step == updates - 1,
           hidden.loss || !(wholeUpdateShown || timeline.isShown(trace.batchLossEventIndex)) {
            updates -= 1
        }
        return timeline.lossCurve(maxPoints: maxPoints, updates: updates)
    }

    /// Whether the loss axis is logarithmic: as `g` last set it, else when the loss has fallen
    /// over more than two decades.
    var lossAxisIsLog: Bool {
        if let logScale { return logScale }
        var lo = Double.infinity, hi = 0.0
        for v in timeline.lossCurve(maxPoints: 512).values where v.isFinite && v > 0 {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        return hi > 0 && hi / lo > 100
    }
}
