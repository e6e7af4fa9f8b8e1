import BackpropEngine
import EventWords
import NetworkNaming
import TutorFiles

/// The scene's quiz: the question and its choices, then either the answer field (with the hint
/// when asked for) or, once answered, right or wrong, the worked computation and the reveal.
/// What does not fit scrolls (j, k) with the keys in the top border; the answer field stays in
/// its last rows.
func drawQuiz(_ model: LessonModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let player = model.player
    guard let quiz = player.scene.quiz else { return }
    let active = model.editing && player.quizPending
    let content = quizContent(model, width: max(1, area.width - 4), height: max(0, area.height - 2))
    var title = model.text.quiz
    var cues: [String] = []
    if content.offset > 0 { cues.append(model.text.moreAbove) }
    if content.offset < content.overflow { cues.append(model.text.moreBelow) }
    if !cues.isEmpty { title += (model.unicode ? " · " : " - ") + plainSymbols(cues.joined(separator: "  "), model.unicode) }
    let panel = Panel(title: title, footer: player.quizPending ? model.text.hintFooter(quiz.hint != nil) : "",
                      box: box, borderStyle: Style(active ? .accent : .border, attributes: active ? .bold : []))
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    guard !inner.isEmpty else { return }
    let lines = Array(content.body.dropFirst(content.offset).prefix(content.rows)) + content.pinned
    for (k, line) in lines.prefix(inner.height).enumerated() {
        var x = inner.x
        for run in line.runs {
            let style = run.bold ? Style(line.style.foreground, attributes: line.style.attributes.union(.bold)) : line.style
            x = buffer.put(run.text, x: x, y: inner.y + k, style: style, clip: inner)
        }
    }
}

typealias QuizLine = (runs: [(text: String, bold: Bool)], style: Style)

/// The quiz box's lines for an inner area `width` × `height`: the lines that scroll (`rows` of
/// them at a time, from `offset`, `overflow` of them hidden at most) and those always shown at
/// the bottom (the answer field).
struct QuizContent {
    var body: [QuizLine]
    var pinned: [QuizLine]
    var rows: Int
    var overflow: Int
    var offset: Int
}

/// How many lines of the quiz box do not fit, and how far it is scrolled, on this screen.
func quizScrollState(_ model: LessonModel) -> (offset: Int, overflow: Int) {
    guard let area = lessonAreas(model).quiz else { return (0, 0) }
    let content = quizContent(model, width: max(1, area.width - 4), height: max(0, area.height - 2))
    return (content.offset, content.overflow)
}

func quizContent(_ model: LessonModel, width: Int, height: Int) -> QuizContent {
    let l = model.language, player = model.player
    guard let quiz = player.scene.quiz else { return QuizContent(body: [], pinned: [], rows: 0, overflow: 0, offset: 0) }
    let active = model.editing && player.quizPending
    func laid(_ text: String, _ style: Style, indent: String = "", markup: Bool = true) -> [QuizLine] {
        let shown = plainSymbols(text, model.unicode)
        let block = TextBlock(markup ? textBlockMarkup(shown) : shown.replacingOccurrences(of: "*", with: "**"))
        return block.layout(width: max(1, width - displayWidth(of: indent))).enumerated().map { k, runs in
            ((k == 0 ? [] : [(indent, false)]) + runs, style)
        }
    }
    let question = laid(player.question() ?? "", Style(.title, attributes: .bold))
    var body: [QuizLine]
    var pinned: [QuizLine] = []
    var start = 0   // the first line in view unless scrolled
    if let result = model.answeredResult {
        // the verdict with the right answer, what was typed, the computation once, the reveal
        // (when it says more than the computation); the verdict first in view
        let verdict = laid(result.message, Style(result.outcome == .correct ? .positive : .negative, attributes: .bold))
        var yours: [QuizLine] = []
        if let answer = player.quizRecord?.answer, result.outcome == .wrong {
            yours = laid(model.text.yourAnswerLabel + typedAnswer(answer, player), Style(.dim), markup: false)
        }
        var worked: [QuizLine] = []
        if let explanation = result.explanation {
            worked = laid(explanation, .plain)
        } else if let event = result.workedEvent {
            worked = laid(model.text.workedTitle, Style(.dim))
            worked += workedFormula(model, event, width: width).map { ([(fitFormula($0, width: width, unicode: model.unicode), false)], Style(.accent, attributes: .bold)) }
        }
        // on a wrong answer a reveal that is only a formula of the computation's numbers is left out
        var reveal: [QuizLine] = []
        let computation = (result.explanation ?? "") + (result.workedEvent.map { workedNumbers(model, $0) } ?? "")
        if let text = result.reveal,
           result.outcome == .correct || isProse(text) || !numbers(in: text).isSubset(of: numbers(in: computation)) {
            reveal = laid(text, Style(.highlight))
        }
        body = question + verdict + yours + worked + reveal
        start = question.count
    } else {
        let choices = player.choices().flatMap { laid($0, .plain, indent: "   ") }
        let hint = model.shownHint.map { laid(LessonStrings.hintLabel(l) + ": " + $0, Style(.warning)) } ?? []
        let prompt = plainSymbols(LessonStrings.prompt(quiz.kind, l), model.unicode)
        let cursor = active ? (model.unicode ? "▌" : "_") : ""
        let field = model.answerText.isEmpty && !active ? model.text.startTyping : model.answerText + cursor
        let fieldStyle = active ? Style(.highlight, attributes: .bold) : Style(.dim)
        // the prompt and the field on one line when they fit, else the field under the prompt
        if displayWidth(of: prompt + " " + field) <= width {
            pinned = [([(prompt + " ", true), (field, false)], fieldStyle)]
        } else {
            pinned = TextBlock(prompt).layout(width: width).map { ($0.map { ($0.text, true) }, fieldStyle) }
            pinned.append(([(field, false)], fieldStyle))
        }
        body = question + choices + hint
        // a blank line before the field when there is room
        if body.count + pinned.count < height { pinned.insert(([], .plain), at: 0) }
    }
    let rows = max(0, height - pinned.count)
    let overflow = max(0, body.count - rows)
    let offset = min(overflow, max(0, model.quizScroll ?? min(start, overflow)))
    return QuizContent(body: body, pinned: pinned, rows: rows, overflow: overflow, offset: offset)
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
