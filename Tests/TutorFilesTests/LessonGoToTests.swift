import BackpropEngine
import XCTest
@testable import TutorFiles

/// `goto = "epoch N"` / `"update N"` in a scene: read with file:line errors, and played as the
/// place in the lesson's run, trained as far as needed, the same numbers when come back to.
final class LessonGoToTests: XCTestCase {
    let sceneLine = lessonNetwork.split(separator: "\n", omittingEmptySubsequences: false).count

    func assertLessonError(_ scenes: String, line: Int, _ message: String, file: StaticString = #filePath,
                           testLine: UInt = #line) {
        do {
            _ = try lessonFile(scenes)
            XCTFail("expected an error: \(message)", file: file, line: testLine)
        } catch {
            XCTAssertEqual(error.message, message, file: file, line: testLine)
            XCTAssertEqual(error.line, line, "line", file: file, line: testLine)
        }
    }

    func testReadsGoTo() throws {
        let file = try lessonFile(scene("goto = \"epoch 500\"\n") + scene("goto = \"update 12\"\n"))
        XCTAssertEqual(file.lesson?.scenes.map(\.advance), [.goTo(.epoch(500)), .goTo(.update(12))])
    }

    func testMistakesAreReportedAtTheirLine() {
        assertLessonError(scene("goto = \"epoch\"\n"), line: sceneLine + 3,
                          "scene 1: goto \"epoch\" must be \"epoch N\" or \"update N\", e.g. goto = \"epoch 500\"")
        assertLessonError(scene("goto = \"epoch 0\"\n"), line: sceneLine + 3,
                          "scene 1: goto \"epoch 0\": epochs and updates count from 1")
        assertLessonError(scene("goto = \"epohc 5\"\n"), line: sceneLine + 3,
                          "scene 1: goto \"epohc 5\": \"epohc\" is not epoch or update; did you mean \"epoch\"?")
        assertLessonError(scene("advance = \"update\"\ngoto = \"epoch 5\"\n"), line: sceneLine + 4,
                          "scene 1: give advance or goto, not both (goto already says where the scene opens)")
    }

    func testScenesOpenAtTheirPlaceOfTheRunAndComeBackToTheSameNumbers() throws {
        let file = try lessonFile(scene("goto = \"epoch 500\"\n") + scene("advance = \"updates:3\"\n")
                                  + scene("goto = \"update 2\"\n") + scene("goto = \"epoch 700\"\n"))
        var player = try XCTUnwrap(LessonPlayer(file: file))
        player.go(to: 3)
        XCTAssertTrue(player.unreachedScenes.isEmpty)
        var reference = try Trainer(network: file.network, config: file.training, data: file.data)
        reference.train(epochs: 499)
        player.go(to: 0)
        XCTAssertEqual(player.sceneTimeline.position, .init(step: 499, event: 0))
        XCTAssertEqual(player.sceneTimeline.shownTrainer.network, reference.network, "the weights after 499 epochs")
        player.go(to: 1)
        XCTAssertEqual(player.sceneTimeline.position?.step, 502)
        player.go(to: 2)
        XCTAssertEqual(player.sceneTimeline.position, .init(step: 1, event: 0), "back to an early update of the run")
        var second = try Trainer(network: file.network, config: file.training, data: file.data)
        let first = second.recordedStep()!
        XCTAssertEqual(player.sceneTimeline.shownTrainer, first.after)
        player.go(to: 3)
        XCTAssertEqual(player.sceneTimeline.position?.step, 699)
        let narration = player.narration()
        player.go(to: 0)
        player.go(to: 3)
        XCTAssertEqual(player.narration(), narration)
        XCTAssertTrue(narration.hasPrefix("Hello "))
    }
}
