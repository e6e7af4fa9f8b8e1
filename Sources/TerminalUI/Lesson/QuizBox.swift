import BackpropEngine
import EventWords
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
    var lines: [(runs: [(text: String, bold: Bool)], style: Style)] = []
    func add(_ text: String, _ style: Style, indent: String = "", markup: Bool = true) {
        let shown = plainSymbols(text, model.unicode)
        let block = TextBlock(markup ? textBlockMarkup(shown) : shown.replacingOccurrences(of: "*", with: "**"))
        for (k, runs) in block.layout(width: max(1, inner.width - displayWidth(of: indent))).enumerated() {
            lines.append(((k == 0 ? [] : [(indent, false)]) + runs, style))
        }
    }
    add(player.question() ?? "", Style(.title, attributes: .bold))
    if let result = model.answeredResult {
        add(result.message, Style(result.outcome == .correct ? .positive : .negative, attributes: .bold))
        if let answer = player.quizRecord?.answer, result.outcome == .wrong {
            add(model.text.yourAnswer + ": " + answer, Style(.dim), markup: false)
        }
        if let explanation = result.explanation {
            add(explanation, .plain)
        } else if let event = result.workedEvent {
            add(model.text.workedTitle, Style(.dim))
            for line in workedFormula(model, event, width: inner.width) { add(line, Style(.accent, attributes: .bold), indent: "  ", markup: false) }
        }
        if let reveal = result.reveal { add(reveal, Style(.highlight)) }
    } else {
        for choice in player.choices() { add(choice, .plain, indent: "   ") }
        if let hint = model.shownHint { add(LessonStrings.hintLabel(l) + ": " + hint, Style(.warning)) }
        let prompt = LessonStrings.prompt(quiz.kind, l)
        let cursor = active ? (model.unicode ? "▌" : "_") : ""
        let field = model.answerText.isEmpty && !active ? model.text.startTyping : model.answerText + cursor
        // the prompt and the field on one line, after a blank line when there is room
        let fieldStyle = active ? Style(.highlight, attributes: .bold) : Style(.dim)
        let promptLines = TextBlock(plainSymbols(prompt, model.unicode) + " " + field).height(width: inner.width)
        if lines.count + promptLines < inner.height { lines.append(([], .plain)) }
        var promptLine: [(text: String, bold: Bool)] = [(plainSymbols(prompt, model.unicode) + " ", true)]
        promptLine.append((field, false))
        lines.append((promptLine, fieldStyle))
    }
    // when the box is too small the question stays and the end is kept (the field or the answer)
    if lines.count > inner.height, inner.height > 2 {
        let question = TextBlock(player.question() ?? "").height(width: inner.width)
        let keepTop = min(question, inner.height / 2)
        lines = Array(lines.prefix(keepTop)) + Array(lines.suffix(inner.height - keepTop))
    }
    for (k, line) in lines.prefix(inner.height).enumerated() {
        var x = inner.x
        for run in line.runs {
            let style = run.bold ? Style(line.style.foreground, attributes: line.style.attributes.union(.bold)) : line.style
            x = buffer.put(run.text, x: x, y: inner.y + k, style: style, clip: inner)
        }
    }
}

/// The formula of the event that computes the answer, with its numbers.
private func workedFormula(_ model: LessonModel, _ event: StepEvent, width: Int) -> [String] {
    var words = EventWords(network: model.player.sceneTimeline.shownTrainer.network, language: model.eventLanguage,
                           ascii: !model.unicode)
    words.width = max(20, width - 2)
    return words.fullFormula(for: event)
}

extension LessonText {
    func hintFooter(_ hasHint: Bool) -> String { hasHint ? hintKey + " · " + enterAnswers : enterAnswers }
}
