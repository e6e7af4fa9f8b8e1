import BackpropEngine
@testable import TerminalUI
import TutorFiles
import XCTest

/// The layer view on the lesson screen: `v` switches to it as on the tutor screen, a scene with
/// `view = "layers"` opens in it, and a pending quiz's value is "?" in its matrices.
final class LessonLayerViewTests: XCTestCase {
    func matrixForm(width: Int = 120, height: Int = 40) throws -> LessonModel {
        let file = try XCTUnwrap(try BuiltinLessons.lesson(id: "matrix-form"))
        let player = try XCTUnwrap(try LessonPlayer(file: file, language: .en))
        return LessonModel(player: player, width: width, height: height, unicode: true, theme: .default)
    }

    func screen(_ model: LessonModel) -> String { view(model).lines.joined(separator: "\n") }

    func next(_ model: inout LessonModel, _ times: Int) {
        for _ in 0..<times { update(&model, .key(.pageDown)) }
    }

    func testVSwitchesAndScenesOpenInTheirView() throws {
        var model = try matrixForm()
        next(&model, 1)   // scene 2: z(h₁), in the neuron view
        XCTAssertFalse(model.layerView)
        XCTAssertFalse(screen(model).contains("layer view"), screen(model))
        update(&model, .key(.character("v")))
        XCTAssertTrue(model.layerView)
        let layers = screen(model)
        XCTAssertTrue(layers.contains("Z⁽¹⁾ = A⁽⁰⁾ · W⁽¹⁾ᵀ + b⁽¹⁾"), layers)
        XCTAssertTrue(layers.contains("(4×3) · (4×3)ᵀ + (1×4) → (4×4)"), layers)
        XCTAssertTrue(layers.contains("Z1 = A0 @ W1.T + b1"), layers)
        // the selected cell is the number the neuron view's step computes
        let z = try XCTUnwrap(model.player.value(of: .weightedSum(NeuronRef(layer: 1, index: 0))))
        XCTAssertTrue(layers.contains("Z⁽¹⁾[1,1] = " + model.tutorModel.words(width: 80).format(z)), layers)
        update(&model, .key(.character("v")))
        XCTAssertFalse(screen(model).contains("layer view"))
        // scene 4 opens in the layer view; the scene after it (view = "layers" too) as well
        next(&model, 1)
        XCTAssertFalse(model.layerView, "each scene opens in its own view")
        next(&model, 1)
        XCTAssertEqual(model.player.sceneIndex, 3)
        XCTAssertTrue(model.layerView)
        XCTAssertTrue(screen(model).contains("layer view"))
        update(&model, .key(.character("v")))
        XCTAssertFalse(model.layerView)
    }

    /// Scene 9 asks for the new w₁₄, entry (1, 2) of the updated W⁽²⁾: hidden in the matrix, the
    /// selected cell and the step panel until it is answered, then shown.
    func testPendingQuizHidesItsEntry() throws {
        for (width, height) in [(80, 24), (120, 40), (200, 60)] {
            var model = try matrixForm(width: width, height: height)
            next(&model, 8)
            XCTAssertEqual(model.player.sceneIndex, 8)
            XCTAssertTrue(model.layerView && model.player.quizPending)
            let answer = try XCTUnwrap(model.player.expectedValue)
            let text = model.tutorModel.words(width: 80).format(answer)
            let before = screen(model)
            XCTAssertTrue(before.contains("W⁽²⁾ ← W⁽²⁾ − η · ∂E/∂W⁽²⁾"), before)
            XCTAssertFalse(before.contains(text), "\(width)x\(height): \(text) is on screen before the answer\n\(before)")
            if width >= 120 { XCTAssertTrue(before.contains("W⁽²⁾[1,2] = ?"), before) }
            // the matrices keep their rows under their titles, also at 80x24 beside the quiz
            let lines = before.components(separatedBy: "\n")
            let titles = try XCTUnwrap(lines.firstIndex { $0.contains("∂E/∂W⁽²⁾ 2×4") }, before)
            XCTAssertFalse(lines[titles + 1].contains("positive"), "\(width)x\(height): no matrix rows\n\(before)")
            for c in text { update(&model, .key(.character(c))) }
            update(&model, .key(.enter))
            XCTAssertEqual(model.player.quizRecord?.correct, true)
            let after = screen(model)
            if width >= 120 { XCTAssertTrue(after.contains("W⁽²⁾[1,2] = " + text), after) }
        }
    }

    /// The lesson follows one training step: every scene is in the first update, so the
    /// gradient of w₁₄ the student adds up is the one the update scene subtracts. (The δ scene
    /// once came after the batch gradients and so opened in the second epoch.)
    func testEveryScenePlaysTheFirstUpdate() throws {
        var model = try matrixForm()
        var gradients: [Double] = []
        let grad = try ValueNames(naming: model.player.file.naming).parse("grad.w14").get()
        for index in 0..<model.player.lesson.scenes.count {
            XCTAssertEqual(model.player.sceneIndex, index)
            XCTAssertEqual(model.player.sceneTimeline.position?.step ?? 0, 0, "scene \(index + 1) is not in update 1")
            if let g = model.player.value(of: grad), index >= 5 { gradients.append(g) }
            next(&model, 1)
        }
        XCTAssertEqual(Set(gradients).count, 1, "∂E/∂w₁₄ differs between scenes: \(gradients)")
    }
}
