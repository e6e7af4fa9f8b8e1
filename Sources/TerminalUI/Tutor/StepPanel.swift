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
    let x = buffer.put(badge, x: inner.x, y: y, style: Style(phaseRole(event.phase), attributes: [.bold, .reverse]), clip: inner)
    let text = words.text(for: event)
    // room: title, sentence, formula; blank lines between them only when there is space for them.
    // The sentence keeps at least one line (ending in "…" when cut); the formula keeps whole
    // chains of "=" as long as they fit, then the first and last line of a chain, ending in "…".
    let rows = inner.height - 1
    let sentence = TextBlock(text.sentence)
    var sentenceLines = sentence.layout(width: inner.width)  // laid out once: counted, then drawn
    let allFormula = text.formula.map { fitFormula($0, width: inner.width, unicode: s.model.unicode) }
    let formulaRoom = rows - min(sentenceLines.count, rows > 2 ? 1 : 0)
    let formulaLines = fitFormulaLines(allFormula, rows: max(0, formulaRoom), width: inner.width, unicode: s.model.unicode)
    let spare = rows - sentenceLines.count - formulaLines.count
    let gap = spare >= 2 ? 1 : 0
    let sentenceHeight = max(0, min(sentenceLines.count, rows - formulaLines.count - 2 * gap))
    // a panel with room for the formula only: the title ends in "…" for the sentence left out
    let title = " " + text.title + (sentenceHeight == 0 && !sentenceLines.isEmpty ? (s.model.unicode ? " …" : " ...") : "")
    buffer.put(truncate(title, width: inner.right - x, unicode: s.model.unicode), x: x, y: y,
               style: Style(.title, attributes: .bold), clip: inner)
    if sentenceHeight < sentenceLines.count, sentenceHeight > 0 {
        sentenceLines = Array(sentenceLines.prefix(sentenceHeight))
        sentenceLines[sentenceHeight - 1] = endingInEllipsis(sentenceLines[sentenceHeight - 1], width: inner.width,
                                                             unicode: s.model.unicode)
    }
    y += 1 + gap
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

/// A laid-out line with "…" at its end, shortened to keep it within `width` columns.
func endingInEllipsis(_ runs: [(text: String, bold: Bool)], width: Int, unicode: Bool) -> [(text: String, bold: Bool)] {
    let mark = unicode ? "…" : "~"
    var runs = runs
    var total = runs.reduce(0) { $0 + displayWidth(of: $1.text) }
    while total + displayWidth(of: mark) > width, !runs.isEmpty {
        var last = runs.removeLast()
        guard let c = last.text.popLast() else { continue }
        total -= displayWidth(of: c)
        if !last.text.isEmpty { runs.append(last) }
    }
    // not after a space or an operator
    while let last = runs.last, let c = last.text.last, c == " " || "=+−×·←".contains(c) {
        runs[runs.count - 1].text.removeLast()
        if runs[runs.count - 1].text.isEmpty { runs.removeLast() }
    }
    return runs + [(mark, false)]
}

/// Formula lines cut to `rows`: whole chains (a line and the lines continuing it with "=") while
/// they fit, then the first and the last line of the next chain; a line left out is marked by
/// "…" at the end of the last line kept.
func fitFormulaLines(_ lines: [String], rows: Int, width: Int, unicode: Bool) -> [String] {
    guard lines.count > rows else { return lines }
    guard rows > 0 else { return [] }
    var chains: [[String]] = []
    for line in lines {
        if line.first == " ", !chains.isEmpty { chains[chains.count - 1].append(line) } else { chains.append([line]) }
    }
    var kept: [String] = []
    for chain in chains {
        if kept.count + chain.count <= rows {
            kept += chain
            continue
        }
        let room = rows - kept.count
        if room >= 2 { kept += [chain[0], chain[chain.count - 1]] } else if room == 1 { kept.append(chain[0]) }
        break
    }
    if kept.isEmpty { kept = [lines[0]] }
    let mark = unicode ? " …" : " ..."
    kept[kept.count - 1] = fitFormula(kept[kept.count - 1] + mark, width: width, unicode: unicode)
    if !kept[kept.count - 1].hasSuffix(mark.dropFirst()) { kept[kept.count - 1] += mark }
    return kept
}
