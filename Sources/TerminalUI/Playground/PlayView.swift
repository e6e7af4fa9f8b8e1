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
        let text = "enlarge the window to at least \(PlayModel.minimumWidth)x\(PlayModel.minimumHeight) "
            + "(now \(model.width)x\(model.height))"
        for (k, line) in wrap(text, width: max(1, model.width - 2)).enumerated() {
            buffer.put(line, x: 1, y: max(0, model.height / 2 - 1) + k, style: Style(.warning, attributes: .bold))
        }
        return buffer
    }
    let box = BoxStyle.standard(unicode: model.unicode)
    let rows = buffer.area.rows([.length(1), .fill, .length(1)])
    drawPlayTitle(model, into: &buffer, area: rows[0])
    let l = playLayout(rows[1])
    if model.compare != nil {
        drawCompare(model, into: &buffer, area: l.data, box: box)
    } else {
        drawDataView(model, into: &buffer, area: l.data, box: box)
    }
    drawPlayLoss(model, into: &buffer, area: l.loss, box: box)
    drawPlayGradients(model, into: &buffer, area: l.gradients, box: box)
    drawPlaySettings(model, into: &buffer, area: l.settings, box: box)
    if let diagram = l.diagram { drawPlayDiagram(model, into: &buffer, area: diagram, box: box) }
    drawPlayHistogram(model, into: &buffer, area: l.histogram, box: box)
    drawPlayKeyLine(model, into: &buffer, area: rows[2])
    if model.showHelp { drawPlayHelp(model, into: &buffer, box: box) }
    return buffer
}

/// Where the panels go.
func playLayout(_ area: Rect) -> (data: Rect, loss: Rect, gradients: Rect, settings: Rect,
                                  diagram: Rect?, histogram: Rect) {
    let rightWidth = max(34, area.width * 3 / 10)
    let columns = area.columns([.fill, .length(rightWidth)])
    let left = columns[0].rows([.fill, .length(max(9, area.height * 3 / 10))])
    let bottom = left[1].columns([.fill, .percentage(45)])
    let settingsHeight = PlayField.allCases.count + 2
    if columns[1].height >= settingsHeight + 20 {
        let right = columns[1].rows([.length(settingsHeight), .fill, .length(8)])
        return (left[0], bottom[0], bottom[1], right[0], right[1], right[2])
    }
    let right = columns[1].rows([.length(settingsHeight), .fill])
    return (left[0], bottom[0], bottom[1], right[0], nil, right[1])
}

private func drawPlayTitle(_ model: PlayModel, into buffer: inout Buffer, area: Rect) {
    let style = Style(.title, attributes: [.reverse, .bold])
    buffer.fill(area, with: Cell(" ", style: style))
    let dot = model.unicode ? " · " : " | "
    let trainer = model.main.trainer
    var right = ["epoch \(trainer.epoch)"]
    if model.running { right.append(formatRate(model.main.epochsPerSecond) + " epochs/s") }
    if trainer.hasDiverged {
        right.append("DIVERGED")
    } else {
        right.append(model.running ? (model.unicode ? "▶ training" : "> training") : "paused")
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
    if let name = model.savePrompt {
        let x = buffer.put(" save as: ", x: area.x, y: area.y, style: Style(.accent, attributes: .bold), clip: area)
        let end = buffer.put(name + cursor, x: x, y: area.y, style: Style(.text, attributes: .bold), clip: area)
        buffer.put("  Enter save  Esc cancel", x: end, y: area.y, style: Style(.dim), clip: area)
        return
    }
    if let text = model.editing {
        let x = buffer.put(" \(model.selected.label): ", x: area.x, y: area.y, style: Style(.accent, attributes: .bold),
                           clip: area)
        let end = buffer.put(text + cursor, x: x, y: area.y, style: Style(.text, attributes: .bold), clip: area)
        buffer.put("  Enter set  Esc cancel", x: end, y: area.y, style: Style(.dim), clip: area)
        return
    }
    if let status = model.status {
        buffer.put(truncate(" " + status, width: area.width, unicode: model.unicode), x: area.x, y: area.y,
                   style: Style(.warning, attributes: .bold), clip: area)
        return
    }
    let arrows = model.unicode ? "↑↓←→" : "arrows"
    let hints: [(String, String)] = [
        ("space", model.running ? "pause" : "play"), ("n", "epoch"), ("r", "reset"), (arrows, "settings"),
        ("c", model.compare == nil ? "compare" : "single"), ("i", "step in"), ("s", "save"), ("?", "help"), ("q", "quit"),
    ]
    KeyHints(hints).render(into: &buffer, area: area.inset(left: 1))
}

private func drawPlayHelp(_ model: PlayModel, into buffer: inout Buffer, box: BoxStyle) {
    let rows: [(String, String)] = [
        ("space  p", "play / pause training (it runs on its own thread; keys stay quick)"),
        ("n  .", "train one epoch"),
        ("r", "reset: a new network from the seed, the histories cleared"),
        ("↑ ↓", "choose a setting;  ← → (or - +) change it;  Enter type a value"),
        ("[  ]", "remove / add a hidden layer (← → on \"hidden layers\" change its neurons)"),
        ("c", "compare: the same data under 3 values of the chosen setting (optimizer if it has none)"),
        ("i", "step in: the step-by-step tutor on this network and its next batch; q comes back"),
        ("s", "save settings and trained weights as a network file (for `open` and `train`)"),
        ("t", "next colour theme"),
        ("q", "quit"),
    ].map { model.unicode ? $0 : ($0.0.replacingArrows(), $0.1.replacingArrows()) }
    let area = buffer.area.centered(width: min(96, buffer.width - 2), height: min(rows.count + 4, buffer.height - 2))
    let panel = Panel(title: "playground keys", box: box, borderStyle: Style(.accent, attributes: .bold))
    buffer.fill(area)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    for (k, row) in rows.enumerated() where k < inner.height - 1 {
        buffer.put(row.0, x: inner.x, y: inner.y + k, style: Style(.keyHint, attributes: .bold), clip: inner)
        buffer.put(row.1, x: inner.x + 10, y: inner.y + k, style: .plain, clip: inner)
    }
    buffer.put("any key closes this", x: inner.x, y: inner.bottom - 1, style: Style(.dim), clip: inner)
}
