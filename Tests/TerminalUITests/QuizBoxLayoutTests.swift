import BackpropEngine
@testable import TerminalUI
import TutorFiles
import XCTest

/// The quiz box on a projector's 80x24 (and a laptop's 120x40), read from the drawn screen: the
/// whole question and the answer prompt while it waits, a hint and a long explanation that
/// scroll with a cue in the border, panels that stay where they are when the quiz is answered.
final class QuizBoxLayoutTests: XCTestCase {
    private func lesson(_ id: String, scene: Int, _ language: LessonLanguage = .en,
                        width: Int = 80, height: Int = 24) throws -> LessonModel {
        let file = try XCTUnwrap(try BuiltinLessons.lesson(id: id))
        var player = try XCTUnwrap(try LessonPlayer(file: file, language: language))
        player.go(to: scene)
        return LessonModel(player: player, width: width, height: height, unicode: true, theme: .default)
    }

    private func quizBox(_ model: LessonModel) throws -> ScreenPanel {
        try XCTUnwrap(screenPanels(view(model)).first { $0.title.hasPrefix(model.text.quiz) }, "no quiz box")
    }

    private func plain(_ text: String) -> String { squeeze(Narration.runs(text).map(\.text).joined()) }

    private func press(_ model: inout LessonModel, _ keys: Key...) {
        for key in keys { update(&model, .key(key)) }
    }

    /// Lesson 2's "Why squash at all?": a question of four lines and three long choices.
    func testALongQuestionItsChoicesAndThePromptFitAt80x24() throws {
        for language in LessonLanguage.allCases {
            let model = try lesson("forward-pass", scene: 5, language)
            let quiz = try XCTUnwrap(model.player.scene.quiz)
            let box = try quizBox(model)
            XCTAssertTrue(box.squeezed.contains(plain(model.player.question() ?? "?")), "\(language): \(box.text)")
            for choice in model.player.choices() {
                XCTAssertTrue(box.squeezed.contains(squeeze(choice)), "\(language) \(choice): \(box.text)")
            }
            XCTAssertTrue(box.squeezed.contains(squeeze(LessonStrings.prompt(quiz.kind, language))), "\(language): \(box.text)")
            XCTAssertFalse(box.title.contains("↓"), "nothing to scroll: \(box.title)")
        }
    }

    /// The hint does not fit with the question: it comes into view with a cue (k ↑) above it, the
    /// prompt stays in the last row, and k brings the question back.
    func testAHintThatDoesNotFitScrollsWithACue() throws {
        var model = try lesson("forward-pass", scene: 5)
        let quiz = try XCTUnwrap(model.player.scene.quiz)
        let hint = try XCTUnwrap(quiz.hint.map(model.player.render))
        press(&model, .escape, .character("h"))
        var box = try quizBox(model)
        XCTAssertTrue(box.squeezed.contains(plain(hint)), box.text.joined(separator: "\n"))
        XCTAssertTrue(box.title.contains("k ↑"), box.title)
        let prompt = squeeze(LessonStrings.prompt(quiz.kind, .en))
        XCTAssertTrue(squeeze(box.text.last ?? "").hasPrefix(prompt), "the prompt in the last row: \(box.text)")
        let questionStart = String(plain(model.player.question() ?? "").prefix(15))
        XCTAssertFalse(box.squeezed.hasPrefix(questionStart), box.text.joined(separator: "\n"))
        for _ in 0..<20 { press(&model, .character("k")) }
        box = try quizBox(model)
        XCTAssertTrue(box.squeezed.hasPrefix(questionStart), box.text.joined(separator: "\n"))
        XCTAssertTrue(box.title.contains("j ↓"), box.title)
        XCTAssertFalse(box.title.contains("↑"), box.title)
        XCTAssertTrue(squeeze(box.text.last ?? "").hasPrefix(prompt), "the prompt in the last row: \(box.text)")
    }

    /// A wrong answer in Japanese: verdict first in view, the explanation's end below the fold
    /// with "j ↓" in the border, reached with j; k goes back up to the question.
    func testALongExplanationScrollsToItsEnd() throws {
        var model = try lesson("forward-pass", scene: 5, .ja)
        let explain = plain(try XCTUnwrap(model.player.scene.quiz?.explain.map(model.player.render)))
        press(&model, .character("b"), .enter)
        var box = try quizBox(model)
        XCTAssertTrue(box.squeezed.hasPrefix(squeeze(LessonStrings.wrong(.ja))), box.text.joined(separator: "\n"))
        XCTAssertTrue(box.title.contains("j ↓"), box.title)
        XCTAssertTrue(box.title.contains("k ↑"), "the question is above: \(box.title)")
        let ending = String(explain.suffix(12))
        XCTAssertFalse(box.squeezed.contains(ending), box.text.joined(separator: "\n"))
        for _ in 0..<40 { press(&model, .character("j")) }
        box = try quizBox(model)
        XCTAssertTrue(box.squeezed.contains(ending), box.text.joined(separator: "\n"))
        XCTAssertFalse(box.title.contains("↓"), box.title)
        for _ in 0..<40 { press(&model, .character("k")) }
        box = try quizBox(model)
        XCTAssertTrue(box.squeezed.hasPrefix(String(plain(model.player.question() ?? "").prefix(10))), box.text.joined(separator: "\n"))
    }

    /// Lesson 1's "The update": the table and the step panel beside it keep their places when the
    /// quiz is answered (the step panel then shows the step instead of the question's numbers).
    func testThePanelsStayWhereTheyAreWhenTheQuizIsAnswered() throws {
        for (id, scene) in [("one-neuron", 6), ("exploding-gradients", 2)] {
            for (width, height) in [(80, 24), (120, 40)] {
                var model = try lesson(id, scene: scene, width: width, height: height)
                let frames = { (m: LessonModel) in screenPanels(view(m)).map { "\($0.title.prefix(6)) \($0.x),\($0.y) \($0.width)x\($0.height)" } }
                let before = frames(model)
                XCTAssertGreaterThanOrEqual(before.count, 4, "\(id) \(width)x\(height): \(before)")
                for c in "12345" { press(&model, .character(c)) }
                press(&model, .enter)
                XCTAssertEqual(model.player.quizRecord?.correct, false)
                let after = frames(model).map { $0.dropFirst(6) }
                XCTAssertEqual(before.map { $0.dropFirst(6) }, after, "\(id) \(width)x\(height)")
                let step = screenPanels(view(model)).first { $0.title.hasPrefix(model.tutorModel.text.step) }
                XCTAssertNotNil(step, "\(id) \(width)x\(height): the step panel is still there")
            }
        }
    }
}
