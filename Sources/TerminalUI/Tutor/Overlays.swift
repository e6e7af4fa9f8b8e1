import BackpropEngine

/// A centred box drawn over the screen.
private func overlayBox(_ buffer: inout Buffer, width: Int, height: Int, title: String, box: BoxStyle) -> Rect {
    let area = buffer.area.centered(width: min(width, buffer.width - 2), height: min(height, buffer.height - 2))
    let panel = Panel(title: title, box: box, borderStyle: Style(.accent, attributes: .bold))
    // a blank margin, so the panels underneath do not touch the box's border; their own frames
    // stay (a box as large as the screen has only the screen's edge around it: blank)
    let margin = Rect(x: area.x - 1, y: area.y - 1, width: area.width + 2, height: area.height + 2)
    let (w, h) = (buffer.width, buffer.height)
    let edge = { (x: Int, y: Int) in x <= 0 || y <= 0 || x >= w - 1 || y >= h - 1 }
    for y in margin.top..<margin.bottom {
        for x in margin.left..<margin.right
        where !area.contains(Point(x: x, y: y)) && (edge(x, y) || !buffer.isBorder(x: x, y: y)) {
            buffer.fill(Rect(x: x, y: y, width: 1, height: 1))
        }
    }
    panel.render(into: &buffer, area: area)
    return panel.inner(area).inset(horizontal: 1, vertical: 0)
}

func drawHelp(_ model: TutorModel, into buffer: inout Buffer, box: BoxStyle) {
    let text = model.text
    let rows = text.helpRows.map { model.unicode ? $0 : ($0.0.replacingArrows(), $0.1) }
    let keyWidth = rows.map { displayWidth(of: $0.0) }.max() ?? 10
    let inner = overlayBox(&buffer, width: 100, height: rows.count * 2 + 4, title: text.helpTitle, box: box)
    var y = inner.y
    let descWidth = max(10, inner.width - keyWidth - 2)
    for (key, description) in rows {
        let lines = wrap(description, width: descWidth)
        buffer.put(key, x: inner.x, y: y, style: Style(.keyHint, attributes: .bold), clip: inner)
        for line in lines {
            guard y < inner.bottom - 1 else { break }
            buffer.put(line, x: inner.x + keyWidth + 2, y: y, style: .plain, clip: inner)
            y += 1
        }
    }
    buffer.put(text.closeHint, x: inner.x, y: inner.bottom - 1, style: Style(.dim), clip: inner)
}

func drawSkipPrompt(_ model: TutorModel, _ value: String, into buffer: inout Buffer, box: BoxStyle) {
    let text = model.text
    let inner = overlayBox(&buffer, width: 56, height: 5, title: text.skipTitle, box: box)
    var x = buffer.put(text.skipPrompt, x: inner.x, y: inner.y, style: .plain, clip: inner)
    if value.isEmpty {
        // the default, until a digit replaces it
        x = buffer.put(String(TutorModel.defaultSkip), x: x, y: inner.y, style: Style(.accent, attributes: .bold), clip: inner)
        buffer.put(model.unicode ? "▌" : "_", x: x, y: inner.y, style: Style(.accent, attributes: .bold), clip: inner)
    } else {
        buffer.put(value + (model.unicode ? "▌" : "_"), x: x, y: inner.y, style: Style(.accent, attributes: .bold), clip: inner)
    }
    buffer.put(text.skipHint, x: inner.x, y: inner.y + 2, style: Style(.dim), clip: inner)
}

func drawGoToPrompt(_ model: TutorModel, _ value: String, into buffer: inout Buffer, box: BoxStyle) {
    let text = model.text
    let inner = overlayBox(&buffer, width: 64, height: 5, title: text.goToTitle, box: box)
    let x = buffer.put(text.goToPrompt, x: inner.x, y: inner.y, style: .plain, clip: inner)
    buffer.put(value + (model.unicode ? "▌" : "_"), x: x, y: inner.y, style: Style(.accent, attributes: .bold), clip: inner)
    buffer.put(text.goToHint, x: inner.x, y: inner.y + 2, style: Style(.dim), clip: inner)
}

func drawSettings(_ model: TutorModel, _ form: SettingsForm, into buffer: inout Buffer, box: BoxStyle) {
    let text = model.text
    let inner = overlayBox(&buffer, width: 64, height: 11, title: text.settingsTitle, box: box)
    let fields: [(SettingsForm.Field, String, String)] = [
        (.learningRate, text.learningRate, form.learningRate),
        (.optimizer, text.optimizer, form.optimizer.name),
        (.activation, text.activation, form.activation.rawValue),
        (.hidden, text.hiddenLayers, form.hidden),
        (.seed, text.seed, form.seed),
    ]
    let labelWidth = fields.map { displayWidth(of: $0.1) }.max() ?? 10
    for (k, (field, label, value)) in fields.enumerated() {
        let y = inner.y + k
        let selected = field == form.selected
        let marker = selected ? (model.unicode ? "▸ " : "> ") : "  "
        let style = selected ? Style(.highlight, attributes: [.bold, .reverse]) : Style.plain
        var x = buffer.put(marker + label, x: inner.x, y: y, style: selected ? Style(.highlight, attributes: .bold) : .plain, clip: inner)
        x = max(x, inner.x + labelWidth + 4)
        buffer.put(" " + value + " ", x: x, y: y, style: style, clip: inner)
    }
    let hints = wrap(text.settingsHint, width: inner.width)
    for (k, line) in hints.enumerated() where inner.y + 6 + k < inner.bottom {
        buffer.put(model.unicode ? line : line.replacingArrows(), x: inner.x, y: inner.y + 6 + k, style: Style(.dim), clip: inner)
    }
}

private extension Buffer {
    /// A panel's frame line (box drawing, or the ASCII frame in the border colour).
    func isBorder(x: Int, y: Int) -> Bool {
        let cell = self[x, y]
        if let s = cell.symbol.unicodeScalars.first, (0x2500...0x257F).contains(s.value) { return true }
        return cell.style.foreground == .border && ["+", "-", "|"].contains(cell.symbol)
    }
}
