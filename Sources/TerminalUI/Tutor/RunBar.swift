import BackpropEngine

/// One line for the whole run: an axis of epoch numbers from 1 (as the header counts them) to the
/// file's planned epochs (or further, when trained further), the trained part drawn heavy, the
/// step on screen as ● and the mark as ◆:
///
/// ```
///  run 1 ━━━━━━━◆━━━━━━━━━━━●━━━━━━━━━─────────────────── 10000  reached epoch 1001 · ◆ mark: epoch 10
/// ```
func drawRunBar(_ s: ScreenState, into buffer: inout Buffer, area: Rect) {
    guard area.height >= 1, area.width >= 20 else { return }
    let timeline = s.model.timeline
    let unicode = s.model.unicode
    let b = timeline.batchesPerEpoch
    let updates = timeline.trainedUpdates
    // the epoch of the newest update the engine has made (its number, as the header gives it)
    let reached = updates > 0 ? (updates - 1) / b + 1 : 0
    let planned = max(1, timeline.startTrainer.config.epochs)
    let axisEnd = Double(max(planned, reached))
    var info = reached > 0 ? s.text.reached(reached) : s.text.notTrained
    if let mark = timeline.mark {
        let epoch = (mark.position?.step ?? 0) / b + 1
        info += (unicode ? " · " : " | ") + s.text.markAt(epoch, unicode: unicode)
    }
    let left = " " + s.text.run + " 1 "
    let right = " " + LossChart.axisLabel(axisEnd) + "  " + info
    var x = buffer.put(left, x: area.x, y: area.y, style: Style(.dim), clip: area)
    // the bar takes what the labels leave, the info giving way first on a narrow screen
    var rightText = right
    if area.right - x - displayWidth(of: rightText) < 10 { rightText = " " + LossChart.axisLabel(axisEnd) }
    let width = max(1, area.right - x - displayWidth(of: rightText) - 1)
    // an epoch coordinate: epoch n's first update at n (the engine's positions count from 0)
    func cell(_ epoch: Double) -> Int {
        guard axisEnd > 1 else { return 0 }
        return min(width - 1, max(0, Int(((epoch - 1) / (axisEnd - 1) * Double(width - 1)).rounded())))
    }
    let trainedCell = updates > 0 ? cell(Double(updates - 1) / Double(b) + 1) : -1
    let shownCell = cell(timeline.shownEpochs + 1)
    let markCell = timeline.markEpochs.map { cell($0 + 1) }
    let done = Glyph(unicode ? "━" : "=", Style(.accent, attributes: .bold))
    let ahead = Glyph(unicode ? "─" : "-", Style(.dim))
    for k in 0..<width {
        buffer.put(k <= trainedCell ? done : ahead, x: x + k, y: area.y, clip: area)
    }
    if let markCell {
        buffer.put(unicode ? "◆" : "*", x: x + markCell, y: area.y, style: Style(.accent, attributes: .bold), clip: area)
    }
    buffer.put(unicode ? "●" : "o", x: x + shownCell, y: area.y, style: Style(.highlight, attributes: .bold), clip: area)
    x += width
    buffer.put(truncate(rightText, width: max(0, area.right - x), unicode: unicode), x: x, y: area.y,
               style: Style(.dim), clip: area)
}
