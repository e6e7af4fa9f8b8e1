import BackpropEngine
import EventWords
import NetworkNaming
import TutorFiles

/// The scene's quiz: the question and its choices, then either the answer field (with the hint
/// when asked for) or, once answered, right or wrong, the worked computation and the reveal.
func drawQuiz(_ model: LessonModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let l = model.language, player = model.player
    guard let quiz = player.scene.quiz else { return }
    let active = model.editing && player.quizPending
    let panel = Panel(title: model.text.quiz, footer: player.quizPending ? model.text.hintFooter(quiz.hint != nil) : "",
                      box: box, borderStyle: Style(active ? .accent : .border, attributes: active ? .bold : []))
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    guard !inner.isEmpty else { return }
    typealias Line = (runs: [(text: String, bold: Bool)], style: Style)
    func laid(_ text: String, _ style: Style, indent: String = "", markup: Bool = true) -> [Line] {
        let shown = plainSymbols(text, model.unicode)
        let block = TextBlock(markup ? textBlockMarkup(shown) : shown.replacingOccurrences(of: "*", with: "**"))
        return block.layout(width: max(1, inner.width - displayWidth(of: indent))).enumerated().map { k, runs in
            ((k == 0 ? [] : [(indent, false)]) + runs, style)
        }
    }
    /// The first `count` lines, the last of them ending in "…" when some are left out.
    func cut(_ lines: [Line], to count: Int) -> [Line] {
        guard lines.count > count else { return lines }
        guard count > 0 else { return [] }
        var kept = Array(lines.prefix(count))
        kept[count - 1].runs = endingInEllipsis(kept[count - 1].runs, width: inner.width, unicode: model.unicode)
        return kept
    }
    var question = laid(player.question() ?? "", Style(.title, attributes: .bold))
    var lines: [Line] = []
    if let result = model.answeredResult {
        // what must be seen: the verdict with the right answer, what was typed, the computation
        // once; then the reveal (when it says more than the computation) as room allows
        let verdict = laid(result.message, Style(result.outcome == .correct ? .positive : .negative, attributes: .bold))
        var yours: [Line] = []
        if let answer = player.quizRecord?.answer, result.outcome == .wrong {
            yours = laid(model.text.yourAnswer + ": " + typedAnswer(answer, player), Style(.dim), markup: false)
        }
        var worked: [Line] = []
        var workedTitle: [Line] = []
        if let explanation = result.explanation {
            worked = laid(explanation, .plain)
        } else if let event = result.workedEvent {
            workedTitle = laid(model.text.workedTitle, Style(.dim))
            worked = workedFormula(model, event, width: inner.width).map { ([(fitFormula($0, width: inner.width, unicode: model.unicode), false)], Style(.accent, attributes: .bold)) }
        }
        // on a wrong answer a reveal that is only a formula of the computation's numbers is left out
        var reveal: [Line] = []
        let computation = (result.explanation ?? "") + (result.workedEvent.map { workedNumbers(model, $0) } ?? "")
        if let text = result.reveal,
           result.outcome == .correct || isProse(text) || !numbers(in: text).isSubset(of: numbers(in: computation)) {
            reveal = laid(text, Style(.highlight))
        }
        let height = inner.height
        func total() -> Int { question.count + verdict.count + yours.count + workedTitle.count + worked.count + reveal.count }
        if total() > height { reveal = cut(reveal, to: max(0, height - (total() - reveal.count))) }
        if total() > height { workedTitle = [] }
        if total() > height { question = cut(question, to: max(1, height - (total() - question.count))) }
        if total() > height { worked = cut(worked, to: max(1, height - (total() - worked.count))) }
        lines = question + verdict + yours + workedTitle + worked + reveal
    } else {
        var choices = player.choices().flatMap { laid($0, .plain, indent: "   ") }
        var hint = model.shownHint.map { laid(LessonStrings.hintLabel(l) + ": " + $0, Style(.warning)) } ?? []
        let prompt = LessonStrings.prompt(quiz.kind, l)
        let cursor = active ? (model.unicode ? "▌" : "_") : ""
        let field = model.answerText.isEmpty && !active ? model.text.startTyping : model.answerText + cursor
        // the prompt and the field on one line, after a blank line when there is room
        let fieldStyle = active ? Style(.highlight, attributes: .bold) : Style(.dim)
        let promptLine: Line = ([(plainSymbols(prompt, model.unicode) + " ", true), (field, false)], fieldStyle)
        let height = inner.height
        func total() -> Int { question.count + choices.count + hint.count + 1 }
        if total() > height { hint = cut(hint, to: max(1, height - (total() - hint.count))) }
        if total() > height { question = cut(question, to: max(1, height - (total() - question.count))) }
        if total() > height { choices = cut(choices, to: max(1, height - (total() - choices.count))) }
        lines = question + choices + hint
        if lines.count + 2 <= height { lines.append(([], .plain)) }
        lines.append(promptLine)
    }
    for (k, line) in lines.prefix(inner.height).enumerated() {
        var x = inner.x
        for run in line.runs {
            let style = run.bold ? Style(line.style.foreground, attributes: line.style.attributes.union(.bold)) : line.style
            x = buffer.put(run.text, x: x, y: inner.y + k, style: style, clip: inner)
        }
    }
}

/// What the student typed, as the quiz reads it: a sign with its word, a letter with its choice.
private func typedAnswer(_ typed: String, _ player: LessonPlayer) -> String {
    guard let quiz = player.scene.quiz else { return typed }
    switch AnswerReader.read(typed, kind: quiz.kind, choiceCount: quiz.choices.count) {
    case .sign(let sign): return LessonStrings.sign(sign, player.language)
    case .choice(let k) where k < quiz.choices.count: return player.choices()[k]
    default: return typed
    }
}

/// The numbers written in a text ("0.0822", "−1.5"), to tell whether it says more than another.
private func numbers(in text: String) -> Set<String> {
    var out: Set<String> = [], current = ""
    for c in text + " " {
        if c.isNumber && c.isASCII || (c == "." && !current.isEmpty) { current.append(c); continue }
        if !current.isEmpty { out.insert(current.hasSuffix(".") ? String(current.dropLast()) : current) }
        current = ""
    }
    return out
}

/// Every number of the event's formula, none shortened away.
private func workedNumbers(_ model: LessonModel, _ event: StepEvent) -> String {
    EventWords(network: model.player.sceneTimeline.shownTrainer.network, language: model.eventLanguage,
               ascii: !model.unicode).fullFormula(for: event).joined(separator: " ")
}

/// The formula of the event that computes the answer, with its numbers.
private func workedFormula(_ model: LessonModel, _ event: StepEvent, width: Int) -> [String] {
    let trainer = model.player.sceneTimeline.shownTrainer
    var words = EventWords(network: trainer.network, language: model.eventLanguage, ascii: !model.unicode,
                           naming: NetworkNaming(trainer: trainer))
    words.width = max(20, width)
    return words.text(for: event).formula
}

extension LessonText {
    func hintFooter(_ hasHint: Bool) -> String { hasHint ? hintKey + " · " + enterAnswers : enterAnswers }
}
