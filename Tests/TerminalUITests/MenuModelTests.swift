import TerminalUI
import TutorFiles
import XCTest

/// The lesson menu's `update` and `view` without a terminal, and the plain list.
final class MenuModelTests: XCTestCase {
    func entries() throws -> [MenuEntry] {
        BuiltinLessons.listings.enumerated().map { k, listing in
            MenuEntry(listing: listing, progress: k == 1 ? LessonProgress(scene: 2, furthestScene: 2) : nil)
        }
    }

    func testMovesAndOpens() throws {
        var menu = MenuModel(entries: try entries(), language: .en, unicode: true, theme: .default, width: 80, height: 24)
        XCTAssertEqual(menu.selected, 0)
        update(&menu, .key(.down))
        update(&menu, .key(.down))
        update(&menu, .key(.down))
        update(&menu, .key(.up))
        XCTAssertEqual(menu.selected, 2)
        update(&menu, .key(.enter))
        XCTAssertEqual(menu.open, 2)
        update(&menu, .key(.up))
        update(&menu, .key(.up))
        update(&menu, .key(.up))
        XCTAssertEqual(menu.selected, 0)
        update(&menu, .key(.character("4")))
        XCTAssertEqual(menu.selected, 3)
        XCTAssertFalse(menu.quit)
        update(&menu, .key(.character("q")))
        XCTAssertTrue(menu.quit)
    }

    func testViewShowsStatusScoreAndWarning() throws {
        var menu = MenuModel(entries: try entries(), language: .en, unicode: true, theme: .default, width: 80, height: 24,
                             warnings: ["warning: progress file /x/progress.json was damaged; moved it aside"])
        let lines = view(menu).lines
        XCTAssertTrue(lines.contains { $0.contains("The chain rule") && $0.contains("not started") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("scene 3/") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("warning: progress file") }, lines.joined(separator: "\n"))
        update(&menu, .resize(width: 120, height: 40))
        XCTAssertEqual(view(menu).width, 120)
    }

    func testPlainList() throws {
        let list = MenuModel.plainList(try entries(), language: .en)
        let lines = list.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, try entries().count + 1)
        XCTAssertTrue(lines[0].contains("lesson") && lines[0].contains("progress"), lines[0])
        XCTAssertTrue(lines.contains { $0.contains("The chain rule") && $0.contains("15 min") && $0.contains("not started") }, list)
        let ja = MenuModel.plainList(try entries(), language: .ja)
        XCTAssertTrue(ja.contains("連鎖律"), ja)
        XCTAssertTrue(ja.contains("未着手"), ja)
    }

    func testQuizRecordsForScenesThatDoNotExistAreNotCounted() throws {
        // the file held records for 20 "scenes", all right, against a lesson with fewer quizzes
        let file = try XCTUnwrap(try BuiltinLessons.lessons().first { $0.lesson?.id == "chain-rule" })
        let lesson = try XCTUnwrap(file.lesson)
        let quizScenes = lesson.scenes.indices.filter { lesson.scenes[$0].quiz != nil }
        XCTAssertGreaterThan(quizScenes.count, 1)
        var quizzes: [String: QuizRecord] = [:]
        for k in -2..<20 { quizzes[String(k)] = QuizRecord(answer: "+", correct: true) }
        quizzes["x"] = QuizRecord(answer: "+", correct: true)
        let entry = MenuEntry(listing: try XCTUnwrap(LessonListing(file)), progress: LessonProgress(scene: 1, quizzes: quizzes))
        // every real quiz scene below 20 is answered right: all of them count, nothing else does
        let expected = quizScenes.filter { $0 < 20 }.count
        XCTAssertEqual(entry.score(LessonText(.en)), "\(expected)/\(quizScenes.count)")
        XCTAssertEqual(lesson.score(lesson.quizRecords(in: entry.progress!)),
                       Score(correct: expected, answered: expected, total: quizScenes.count))
        // one quiz scene answered wrong, one record for a scene without a quiz
        let wrong = quizScenes[0], noQuiz = try XCTUnwrap(lesson.scenes.indices.first { lesson.scenes[$0].quiz == nil })
        let mixed = MenuEntry(listing: try XCTUnwrap(LessonListing(file)), progress: LessonProgress(quizzes: [String(wrong): QuizRecord(answer: "-", correct: false),
                                                                              String(noQuiz): QuizRecord(answer: "+", correct: true)]))
        XCTAssertEqual(mixed.score(LessonText(.en)), "0/\(quizScenes.count)")
    }
}
