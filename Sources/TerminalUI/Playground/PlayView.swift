import BackpropEngine

/// The whole playground screen, drawn from the model alone.
///
/// ```
/// ┌ title: playground · spiral ───────────────────────── epoch 120 · 310 epochs/s · training ┐
/// │ data view (heatmap, digits, classes)          │ settings (↑↓ select, ←→ change)         │
/// │                                               ├─────────────────────────────────────────┤
/// │                                               │ network diagram (tall screens)           │
/// ├────────────────────────┬──────────────────────┤ weight histograms                        │
/// │ loss: train and test   │ gradient size/layer   │                                          │
/// └ keys ────────────────────────────────────────────────────────────────────────────────────┘
/// ```
/// In compare mode the data view is replaced by the runs' loss curves on one plot and a table.
public func view(_ model: PlayModel) -> Buffer {
    var buffer = Buffer(width: max(model.width, 1), height: max(model.height, 1))
    if model.isTooSmall {
        let text = model.text.tooSmall(PlayModel.minimumWidth, PlayModel.minimumHeight, model.width, model.height)
        for (k, line) in wrap(text, width: max(1, model.width - 2)).enumerated() {
            buffer.put(line, x: 1, y: max(0, model.height / 2 - 1) + k, style: Style(.warning, attributes: .bold))
        }
        return buffer
    }
    let box = BoxStyle.standard(unicode: model.unicode)
    let rows = buffer.area.rows([.length(1), .fill, .length(1)])
    drawPlayTitle(model, into: &buffer, area: rows[0])
    let deep = model.compare == .deep
    let l = playLayout(rows[1], weightLayers: model.main.trainer.network.weightLayerCount, deep: deep)
    switch model.compare {
    case .deep:
        drawDeepCompare(model, into: &buffer, area: l.data, box: box)
        drawDeepLoss(model, into: &buffer, area: l.loss, box: box)
        drawDeepFirstLayer(model, into: &buffer, area: l.gradients, box: box)
    case .setting:
        drawCompare(model, into: &buffer, area: l.data, box: box)
    case nil:
        drawDataView(model, into: &buffer, area: l.data, box: box)
    }
    if !deep {
        drawPlayLoss(model, into: &buffer, area: l.loss, box: box)
        drawPlayGradients(model, into: &buffer, area: l.gradients, box: box)
    }
    drawPlaySettings(model, into: &buffer, area: l.settings, box: box)
    if let diagram = l.diagram { drawPlayDiagram(model, into: &buffer, area: diagram, box: box) }
    drawPlayHistogram(model, into: &buffer, area: l.histogram, box: box)
    drawPlayKeyLine(model, into: &buffer, area: rows[2])
    if model.showHelp { drawPlayHelp(model, into: &buffer, box: box) }
    return buffer
}

/// Where the panels go. A deep network's gradient bars get taller room on tall screens, and more
/// of the bottom row when they wrap into columns; the compare preset's bars (in the data view)
/// take a row of the bottom's.
func playLayout(_ area: Rect, weightLayers: Int = 3, deep: Bool = false)
    -> (data: Rect, loss: Rect, gradients: Rect, settings: Rect, diagram: Rect?, histogram: Rect) {
    let rightWidth = max(34, area.width * 3 / 10)
    let columns = area.columns([.fill, .length(rightWidth)])
    // bars, the scale line and the borders, while the data view keeps 22 rows
    let barsHeight = deep ? 0 : min(weightLayers + 3, area.height - 22)
    let bottomHeight = max(deep ? 8 : 9, area.height * 3 / 10, barsHeight)
    let left = columns[0].rows([.fill, .length(bottomHeight)])
    let wrapped = !deep && weightLayers > bottomHeight - 2
    let bottom = left[1].columns([.fill, .percentage(wrapped ? 60 : deep ? 50 : 45)])
    let settingsHeight = PlayField.allCases.count + 2
    // the diagram when it has room: 20 rows and 4 columns a layer
    if columns[1].height >= settingsHeight + 20 && columns[1].width - 2 >= 4 * (weightLayers + 1) {
        // the histogram: up to a row per layer, at least 8 rows
        let histogram = max(8, min(weightLayers + 2, columns[1].height - settingsHeight - 12))
        let right = columns[1].rows([.length(settingsHeight), .fill, .length(histogram)])
        return (left[0], bottom[0], bottom[1], right[0], right[1], right[2])
    }
    let right = columns[1].rows([.length(settingsHeight), .fill])
    return (left[0], bottom[0], bottom[1], right[0], nil, right[1])
}

private func drawPlayTitle(_ model: PlayModel, into buffer: inout Buffer, area: Rect) {
    let style = Style(.title, attributes: [.reverse, .bold])
    buffer.fill(area, with: Cell(" ", style: style))
    let dot = model.unicode ? " · " : " | "
    let trainer = model.main.trainer, words = model.text
    var right = [words.epoch(trainer.epoch)]
    if model.running { right.append(words.epochsPerSecond(formatRate(model.main.epochsPerSecond))) }
    if trainer.hasDiverged {
        right.append(words.diverged)
    } else {
        right.append(model.running ? words.training(unicode: model.unicode) : words.paused)
    }
    let rightText = right.joined(separator: dot) + " "
    let rightWidth = displayWidth(of: rightText)
    let left = truncate(" backprop-tutor" + dot + model.title, width: max(0, area.width - rightWidth - 1),
                        unicode: model.unicode)
    buffer.put(left, x: area.x, y: area.y, style: style, clip: area)
    buffer.put(rightText, x: area.right - rightWidth, y: area.y, style: style, clip: area)
}

public func formatRate(_ r: Double) -> String {
    guard r.isFinite, r > 0 else { return "0" }
    return r >= 100 ? String(Int(r.rounded())) : formatShort((r * 10).rounded() / 10)
}

private func drawPlayKeyLine(_ model: PlayModel, into buffer: inout Buffer, area: Rect) {
    let cursor = model.unicode ? "▌" : "_"
    let words = model.text
    if let name = model.savePrompt {
        let x = buffer.put(" \(words.saveAs) ", x: area.x, y: area.y, style: Style(.accent, attributes: .bold), clip: area)
        let end = buffer.put(name + cursor, x: x, y: area.y, style: Style(.text, attributes: .bold), clip: area)
        buffer.put("  " + words.saveKeys, x: end, y: area.y, style: Style(.dim), clip: area)
        return
    }
    if let text = model.editing {
        let x = buffer.put(" \(words.field(model.selected)): ", x: area.x, y: area.y, style: Style(.accent, attributes: .bold),
                           clip: area)
        let end = buffer.put(text + cursor, x: x, y: area.y, style: Style(.text, attributes: .bold), clip: area)
        buffer.put("  " + words.setKeys, x: end, y: area.y, style: Style(.dim), clip: area)
        return
    }
    if let status = model.status {
        buffer.put(truncate(" " + status, width: area.width, unicode: model.unicode), x: area.x, y: area.y,
                   style: Style(.warning, attributes: .bold), clip: area)
        return
    }
    let hints = words.hints(running: model.running, comparing: model.compare != nil, unicode: model.unicode)
    KeyHints(hints).render(into: &buffer, area: area.inset(left: 1))
}

private func drawPlayHelp(_ model: PlayModel, into buffer: inout Buffer, box: BoxStyle) {
    let words = model.text
    let rows: [(String, String)] = words.helpRows.map {
        model.unicode ? $0 : ($0.0.replacingArrows(), $0.1.replacingArrows())
    }
    // descriptions wrap beside their keys (Japanese lines are twice as wide as they look)
    let width = min(96, buffer.width - 2)
    let textWidth = max(10, width - 4 - 10)
    var lines: [(key: String, text: String)] = []
    for row in rows {
        for (k, line) in wrap(row.1, width: textWidth).enumerated() { lines.append((k == 0 ? row.0 : "", line)) }
    }
    let area = buffer.area.centered(width: width, height: min(lines.count + 4, buffer.height - 2))
    let panel = Panel(title: words.helpTitle, box: box, borderStyle: Style(.accent, attributes: .bold))
    buffer.fill(area)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    for (k, line) in lines.enumerated() where k < inner.height - 1 {
        buffer.put(line.key, x: inner.x, y: inner.y + k, style: Style(.keyHint, attributes: .bold), clip: inner)
        buffer.put(line.text, x: inner.x + 10, y: inner.y + k, style: .plain, clip: inner)
    }
    buffer.put(words.closeHint, x: inner.x, y: inner.bottom - 1, style: Style(.dim), clip: inner)
}
