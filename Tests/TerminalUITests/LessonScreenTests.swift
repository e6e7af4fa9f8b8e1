import BackpropEngine
import TerminalUI
import TutorFiles
import XCTest

/// The lesson screen's `update` and `view` without a terminal: scenes, quizzes, hints, typing.
final class LessonScreenTests: XCTestCase {
    static func chainRule(_ language: LessonLanguage = .en, width: Int = 80, height: Int = 24,
                          progress: LessonProgress? = nil, autoplay: Double? = nil) throws -> LessonModel {
        let file = try XCTUnwrap(try BuiltinLessons.lesson(id: "chain-rule"))
        let player = try XCTUnwrap(try LessonPlayer(file: file, language: language, progress: progress))
        return LessonModel(player: player, width: width, height: height, unicode: true, theme: .default,
                           autoplayInterval: autoplay)
    }

    func press(_ model: inout LessonModel, _ keys: Key...) {
        for key in keys { update(&model, .key(key)) }
    }

    func type(_ model: inout LessonModel, _ text: String) {
        for c in text { update(&model, .key(.character(c))) }
    }

    func screen(_ model: LessonModel) -> String { view(model).lines.joined(separator: "\n") }

    /// Scene 3 of the chain rule lesson asks for the sign of ∂E/∂w₅.
    func atSignQuiz(_ language: LessonLanguage = .en) throws -> LessonModel {
        var model = try Self.chainRule(language)
        press(&model, .pageDown, .pageDown)
        XCTAssertEqual(model.player.sceneIndex, 2)
        XCTAssertTrue(model.player.quizPending)
        XCTAssertTrue(model.editing, "a pending quiz takes the keys")
        return model
    }

    func testTitleLineShowsLessonSceneAndScore() throws {
        let model = try Self.chainRule()
        let top = view(model).line(0)
        XCTAssertTrue(top.contains("The chain rule"), top)
        XCTAssertTrue(top.contains("Scene 1 of"), top)
        XCTAssertTrue(top.contains("Score 0/"), top)
        XCTAssertTrue(screen(model).contains("Two inputs, two hidden neurons"), screen(model))
    }

    func testAnsweringRight() throws {
        var model = try atSignQuiz()
        XCTAssertTrue(screen(model).contains("What is the sign of ∂E/∂w₅?"), screen(model))
        type(&model, "+")
        press(&model, .enter)
        XCTAssertEqual(model.player.score.correct, 1)
        XCTAssertFalse(model.editing)
        let s = screen(model)
        XCTAssertTrue(s.contains("Right!"), s)
        XCTAssertTrue(s.contains("Score 1/"), s)
        XCTAssertTrue(s.contains("Positive"), s)   // the reveal
    }

    func testAnsweringWrongShowsTheWorkedComputation() throws {
        var model = try atSignQuiz()
        type(&model, "-")
        press(&model, .enter)
        XCTAssertEqual(model.player.score, Score(correct: 0, answered: 1, total: model.player.lesson.quizCount))
        let s = screen(model)
        XCTAssertTrue(s.contains("Not quite."), s)
        XCTAssertTrue(s.contains("∂E/∂w₅ > 0."), s)   // the explanation, without the number scene 5 asks for
        XCTAssertFalse(s.contains("0.0822"), s)
    }

    func testUnreadableAnswerAsksAgain() throws {
        var model = try atSignQuiz()
        type(&model, "xyz")
        press(&model, .enter)
        XCTAssertTrue(model.player.quizPending)
        XCTAssertTrue(model.editing)
        XCTAssertTrue(screen(model).contains("Type + or −."), screen(model))
    }

    func testHint() throws {
        var model = try atSignQuiz()
        press(&model, .character("h"))
        XCTAssertTrue(model.answerText.isEmpty, "h in a sign quiz asks for the hint")
        XCTAssertTrue(screen(model).contains("Hint: h₁ is positive"), screen(model))
        XCTAssertEqual(model.player.quizRecord?.hintUsed, true)
    }

    func testTypingQIntoTheAnswerDoesNotQuit() throws {
        var model = try atSignQuiz()
        type(&model, "q")
        XCTAssertFalse(model.quit)
        XCTAssertEqual(model.answerText, "q")
        press(&model, .backspace, .escape)
        XCTAssertFalse(model.editing, "Esc leaves the field")
        press(&model, .character("q"))
        XCTAssertTrue(model.quit, "outside the field q quits")
        XCTAssertFalse(model.quitProgram)
    }

    func testGoingBackShowsTheSameScreen() throws {
        var model = try Self.chainRule()
        var screens: [String] = []
        for _ in 0..<6 {
            press(&model, .escape)           // out of a quiz field, so every scene looks the same coming back
            screens.append(screen(model))
            press(&model, .right)
        }
        for k in stride(from: 5, through: 0, by: -1) {
            press(&model, .left, .escape)
            XCTAssertEqual(screen(model), screens[k], "scene \(k + 1)")
        }
    }

    func testAnsweredQuizLooksTheSameWhenRevisited() throws {
        var model = try atSignQuiz()
        type(&model, "-")
        press(&model, .enter)
        let answered = screen(model)
        press(&model, .right, .left)
        XCTAssertEqual(screen(model), answered)
    }

    func testResizeAndTooSmall() throws {
        var model = try Self.chainRule()
        update(&model, .resize(width: 60, height: 20))
        XCTAssertTrue(screen(model).contains("enlarge the window to at least 80x24 (now 60x20)"), screen(model))
        update(&model, .resize(width: 120, height: 40))
        let buffer = view(model)
        XCTAssertEqual(buffer.width, 120)
        XCTAssertEqual(buffer.height, 40)
        XCTAssertTrue(buffer.line(0).contains("Scene 1 of"))
    }

    func testResumesAtTheSavedScene() throws {
        var model = try atSignQuiz()
        type(&model, "+")
        press(&model, .enter, .right)
        let progress = model.player.progress
        let resumed = try Self.chainRule(progress: progress)
        XCTAssertEqual(resumed.player.sceneIndex, 3)
        XCTAssertEqual(screen(resumed), screen(model))
    }

    func testPresenterStopsAtEachQuizUntilAnswered() throws {
        var model = try Self.chainRule(autoplay: 5)
        XCTAssertTrue(model.autoplayRunning)
        update(&model, .tick)
        update(&model, .tick)
        XCTAssertEqual(model.player.sceneIndex, 2)
        update(&model, .tick)
        XCTAssertEqual(model.player.sceneIndex, 2, "held at the quiz")
        XCTAssertFalse(model.autoplayRunning)
        type(&model, "+")
        press(&model, .enter)
        XCTAssertTrue(model.autoplayRunning)
        update(&model, .tick)
        XCTAssertEqual(model.player.sceneIndex, 3)
        // the clicker works throughout
        press(&model, .pageUp)
        XCTAssertEqual(model.player.sceneIndex, 2)
        press(&model, .escape, .character("a"))
        XCTAssertFalse(model.playing)
        update(&model, .tick)
        XCTAssertEqual(model.player.sceneIndex, 2)
    }

    func testHelpOverlay() throws {
        var model = try Self.chainRule()
        press(&model, .character("?"))
        XCTAssertTrue(screen(model).contains("PageDown"), screen(model))
        press(&model, .character("x"))
        XCTAssertFalse(model.showHelp)
    }
}
