import BackpropEngine
import EventWords
import TutorFiles

/// The whole lesson screen, drawn from the model alone: a title line, the focus panel, the
/// narration, the quiz box when the scene asks one, and the key line.
public func view(_ model: LessonModel) -> Buffer {
    var buffer = Buffer(width: max(model.width, 1), height: max(model.height, 1))
    if model.isTooSmall {
        drawCentered(model.tutorModel.text.enlarge(model.width, model.height), into: &buffer)
        return buffer
    }
    let rows = buffer.area.rows([.length(1), .fill, .length(1)])
    let box = BoxStyle.standard(unicode: model.unicode)
    drawLessonTitle(model, into: &buffer, area: rows[0])
    let areas = lessonAreas(model, body: rows[1])
    drawFocus(model, into: &buffer, area: areas.focus, box: box)
    drawNarration(model, into: &buffer, area: areas.narration, box: box)
    if let quizArea = areas.quiz { drawQuiz(model, into: &buffer, area: quizArea, box: box) }
    drawLessonKeys(model, into: &buffer, area: rows[2])
    if model.showHelp { drawLessonHelp(model, into: &buffer, box: box) }
    return buffer
}

private func drawLessonTitle(_ model: LessonModel, into buffer: inout Buffer, area: Rect) {
    let style = Style(.title, attributes: [.reverse, .bold])
    buffer.fill(area, with: Cell(" ", style: style))
    let l = model.language, player = model.player
    let dot = model.unicode ? " · " : " | "
    var right = [LessonStrings.sceneCounter(player.sceneIndex, of: player.lesson.scenes.count, l)]
    if player.lesson.quizCount > 0 { right.append(LessonStrings.score(player.score, l)) }
    if model.autoplayInterval != nil {
        right.append(model.autoplayRunning ? model.text.playing : model.text.paused)
    }
    let rightText = right.joined(separator: dot) + " "
    let rightWidth = displayWidth(of: rightText)
    var left = " " + player.lesson.title.text(l)
    if let scene = player.title() { left += dot + scene }
    left = truncate(left, width: max(0, area.width - rightWidth - 1), unicode: model.unicode)
    buffer.put(plainSymbols(left, model.unicode), x: area.x, y: area.y, style: style, clip: area)
    buffer.put(plainSymbols(rightText, model.unicode), x: area.right - rightWidth, y: area.y, style: style, clip: area)
}

/// The scene's narration: paragraphs with a blank line between them when there is room; when
/// even without them it does not fit, the part scrolled to (j, k) with the keys in the border.
private func drawNarration(_ model: LessonModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let (block, lines, height) = narrationLayout(model, area: area)
    let overflow = max(0, lines.count - height)
    let offset = min(model.narrationScroll, overflow)
    var cues: [String] = []
    if offset > 0 { cues.append(model.text.moreAbove) }
    if offset < overflow { cues.append(model.text.moreBelow) }
    let panel = Panel(title: model.text.narration, footer: plainSymbols(cues.joined(separator: "  "), model.unicode), box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    guard !inner.isEmpty else { return }
    block.render(Array(lines.dropFirst(offset).prefix(height)), into: &buffer, area: inner)
}

/// The narration laid out for its panel, and the rows the panel has for it.
func narrationLayout(_ model: LessonModel, area: Rect) -> (TextBlock, [[(text: String, bold: Bool)]], Int) {
    let width = max(1, area.width - 4), height = max(0, area.height - 2)
    let paragraphs = narrationParagraphs(model)
    var block = TextBlock(paragraphs.joined(separator: "\n\n"), emphasis: Style(.highlight, attributes: .bold))
    var lines = block.layout(width: width)
    if lines.count > height {
        block.text = paragraphs.joined(separator: "\n")
        lines = block.layout(width: width)
    }
    return (block, lines, height)
}

/// How many lines of the narration do not fit on this screen.
func narrationOverflow(_ model: LessonModel) -> Int {
    let (_, lines, height) = narrationLayout(model, area: lessonAreas(model).narration)
    return max(0, lines.count - height)
}

func narrationParagraphs(_ model: LessonModel) -> [String] {
    Narration.paragraphs(plainSymbols(model.player.narration(), model.unicode)).map(textBlockMarkup)
}

/// Narration's emphasis (`*x*`, `\*` a star) in TextBlock's markup (`*x*`, `**` a star).
func textBlockMarkup(_ paragraph: String) -> String {
    Narration.runs(paragraph).map { run in
        let text = run.text.replacingOccurrences(of: "*", with: "**")
        return run.emphasis ? "*" + text + "*" : text
    }.joined()
}

private func drawLessonKeys(_ model: LessonModel, into buffer: inout Buffer, area: Rect) {
    if let status = model.status {
        buffer.put(truncate(" " + status, width: area.width, unicode: model.unicode), x: area.x, y: area.y,
                   style: Style(.warning, attributes: .bold), clip: area)
        return
    }
    let pairs = model.editing ? model.text.editingKeys : model.text.lessonKeys
    let hints = pairs.filter { $0.0 != "h" || model.player.scene.quiz?.hint != nil }
        .filter { $0.0 != "Enter" || model.player.quizPending }
    let shown = model.unicode ? hints : hints.map { ($0.0.replacingArrows(), $0.1) }
    KeyHints(shown).render(into: &buffer, area: area.inset(left: 1))
}

private func drawLessonHelp(_ model: LessonModel, into buffer: inout Buffer, box: BoxStyle) {
    let text = model.text
    let rows = text.helpRows.map { model.unicode ? $0 : ($0.0.replacingArrows(), plainSymbols($0.1, false)) }
    let keyWidth = rows.map { displayWidth(of: $0.0) }.max() ?? 10
    let area = buffer.area.centered(width: min(90, buffer.width - 2), height: min(rows.count * 2 + 4, buffer.height - 2))
    let panel = Panel(title: text.helpTitle, box: box, borderStyle: Style(.accent, attributes: .bold))
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    var y = inner.y
    for (key, description) in rows {
        buffer.put(key, x: inner.x, y: y, style: Style(.keyHint, attributes: .bold), clip: inner)
        for line in wrap(description, width: max(10, inner.width - keyWidth - 2)) where y < inner.bottom - 1 {
            buffer.put(line, x: inner.x + keyWidth + 2, y: y, style: .plain, clip: inner)
            y += 1
        }
    }
    buffer.put(text.closeHint, x: inner.x, y: inner.bottom - 1, style: Style(.dim), clip: inner)
}

func drawCentered(_ message: String, into buffer: inout Buffer) {
    let lines = wrap(message, width: max(buffer.width - 2, 1))
    let top = max(0, (buffer.height - lines.count) / 2)
    for (k, line) in lines.enumerated() {
        let x = max(0, (buffer.width - displayWidth(of: line)) / 2)
        buffer.put(line, x: x, y: top + k, style: Style(.warning, attributes: .bold))
    }
}

/// The few non-ASCII symbols of the interface in ASCII when the terminal cannot draw them.
func plainSymbols(_ s: String, _ unicode: Bool) -> String {
    unicode ? s : asciiText(s)
}
