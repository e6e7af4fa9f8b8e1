import BackpropEngine
import TerminalUI
import TutorFiles
import XCTest

/// One scene of every built-in lesson in each language at 80x24, as text: the first scene that
/// asks a quiz (the busiest screen), or the second scene when the lesson asks none.
final class LessonSnapshotTests: XCTestCase {
    func testOneSceneOfEveryLessonInBothLanguages() throws {
        let lessons = try BuiltinLessons.lessons()
        XCTAssertGreaterThanOrEqual(lessons.count, 11)
        for file in lessons {
            let lesson = try XCTUnwrap(file.lesson)
            let scene = lesson.scenes.firstIndex { $0.quiz != nil } ?? min(1, lesson.scenes.count - 1)
            for language in LessonLanguage.allCases {
                var player = try XCTUnwrap(try LessonPlayer(file: file, language: language))
                player.go(to: scene)
                let model = LessonModel(player: player, width: 80, height: 24, unicode: true, theme: .default)
                let order = String(format: "%02d", lesson.order ?? 0)
                assertSnapshot(view(model), named: "lesson-\(order)-\(lesson.id)-\(language.rawValue)")
            }
        }
    }

    func testTheMenuInBothLanguages() throws {
        let lessons = BuiltinLessons.listings
        let chain = try XCTUnwrap(lessons.firstIndex { $0.id == "chain-rule" })
        for language in LessonLanguage.allCases {
            let entries = lessons.enumerated().map { k, listing in
                MenuEntry(listing: listing, progress: k == 0 ? LessonProgress(scene: 5, furthestScene: 5, quizzes: ["2": QuizRecord(answer: "+", correct: true)], completed: true)
                          : k == chain ? LessonProgress(scene: 2, furthestScene: 3) : nil)
            }
            let menu = MenuModel(entries: entries, language: language, unicode: true, theme: .default, width: 80, height: 24)
            assertSnapshot(view(menu), named: "menu-\(language.rawValue)")
        }
    }

    func testAnsweredWrongAt80x24() throws {
        let file = try XCTUnwrap(try BuiltinLessons.lesson(id: "chain-rule"))
        for language in LessonLanguage.allCases {
            var player = try XCTUnwrap(try LessonPlayer(file: file, language: language))
            player.go(to: 2)
            var model = LessonModel(player: player, width: 80, height: 24, unicode: true, theme: .default)
            update(&model, .key(.character("-")))
            update(&model, .key(.enter))
            assertSnapshot(view(model), named: "lesson-04-wrong-\(language.rawValue)")
        }
    }
}
