import BackpropEngine
import Foundation
import XCTest
@testable import TutorFiles

/// Plays every lesson in lessons/ headlessly, first scene to last, answering each quiz right, then
/// again answering each quiz wrong.
final class LessonPlayTests: XCTestCase {
    func testEveryLessonPlaysWithEveryQuizAnsweredRight() throws {
        for file in try diskLessons() {
            for language in LessonLanguage.allCases {
                let player = try play(file, language: language, right: true)
                XCTAssertEqual(player.score.correct, player.lesson.quizCount, file.path)
                XCTAssertEqual(player.score.answered, player.lesson.quizCount, file.path)
            }
        }
    }

    func testEveryLessonPlaysWithEveryQuizAnsweredWrong() throws {
        for file in try diskLessons() {
            let player = try play(file, language: .en, right: false)
            XCTAssertEqual(player.score, Score(correct: 0, answered: file.lesson!.quizCount, total: file.lesson!.quizCount))
        }
    }

    func testTheBuiltInLessonsPlayToo() throws {
        let builtin = try BuiltinLessons.lessons()
        XCTAssertEqual(builtin.map { $0.lesson!.id }, try diskLessons().sorted {
            ($0.lesson!.order ?? .max, $0.path) < ($1.lesson!.order ?? .max, $1.path)
        }.map { $0.lesson!.id })
        for file in builtin { _ = try play(file, language: .ja, right: true) }
    }

    func testGoingBackShowsTheSameNumbers() throws {
        for file in try diskLessons() {
            var player = try XCTUnwrap(try LessonPlayer(file: file))
            var shown: [String] = []
            var positions: [Timeline.Position?] = []
            repeat {
                shown.append(player.narration())
                positions.append(player.sceneTimeline.position)
                player.timeline.forward(by: .update)      // the student wanders; the scene does not change
            } while player.nextScene()
            while player.previousScene() {
                XCTAssertEqual(player.narration(), shown[player.sceneIndex], "\(file.path) scene \(player.sceneIndex + 1)")
                XCTAssertEqual(player.timeline.position, positions[player.sceneIndex])
            }
        }
    }

    func testResumingAtASceneShowsWhatItShowedBefore() throws {
        let file = try XCTUnwrap(try diskLessons().first { $0.lesson!.id == "chain-rule" })
        var player = try XCTUnwrap(try LessonPlayer(file: file))
        for _ in 0..<2 { player.nextScene() }
        _ = player.answer("+")
        for _ in 0..<3 { player.nextScene() }
        let resumed = try XCTUnwrap(try LessonPlayer(file: file, progress: player.progress))
        XCTAssertEqual(resumed.sceneIndex, 5)
        XCTAssertEqual(resumed.narration(), player.narration())
        XCTAssertEqual(resumed.score, player.score)
        XCTAssertEqual(resumed.score.correct, 1)
    }

    func testTheSignQuizOfTheChainRuleIsAboutW5() throws {
        let file = try BuiltinLessons.load("04-chain-rule")
        var player = try XCTUnwrap(try LessonPlayer(file: file))
        while player.scene.quiz == nil { player.nextScene() }
        XCTAssertEqual(player.scene.quiz?.kind, .sign)
        XCTAssertEqual(player.scene.quiz?.answer, .gradient(.weight(layer: 1, to: 0, from: 0)))
        XCTAssertEqual(player.expectedValue ?? 0, 0.082167, accuracy: 1e-6)
    }

    // MARK: playing

    /// Plays a lesson through: every placeholder of every text must have a value, every `to:`
    /// target must be reached, every quiz answered as asked.
    @discardableResult
    func play(_ file: NetworkFile, language: LessonLanguage, right: Bool) throws -> LessonPlayer {
        var player = try XCTUnwrap(try LessonPlayer(file: file, language: language))
        let where_ = { (p: LessonPlayer) in "\(file.path) scene \(p.sceneIndex + 1) (\(language))" }
        var scenes = 0
        repeat {
            scenes += 1
            assertAllValuesKnown(player, where_(player))
            XCTAssertFalse(player.narration().isEmpty)
            if let quiz = player.scene.quiz {
                XCTAssertTrue(player.quizPending, where_(player))
                XCTAssertNotNil(player.question())
                if quiz.kind == .sign { XCTAssertNotEqual(player.expectedValue, 0, "a sign quiz about 0: " + where_(player)) }
                if quiz.kind != .choice { XCTAssertNotNil(player.expectedValue, where_(player)) }
                _ = player.hint()
                let result = player.answer(right ? rightAnswer(player) : wrongAnswer(player))
                XCTAssertEqual(result.outcome, right ? .correct : .wrong, where_(player))
                XCTAssertFalse(result.message.isEmpty)
                if !right {
                    XCTAssertTrue(result.explanation != nil || result.workedEvent != nil,
                                  "no worked computation: " + where_(player))
                }
                XCTAssertFalse(player.quizPending)
            }
        } while player.nextScene()
        XCTAssertEqual(scenes, file.lesson!.scenes.count)
        XCTAssertTrue(player.unreachedScenes.isEmpty, "\(file.path): to: not reached in scenes \(player.unreachedScenes.map { $0 + 1 })")
        XCTAssertTrue(player.isFinished)
        XCTAssertTrue(player.progress.completed)
        return player
    }

    private func assertAllValuesKnown(_ player: LessonPlayer, _ place: String) {
        let scene = player.scene
        var texts = [scene.narration] + (scene.title.map { [$0] } ?? [])
        if let q = scene.quiz { texts += [q.question] + [q.hint, q.explain, q.reveal].compactMap { $0 } + q.choices }
        var names = ValueNames(naming: player.file.naming)
        names.variants = player.comparison?.runs.map(\.name) ?? []
        for text in texts {
            for s in [text.en, text.ja] {
                guard case .success(let template) = Template.parse(s) else { return XCTFail(place) }
                for p in template.placeholders {
                    guard case .success(let name) = names.parse(p.name) else { return XCTFail(place) }
                    XCTAssertNotNil(ValueResolver.resolve(name, timeline: player.sceneTimeline, comparison: player.comparison), "{\(p.name)} in \(place)")
                }
            }
        }
    }

    private func rightAnswer(_ p: LessonPlayer) -> String {
        let quiz = p.scene.quiz!
        switch quiz.kind {
        case .number: return String(format: "%.6f", p.expectedValue!)
        case .sign: return p.expectedValue! > 0 ? "+" : "−"
        case .choice: return QuizChecker.letter(quiz.correct!)
        }
    }

    private func wrongAnswer(_ p: LessonPlayer) -> String {
        let quiz = p.scene.quiz!
        switch quiz.kind {
        case .number: return String(format: "%.6f", p.expectedValue! + 10 * quiz.tolerance + 1)
        case .sign: return p.expectedValue! > 0 ? "-" : "+"
        case .choice: return QuizChecker.letter((quiz.correct! + 1) % quiz.choices.count)
        }
    }
}
