import BackpropEngine
import XCTest
@testable import TutorFiles

/// Lessons 12–14's additions to the format: a scene's `view`, the `confusion` focus, and the
/// `cost.*` values (the work of one gradient, counted by a gradient check).
final class LessonViewAndCostTests: XCTestCase {
    let sceneLine = lessonNetwork.split(separator: "\n", omittingEmptySubsequences: false).count

    func testSceneView() throws {
        let file = try lessonFile(scene("view = \"layers\"\n") + scene() + scene("view = \"neurons\"\n"))
        let scenes = try XCTUnwrap(file.lesson).scenes
        XCTAssertEqual(scenes.map(\.view), [.layers, .neurons, .neurons])
        do {
            _ = try lessonFile(scene("view = \"layer\"\n"))
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.message, "scene 1: unknown view \"layer\"; did you mean \"layers\"?")
            XCTAssertEqual(error.line, sceneLine + 3)
        }
    }

    func testConfusionFocusNeedsClasses() throws {
        let file = try lessonFile(scene("focus = \"confusion\"\n"))
        XCTAssertEqual(file.lesson?.scenes[0].focus, .confusion)
    }

    /// The lesson's counts are those of a gradient check run on its batch; a network given by its
    /// sizes gets GradientCheck.Cost's.
    func testCostValues() throws {
        let file = try lessonFile(scene(narration: "{cost.parameters:d} {cost.numerical:d} {cost.forward:d} {cost.backward:d} {cost.ratio:d} {cost.784-128-64-10.parameters:d}"))
        let lesson = try XCTUnwrap(file.lesson)
        let player = try XCTUnwrap(LessonPlayer(file: file, language: .en))
        XCTAssertEqual(lesson.scenes.count, 1)
        // 2-2-2 with frozen biases: 8 weights and 4 biases, all checked
        XCTAssertEqual(player.narration(), "12 24 1 1 12 109386")
        let names = ValueNames(trainer: try file.trainer())
        XCTAssertEqual(try names.parse("cost.784-128-64-10.numerical").get(), .cost(layers: [784, 128, 64, 10], .numerical))
        XCTAssertEqual(names.spelling(of: .cost(layers: [784, 128, 64, 10], .ratio)), "cost.784-128-64-10.ratio")
        XCTAssertEqual(names.spelling(of: .cost(layers: nil, .forward)), "cost.forward")
        guard case .failure(let e) = names.parse("cost.ratoi") else { return XCTFail("cost.ratoi was read") }
        XCTAssertTrue(e.message.contains("did you mean \"ratio\"?"), e.message)
        guard case .failure(let sizes) = names.parse("cost.784-x.ratio") else { return XCTFail("cost.784-x.ratio was read") }
        XCTAssertTrue(sizes.message.contains("layer sizes joined by -"), sizes.message)
    }
}
