import XCTest
@testable import TutorFiles

/// Lesson files: what is read, and each mistake reported at its line.
final class LessonFormatTests: XCTestCase {
    /// Line of the first [[scene]] appended to `lessonNetwork`.
    let sceneLine = lessonNetwork.split(separator: "\n", omittingEmptySubsequences: false).count

    func assertLessonError(_ scenes: String, line: Int, column: Int? = nil, _ message: String,
                           file: StaticString = #filePath, testLine: UInt = #line) {
        do {
            _ = try lessonFile(scenes)
            XCTFail("expected an error: \(message)", file: file, line: testLine)
        } catch {
            XCTAssertEqual(error.message, message, file: file, line: testLine)
            XCTAssertEqual(error.line, line, "line", file: file, line: testLine)
            if let column { XCTAssertEqual(error.column, column, "column", file: file, line: testLine) }
        }
    }

    func testReadsALesson() throws {
        let file = try lessonFile(scene("focus = \"weight w5\"\nadvance = \"to:grad.w5\"\n")
            + scene("advance = \"epochs:10\"\n[scene.quiz]\nkind = \"sign\"\nquestion_en = \"Sign?\"\nquestion_ja = \"符号は？\"\nanswer = \"grad.w6\"\n",
                    narration: "Next"))
        let lesson = try XCTUnwrap(file.lesson)
        XCTAssertEqual(lesson.id, "test")
        XCTAssertEqual(lesson.title, Localized(en: "Test", ja: "テスト"))
        XCTAssertEqual(file.title, "Test")
        XCTAssertEqual(lesson.scenes.count, 2)
        XCTAssertEqual(lesson.scenes[0].focus, .parameter(.weight(layer: 1, to: 0, from: 0)))
        XCTAssertEqual(lesson.scenes[0].advance, .toValue(.gradient(.weight(layer: 1, to: 0, from: 0))))
        XCTAssertEqual(lesson.scenes[0].line, sceneLine)
        XCTAssertEqual(lesson.scenes[1].advance, .epochs(10))
        XCTAssertEqual(lesson.scenes[1].quiz?.kind, .sign)
        XCTAssertEqual(lesson.scenes[1].quiz?.answer, .gradient(.weight(layer: 1, to: 0, from: 1)))
    }

    func testNetworkFilesStillHaveNoLesson() throws {
        XCTAssertNil(try parse(minimalNetwork).lesson)
    }

    func testUnknownPlaceholderWithSuggestion() {
        assertLessonError(scene(narration: "The gradient is {gard.w5:.4f}."), line: sceneLine + 1, column: 33,
                          "unknown value \"gard.w5\"; did you mean \"grad.w5\"?")
    }

    func testPlaceholderNamingNoNeuron() {
        assertLessonError(scene(narration: "{out.o3}"), line: sceneLine + 1,
                          "unknown value \"out.o3\"; did you mean \"out.o1\"?")
        assertLessonError(scene(narration: "{grad.w12345}"), line: sceneLine + 1,
                          "unknown value \"grad.w12345\": grad. is followed by a weight or bias of this network "
                          + "(x1…x2, h1…h2, o1…o2, w1…w8, b1…b4)")
        assertLessonError(scene(narration: "{delta.x1}"), line: sceneLine + 1,
                          "unknown value \"delta.x1\"; did you mean \"delta.h1\"?")
    }

    func testPlaceholderInAMultiLineNarrationPointsAtItsLine() {
        let text = """
            [[scene]]
            narration_en = \"\"\"
            First line.
            Second line with {out.h1:.4f} and
            a third with {nothing.here}.
            \"\"\"
            narration_ja = "x"

            """
        assertLessonError(text, line: sceneLine + 4, column: 14,
                          "unknown value \"nothing.here\"; expected one of: accuracy, epoch, loss, lr, samples, update, "
                          + "out.…, input.…, z.…, delta.…, dE.…, slope.…, target.…, loss.…, grad.…, w.…, b.…, new.…")
    }

    func testBadFormatAndBraces() {
        assertLessonError(scene(narration: "{loss:.4q}"), line: sceneLine + 1, column: 17,
                          "unknown format \".4q\" in {loss:.4q}; use .4f, .2e, d or .1%")
        assertLessonError(scene(narration: "a } b"), line: sceneLine + 1,
                          "\"}\" without \"{\"; write }} for a brace")
        XCTAssertNoThrow(try lessonFile(scene(narration: "a {{literal}} b")))
    }

    func testFocusAndAdvance() {
        assertLessonError(scene("focus = \"nueron h1\"\n"), line: sceneLine + 3,
                          "scene 1: unknown focus \"nueron h1\"; did you mean \"neuron\"?")
        assertLessonError(scene("focus = \"neuron h3\"\n"), line: sceneLine + 3,
                          "scene 1: focus \"neuron h3\": no neuron \"h3\" in this network")
        assertLessonError(scene("focus = \"weight\"\n"), line: sceneLine + 3,
                          "scene 1: focus \"weight\" needs a name, e.g. \"weight w1\"")
        assertLessonError(scene("advance = \"nueron\"\n"), line: sceneLine + 3,
                          "scene 1: unknown advance \"nueron\"; did you mean \"neuron\"?")
        assertLessonError(scene("advance = \"to:grad.w9\"\n"), line: sceneLine + 3,
                          "scene 1: advance \"to:grad.w9\": unknown value \"grad.w9\"; did you mean \"grad.w1\"?")
        assertLessonError(scene("advance = \"epochs:0\"\n"), line: sceneLine + 3,
                          "scene 1: advance \"epochs:0\": 0 must be a whole number ≥ 1")
        assertLessonError(scene("advance = \"to:lr\"\n"), line: sceneLine + 3,
                          "scene 1: advance \"to:lr\": no event computes lr; use to:<phase> or to: a value such as to:grad.w1")
    }

    func testMissingTranslationAndUnknownKey() {
        assertLessonError("[[scene]]\nnarration_en = \"Hi\"\n", line: sceneLine + 1,
                          "scene 1: narration_ja is missing; every text is written in English and Japanese")
        assertLessonError("[[scene]]\nnarations_en = \"Hi\"\n", line: sceneLine + 1,
                          "unknown key \"narations_en\" in scene 1; did you mean \"narration_en\"?")
        assertLessonError(scene() + scene("titel_en = \"x\"\n"), line: sceneLine + 6,
                          "unknown key \"titel_en\" in scene 2; did you mean \"title_en\"?")
    }

    func testQuizErrorsPointIntoTheQuizOfTheRightScene() {
        let quiz = "[scene.quiz]\nkind = \"numbr\"\n"
        assertLessonError(scene() + scene(quiz), line: sceneLine + 7,
                          "unknown quiz kind \"numbr\"; did you mean \"number\"?")
        let unknownAnswer = "[scene.quiz]\nkind = \"number\"\nquestion_en = \"q\"\nquestion_ja = \"問\"\nanswer = \"grad.w0\"\n"
        assertLessonError(scene(unknownAnswer), line: sceneLine + 7,
                          "the quiz of scene 1: unknown value \"grad.w0\"; did you mean \"grad.w1\"?")
        let choice = "[scene.quiz]\nkind = \"choice\"\nquestion_en = \"q\"\nquestion_ja = \"問\"\n"
            + "choices_en = [\"a\", \"b\"]\nchoices_ja = [\"あ\", \"い\"]\ncorrect = 3\n"
        assertLessonError(scene(choice), line: sceneLine + 9,
                          "the quiz of scene 1: correct must be 1…2 (the number of the right choice), got 3")
        let tolerance = "[scene.quiz]\nkind = \"sign\"\nquestion_en = \"q\"\nquestion_ja = \"問\"\nanswer = \"grad.w1\"\ntolerance = 0.1\n"
        assertLessonError(scene(tolerance), line: sceneLine + 8,
                          "scene[0].quiz.tolerance is only used with kind = \"number\"")
    }

    func testNarrationMustNotGiveTheAnswerAway() {
        let quiz = "[scene.quiz]\nkind = \"number\"\nquestion_en = \"q\"\nquestion_ja = \"問\"\nanswer = \"grad.w5\"\n"
        assertLessonError(scene(quiz, narration: "It is {grad.w5:.4f}"), line: sceneLine + 1, column: 23,
                          "scene 1: the narration shows {grad.w5} before the quiz asks for it; show it in the quiz's reveal_en/reveal_ja instead")
        let question = "[scene.quiz]\nkind = \"number\"\nquestion_en = \"Is it {grad.w5}?\"\nquestion_ja = \"問\"\nanswer = \"grad.w5\"\n"
        assertLessonError(scene(question), line: sceneLine + 5,
                          "the quiz of scene 1: question_en shows {grad.w5}, the value the student is asked for")
    }

    /// A wrong answer's explanation comes before the later quizzes (lesson 4: the sign quiz about
    /// ∂E/∂w₅ printed the number the quiz two scenes on asks for).
    func testExplainMustNotGiveALaterAnswerAway() throws {
        let sign = "[scene.quiz]\nkind = \"sign\"\nquestion_en = \"q\"\nquestion_ja = \"問\"\nanswer = \"grad.w5\"\n"
        let number = "[scene.quiz]\nkind = \"number\"\nquestion_en = \"q\"\nquestion_ja = \"問\"\nanswer = \"grad.w5\"\n"
        assertLessonError(scene(sign + "explain_en = \"It is {grad.w5:.4f} > 0\"\nexplain_ja = \"正\"\n") + scene(number), line: sceneLine + 8,
                          column: 21, "the quiz of scene 1: explain_en shows {grad.w5}, the answer of the quiz of scene 2; "
                          + "say it without the number")
        // after the later quiz, and without the number, it may
        _ = try lessonFile(scene(sign + "explain_en = \"It is > 0\"\nexplain_ja = \"正\"\n") + scene(number))
        _ = try lessonFile(scene(number) + scene(sign + "explain_en = \"It is {grad.w5:.4f} > 0\"\nexplain_ja = \"正\"\n"))
    }

    func testLessonTableErrors() {
        assertLessonError("", line: sceneLine - 4, "a lesson needs at least one [[scene]]")
        do {
            _ = try parse(minimalNetwork + scene())
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.message, "[[scene]] belongs to a lesson; add a [lesson] table with id, title_en and title_ja")
            XCTAssertEqual(error.line, 7)
        }
        do {
            _ = try parse(lessonNetwork.replacingOccurrences(of: "id = \"test\"", with: "id = \"My Lesson\"") + scene())
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.message, "lesson.id must be lowercase letters, digits and -, got \"My Lesson\"")
            XCTAssertEqual(error.line, sceneLine - 3)
        }
    }

    func testEveryLessonInTheFolderIsValid() throws {
        let lessons = try diskLessons()
        XCTAssertGreaterThanOrEqual(lessons.count, 2)
        for file in lessons {
            XCTAssertFalse(file.lesson!.scenes.isEmpty, file.path)
        }
    }
}
