import BackpropEngine

/// One line for the whole run: an axis of epochs from 0 to the file's planned epochs (or further,
/// when trained further), the trained part drawn heavy, the step on screen as ● and the mark as ◆:
///
/// ```
///  run 0 ━━━━━━━◆━━━━━━━━━━━●━━━━━━━━━─────────────────── 10000  trained 1001 · ◆ mark: epoch 10
/// ```
func drawRunBar(_ s: ScreenState, into buffer: inout Buffer, area: Rect) {
    guard area.height >= 1, area.width >= 20 else { return }
    let timeline = s.model.timeline
    let unicode = s.model.unicode
    let trained = timeline.trainedEpochs
    let planned = Double(max(1, timeline.startTrainer.config.epochs))
    let axisEnd = max(planned, trained.rounded(.up))
    var info = s.text.trained(LossChart.axisLabel(trained))
    if let mark = timeline.mark {
        let epoch = (mark.position?.step ?? 0) / timeline.batchesPerEpoch + 1
        info += (unicode ? " · " : " | ") + s.text.markAt(epoch, unicode: unicode)
    }
    let left = " " + s.text.run + " 0 "
    let right = " " + LossChart.axisLabel(axisEnd) + "  " + info
    var x = buffer.put(left, x: area.x, y: area.y, style: Style(.dim), clip: area)
    // the bar takes what the labels leave, the info giving way first on a narrow screen
    var rightText = right
    if area.right - x - displayWidth(of: rightText) < 10 { rightText = " " + LossChart.axisLabel(axisEnd) }
    let width = max(1, area.right - x - displayWidth(of: rightText) - 1)
    func cell(_ epochs: Double) -> Int {
        min(width - 1, max(0, Int((epochs / axisEnd * Double(width - 1)).rounded())))
    }
    let trainedCell = trained > 0 ? cell(trained) : -1
    let shownCell = cell(timeline.shownEpochs)
    let markCell = timeline.markEpochs.map(cell)
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
