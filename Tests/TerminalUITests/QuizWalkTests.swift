import BackpropEngine
import Foundation
@testable import TerminalUI
import TutorFiles
import XCTest

/// Every quiz of every lesson, walked through the real `update` and `view` at the sizes a class
/// meets (a projector's 80x24, a laptop's 120x40, a large screen's 200x60) in both languages:
/// before the answer the screen must not show it (nor, in panels of text, cut a line without a
/// sign or break a formula on an operator); after a wrong answer it must show the verdict, the
/// right answer and what was typed.
///
/// `QUIZ_WALK_DUMP=/some/dir swift test --filter QuizWalk` also writes every screen there.
final class QuizWalkTests: XCTestCase {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    func testEveryQuizOfEveryLesson() throws {
        let dump = ProcessInfo.processInfo.environment["QUIZ_WALK_DUMP"]
        var problems: [String] = []
        var quizzes = 0
        for file in try BuiltinLessons.lessons() {
            let lesson = try XCTUnwrap(file.lesson)
            // one player per lesson (its comparison runs are trained when it is made), in each language
            var english = try XCTUnwrap(LessonPlayer(file: file, language: .en))
            english.go(to: lesson.scenes.count - 1)   // every scene's start computed once, kept by the copies
            english.go(to: 0)
            for language in LessonLanguage.allCases {
                var fresh = english
                fresh.language = language
                for (width, height) in Self.sizes {
                    var model = LessonModel(player: fresh, width: width, height: height, unicode: true, theme: .default)
                    var k = 0
                    while true {
                        let place = "\(lesson.id) \(language.rawValue) \(width)x\(height) scene \(k + 1)"
                        if let quiz = model.player.scene.quiz {
                            quizzes += 1
                            problems += walk(&model, quiz, place: place, dump: dump)
                        } else {
                            let screen = view(model)
                            write(screen, dump, place)
                            problems += textPanelProblems(screenPanels(screen), model, place: place)
                        }
                        guard !model.player.isLastScene else { break }
                        update(&model, .key(.pageDown))
                        k += 1
                        XCTAssertEqual(model.player.sceneIndex, k, place)
                    }
                }
            }
        }
        XCTAssertGreaterThan(quizzes, 100)
        if let dump {
            try? problems.joined(separator: "\n").write(toFile: dump + "/problems.txt", atomically: true, encoding: .utf8)
        }
        if !problems.isEmpty {
            XCTFail("\(problems.count) problems:\n" + problems.prefix(60).joined(separator: "\n"))
        }
    }

    /// One quiz: the screen before the answer, a wrong answer typed, the screen after it.
    private func walk(_ model: inout LessonModel, _ quiz: Quiz, place: String, dump: String?) -> [String] {
        var problems: [String] = []
        let l = model.language
        let before = view(model)
        write(before, dump, place + " quiz")
        let screen = before.lines.joined(separator: "\n")
        let givens = quizGivens(model, model.tutorModel.words(width: 80)).map(\.value)
        for shown in answerSpellings(model.player, quiz, givens: givens) where containsNumber(screen, shown) {
            problems.append("\(place): the answer \(shown) is on screen before it is answered")
        }
        let beforePanels = screenPanels(before)
        problems += textPanelProblems(beforePanels, model, place: place)
        // the numbers the question needs are on screen
        let words = model.tutorModel.words(width: 80)
        for given in quizGivens(model, words) where !screen.contains(words.format(given)) {
            problems.append("\(place): \(given.name) = \(words.format(given)) is not on screen")
        }
        // the whole question (or its start, with a scroll cue) and the answer prompt
        if let question = model.player.question(), let box = panel(beforePanels, model.text.quiz) {
            let plain = squeeze(Narration.runs(question).map(\.text).joined())
            let start = String(plain.prefix(12))
            if !box.squeezed.contains(plain) && !(box.title.contains("↓") && box.squeezed.hasPrefix(start)) {
                problems.append("\(place): the question is cut without a sign: \(box.text)")
            }
            if !box.squeezed.contains(squeeze(LessonStrings.prompt(quiz.kind, l))) {
                problems.append("\(place): the answer prompt is not on screen: \(box.text)")
            }
        } else {
            problems.append("\(place): no quiz box")
        }

        // a wrong answer
        XCTAssertTrue(model.editing, place)
        let typed = wrongAnswer(model.player, quiz)
        for c in typed { update(&model, .key(.character(c))) }
        update(&model, .key(.enter))
        let after = view(model)
        write(after, dump, place + " wrong")
        guard model.player.quizRecord?.correct == false else {
            return problems + ["\(place): the wrong answer \(typed) was not taken as wrong"]
        }
        let afterPanels = screenPanels(after)
        guard let box = panel(afterPanels, model.text.quiz) else { return problems + ["\(place): no quiz box after answering"] }
        let expected = model.answeredResult?.expected ?? "?"
        for needed in [LessonStrings.wrong(l), LessonStrings.answerIs(expected, l), model.text.yourAnswer,
                       typedAsShown(typed, model.player, quiz)]
        where !box.squeezed.contains(squeeze(needed)) {
            problems.append("\(place): after a wrong answer \"\(needed)\" is not on screen: \(box.text)")
        }
        let filled = box.text.filter { $0.count >= 8 }   // short fragments ("です。") may repeat
        if Set(filled).count < filled.count {
            problems.append("\(place): a line is shown twice in the quiz box: \(box.text)")
        }
        problems += textPanelProblems(afterPanels, model, place: place + " (answered)")
        // answering changes what the panels show, not where they are
        let frames = { (panels: [ScreenPanel]) in Set(panels.map { "\($0.x),\($0.y) \($0.width)x\($0.height)" }) }
        if frames(beforePanels) != frames(afterPanels) {
            problems.append("\(place): the panels move when the quiz is answered: \(frames(beforePanels).sorted()) → \(frames(afterPanels).sorted())")
        }
        // the explanation and a reveal in words can be read whole, scrolling with j
        let read = squeeze(readQuizBox(model).joined())
        var needed = [model.answeredResult?.message ?? ""]
        if let text = quiz.explain.map(model.player.render) { needed.append(text) }
        if let text = model.answeredResult?.reveal, isProse(text) { needed.append(text) }
        for text in needed where !read.contains(squeeze(Narration.runs(text).map(\.text).joined())) {
            problems.append("\(place): after a wrong answer \"\(text)\" cannot be read whole: \(read)")
        }
        return problems
    }

    /// The quiz box's lines from its top to its end, read from the screen while j scrolls the
    /// lesson's text (the narration, then the quiz box) to the end.
    private func readQuizBox(_ model: LessonModel) -> [String] {
        var model = model
        let title = model.text.quiz
        for _ in 0..<200 {
            guard let box = panel(screenPanels(view(model)), title), box.title.contains("↑") else { break }
            update(&model, .key(.character("k")))
        }
        var screen = screenPanels(view(model))
        guard var box = panel(screen, title) else { return [] }
        var lines = box.text
        for _ in 0..<400 {
            let narrationMore = panel(screen, model.text.narration)?.footer.contains("↓") ?? false
            guard narrationMore || box.title.contains("↓") else { break }
            update(&model, .key(.character("j")))
            screen = screenPanels(view(model))
            guard let next = panel(screen, title) else { break }
            if next.text != box.text, let last = next.text.last { lines.append(last) }
            box = next
        }
        return lines
    }

    /// What the pending quiz hides (its `answer` and `hides`, for every kind of quiz: a choice
    /// quiz's answer is often a comparison the screen draws) as a screen could show it: at the
    /// quiz's precision, at the panels' four decimals and as the charts' compact numbers, with
    /// either minus sign (and without it, for a number to predict).
    private func answerSpellings(_ player: LessonPlayer, _ quiz: Quiz, givens: [Double]) -> [String] {
        var out: Set<String> = []
        for name in quiz.hidden {
            guard let value = player.value(of: name), value.isFinite else { continue }
            out.formUnion(spellings(of: value, player, quiz, givens: givens,
                                    asked: name == quiz.answer && quiz.kind == .number))
        }
        return out.sorted()
    }

    private func spellings(of value: Double, _ player: LessonPlayer, _ quiz: Quiz, givens: [Double], asked: Bool) -> Set<String> {
        var formats = [ValueFormat.standard]
        if asked { formats.append(quiz.format) }
        func spelled(_ v: Double) -> [String] { formats.map { $0.format(v, ascii: false) } + [compactNumber(v)] }
        var out: Set<String> = []
        for text in spelled(value) {
            out.insert(text)
            out.insert(text.replacingOccurrences(of: "−", with: "-"))
        }
        if asked { out.formUnion(spelled(abs(value))) }
        // a value that rounds to zero at four decimals gives nothing away; the data, the
        // parameters and the values the quiz lists as given are shown whatever they equal
        var world: [Double] = givens
        let file = player.file
        world += file.data.inputs.flatMap { $0 } + file.data.targets.flatMap { $0 } + [file.training.learningRate]
        world += player.sceneTimeline.shownTrainer.network.parameterRefs.map { player.sceneTimeline.shownTrainer.network.value(of: $0) }
        let near = world.filter { abs(abs($0) - abs(value)) < 0.01 }   // only these can be spelled alike
        let shownWorld = Set(near.flatMap { v in spelled(v) + spelled(abs(v)) })
        return out.filter { !["0.0000", "−0.0000", "-0.0000", "0"].contains($0) && !shownWorld.contains($0) }
    }

    /// What the quiz box says the student typed: a sign and a letter in words.
    private func typedAsShown(_ typed: String, _ player: LessonPlayer, _ quiz: Quiz) -> String {
        switch quiz.kind {
        case .number: return typed
        case .sign: return LessonStrings.sign(typed == "+" ? .positive : .negative, player.language)
        case .choice: return player.choices()[Int(typed.unicodeScalars.first!.value) - 97]
        }
    }

    private func wrongAnswer(_ player: LessonPlayer, _ quiz: Quiz) -> String {
        switch quiz.kind {
        case .number:
            let v = player.expectedValue ?? 0
            return String(format: "%.4f", v + 1 + 10 * quiz.tolerance)
        case .sign:
            return (player.expectedValue ?? 0) < 0 ? "+" : "-"
        case .choice:
            return QuizChecker.letter(((quiz.correct ?? 0) + 1) % quiz.choices.count)
        }
    }

    private func panel(_ panels: [ScreenPanel], _ title: String) -> ScreenPanel? {
        panels.first { $0.title.hasPrefix(title) }
    }

    /// Lines of the narration, quiz and step panels that end on an operator or cut a symbol from
    /// its value; a narration that is cut without `…` or a scroll sign.
    private func textPanelProblems(_ panels: [ScreenPanel], _ model: LessonModel, place: String) -> [String] {
        var problems: [String] = []
        let textTitles = [model.text.narration, model.text.quiz, model.tutorModel.text.step]
        for p in panels where textTitles.contains(where: { p.title.hasPrefix($0) }) {
            problems += formulaBreakProblems(p).map { place + ": " + $0 }
        }
        // the step panel ends a sentence it cannot show whole in "…"
        let state = ScreenState(model.tutorModel)
        if !hidesStep(model), let event = state.event, let step = panel(panels, model.tutorModel.text.step) {
            let sentence = squeeze(TextBlock.parse(state.words.text(for: event).sentence).0.map(String.init).joined())
            if !step.squeezed.contains(sentence) && !step.squeezed.contains("…") {
                problems.append("\(place): the step's sentence is cut without a sign: \(step.text)")
            }
        }
        // a weights table shows every parameter or counts those it leaves out in its border
        if let table = panel(panels, model.tutorModel.text.parameters) {
            let words = model.tutorModel.words(width: 80)
            let all = model.player.sceneTimeline.shownTrainer.network.parameterRefs.map { words.name(of: $0) }
            let shown = Set(table.text.dropFirst().flatMap { $0.split(separator: " ").map(String.init) }).intersection(all)
            let counted = Int(table.footer.filter(\.isNumber)) ?? 0
            if shown.count + (table.footer.hasPrefix("⋮") ? counted : 0) != all.count {
                problems.append("\(place): the table shows \(shown.count) of \(all.count) parameters, border \"\(table.footer)\"")
            }
        }
        if let narration = panel(panels, model.text.narration) {
            let source = squeeze(Narration.runs(model.player.narration()).map(\.text).joined())
            let cue = narration.squeezed.contains("…") || narration.footer.contains("↓") || narration.title.contains("↓")
            if !narration.squeezed.contains(source) && !cue {
                problems.append("\(place): the narration is cut without a sign: \(narration.text)")
            }
        }
        return problems
    }

    private func write(_ buffer: Buffer, _ dir: String?, _ name: String) {
        guard let dir else { return }
        let file = URL(fileURLWithPath: dir).appendingPathComponent(name.replacingOccurrences(of: " ", with: "_") + ".txt")
        try? buffer.lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    }
}
