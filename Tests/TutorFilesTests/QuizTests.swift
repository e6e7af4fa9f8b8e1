import XCTest
@testable import TutorFiles

/// Reading what a student types, and checking it.
final class QuizTests: XCTestCase {
    func testNumbers() {
        for (text, value) in [("0.08", 0.08), (" 0.08 ", 0.08), (".08", 0.08), ("-0.5", -0.5), ("−0.5", -0.5),
                              ("０．０８", 0.08), ("－０.５", -0.5), ("ー0.5", -0.5), ("8e-2", 0.08), ("0,08", 0.08),
                              ("8%", 0.08), ("+1", 1.0), ("２", 2.0)] {
            XCTAssertEqual(AnswerReader.read(text, kind: .number), .number(value), text)
        }
        for text in ["", "abc", "inf", "nan", "1..2", "."] {
            XCTAssertNil(AnswerReader.read(text, kind: .number), text)
        }
    }

    func testSigns() {
        for text in ["+", "＋", "positive", "p", "正", "プラス", "0.3"] {
            XCTAssertEqual(AnswerReader.read(text, kind: .sign), .sign(.positive), text)
        }
        for text in ["-", "−", "－", "negative", "N", "負", "マイナス", "-2"] {
            XCTAssertEqual(AnswerReader.read(text, kind: .sign), .sign(.negative), text)
        }
        XCTAssertNil(AnswerReader.read("maybe", kind: .sign))
    }

    func testChoices() {
        for (text, k) in [("a", 0), ("B", 1), ("ｂ", 1), ("(c)", 2), ("c)", 2), ("2", 1), ("２", 1)] {
            XCTAssertEqual(AnswerReader.read(text, kind: .choice, choiceCount: 3), .choice(k), text)
        }
        XCTAssertNil(AnswerReader.read("d", kind: .choice, choiceCount: 3))
        XCTAssertNil(AnswerReader.read("4", kind: .choice, choiceCount: 3))
    }

    func testChecking() {
        var quiz = Quiz(kind: .number, question: Localized(en: "q", ja: "q"), answer: .loss, tolerance: 0.001,
                        format: .standard, choices: [], correct: nil, hint: nil, explain: nil, reveal: nil)
        XCTAssertTrue(QuizChecker.isCorrect(.number(0.0822), quiz: quiz, value: 0.082167))
        XCTAssertTrue(QuizChecker.isCorrect(.number(0.083), quiz: quiz, value: 0.082))
        XCTAssertFalse(QuizChecker.isCorrect(.number(0.0835), quiz: quiz, value: 0.082))
        XCTAssertFalse(QuizChecker.isCorrect(.number(0.08), quiz: quiz, value: nil))
        quiz.kind = .sign
        XCTAssertTrue(QuizChecker.isCorrect(.sign(.positive), quiz: quiz, value: 0.08))
        XCTAssertFalse(QuizChecker.isCorrect(.sign(.negative), quiz: quiz, value: 0.08))
        quiz.kind = .choice
        quiz.correct = 1
        XCTAssertTrue(QuizChecker.isCorrect(.choice(1), quiz: quiz, value: nil))
        XCTAssertFalse(QuizChecker.isCorrect(.choice(0), quiz: quiz, value: nil))
    }

    func testPlayerQuizFlow() throws {
        let quiz = "[scene.quiz]\nkind = \"number\"\nquestion_en = \"q\"\nquestion_ja = \"問\"\nanswer = \"grad.w5\"\n"
            + "hint_en = \"Multiply the three links.\"\nhint_ja = \"三つを掛けます。\"\n"
        var player = try XCTUnwrap(try LessonPlayer(file: try lessonFile(scene("advance = \"to:grad.w5\"\n" + quiz))))
        XCTAssertTrue(player.quizPending)
        XCTAssertEqual(player.quizValue, .gradient(.weight(layer: 1, to: 0, from: 0)))
        XCTAssertEqual(player.hint(), "Multiply the three links.")
        let unreadable = player.answer("eighty")
        XCTAssertEqual(unreadable.outcome, .unreadable)
        XCTAssertEqual(unreadable.message, "Type a number, e.g. 0.08.")
        XCTAssertTrue(player.quizPending)
        let wrong = player.answer("0.5")
        XCTAssertEqual(wrong.outcome, .wrong)
        XCTAssertEqual(wrong.message, "Not quite. The answer is 0.0822.")
        XCTAssertEqual(wrong.workedEvent?.mainParameter, .weight(layer: 1, to: 0, from: 0))
        XCTAssertEqual(player.answer("0.0822").outcome, .alreadyAnswered)
        XCTAssertEqual(player.score, Score(correct: 0, answered: 1, total: 1))
        XCTAssertEqual(player.quizRecord, QuizRecord(hintUsed: true, answer: "0.5", correct: false))

        player.start()
        player.language = .ja
        let right = player.answer("０．０８２２")
        XCTAssertEqual(right.outcome, .correct)
        XCTAssertEqual(right.message, "正解です！答えは 0.0822 です。")
        XCTAssertEqual(player.score, Score(correct: 1, answered: 1, total: 1))
    }
}
