import BackpropEngine
import EventWords

/// What happens now: the phase, a sentence, and the formula with the numbers substituted.
func drawStep(_ s: ScreenState, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let panel = Panel(title: s.text.step, box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    guard !inner.isEmpty else { return }
    let words = s.model.words(width: inner.width)
    var y = inner.y
    guard let event = s.event else {
        let welcome = s.trainer.hasDiverged ? s.text.diverged : s.text.welcome
        buffer.put(s.text.welcomeTitle, x: inner.x, y: y, style: Style(.title, attributes: .bold), clip: inner)
        TextBlock(welcome).render(into: &buffer, area: Rect(x: inner.x, y: y + 2, width: inner.width, height: inner.bottom - y - 2))
        return
    }
    let phase = words.phaseName(event.phase)
    let badge = s.model.unicode ? "▌" + phase + "▐" : "[" + phase + "]"
    var x = buffer.put(badge, x: inner.x, y: y, style: Style(phaseRole(event.phase), attributes: [.bold, .reverse]), clip: inner)
    let text = words.text(for: event)
    x = buffer.put(" " + text.title, x: x, y: y, style: Style(.title, attributes: .bold), clip: inner)
    // room: title, sentence, formula; blank lines between them only when there is space for them
    let formulaLines = text.formula.flatMap { wrap($0, width: inner.width) }
    let sentence = TextBlock(text.sentence)
    let sentenceLines = sentence.layout(width: inner.width)  // laid out once: counted, then drawn
    let fullSentence = sentenceLines.count
    let spare = inner.height - 1 - fullSentence - formulaLines.count
    let gap = spare >= 2 ? 1 : 0
    y += 1 + gap
    let sentenceHeight = max(1, min(fullSentence, inner.bottom - y - formulaLines.count - gap))
    sentence.render(sentenceLines, into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: sentenceHeight))
    y += sentenceHeight + gap
    for line in formulaLines where y < inner.bottom {
        buffer.put(line, x: inner.x, y: y, style: Style(.accent, attributes: .bold), clip: inner)
        y += 1
    }
    if s.model.timeline.isAtDivergence {
        let warning = wrap(s.text.diverged, width: inner.width)
        var wy = max(y, inner.bottom - warning.count)
        for line in warning where wy < inner.bottom {
            buffer.put(line, x: inner.x, y: wy, style: Style(.warning, attributes: .bold), clip: inner)
            wy += 1
        }
    }
}

func phaseRole(_ phase: StepEvent.Phase) -> ColorRole {
    switch phase {
    case .forward: return .positive
    case .loss: return .warning
    case .backward: return .negative
    case .update: return .accent
    }
}
