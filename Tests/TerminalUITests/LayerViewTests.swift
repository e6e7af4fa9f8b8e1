import BackpropEngine
import EventWords
import TutorFiles
import XCTest
@testable import TerminalUI

/// The layer view (`v`): the same numbers as the neuron view, the shapes at each phase, cells
/// chosen with i j k l, the article's NumPy names, first-layer weights as pictures.
final class LayerViewTests: XCTestCase {
    func press(_ model: inout TutorModel, _ keys: Key..., times: Int = 1) {
        for _ in 0..<times { for key in keys { update(&model, .key(key)) } }
    }

    /// The number an event computes: the one its formula ends with.
    static func value(of event: StepEvent) -> Double? {
        switch event.kind {
        case .weightedSum(_, _, _, let sum): return sum
        case .activation(_, _, _, let value, _): return value
        case .sampleLoss(_, _, let value): return value
        case .outputDelta(_, _, _, _, _, _, let delta, _): return delta
        case .hiddenDelta(_, _, _, _, _, _, _, let delta): return delta
        case .residualSum(_, _, _, _, _, let value): return value
        case .residualDelta(_, _, _, _, _, _, _, _, let delta): return delta
        case .normalization(_, _, _, _, _, _, _, _, let value): return value
        case .normalizationDelta(_, _, _, _, _, _, _, _, let delta): return delta
        case .batchStatistics, .normalizationGradient: return nil
        case .weightGradient(_, _, let value): return value
        case .gradientSum(_, _, _, _, let value): return value
        case .update(_, let detail): return detail.new
        case .lossShare, .batchLoss, .biasGradient, .clipping: return nil
        }
    }

    /// lessons/two-two-two.toml, one sample: at every event the layer view's selected cell is the
    /// number the neuron view computes at that event, and both screens print it the same way.
    func testTwoTwoTwoShowsTheNeuronViewsNumbers() throws {
        var model = try TutorSnapshotTests.model("two-two-two.toml", width: 120, height: 40, unicode: true)
        press(&model, .right)
        let count = model.timeline.currentTrace!.count
        var checked = 0
        for _ in 0..<count {
            let trace = model.timeline.currentTrace!, k = model.timeline.position!.event
            let event = trace[k]
            if let expected = Self.value(of: event), let op = LayerOperation.make(trace: trace, event: k, unicode: true, articleNames: false),
               let cell = op.cell {
                XCTAssertEqual(op.result.value(row: cell.row, column: cell.column), expected, "event \(k): \(event.kind)")
                let text = model.words(width: 80).format(expected)
                var layers = model
                layers.layerView = true
                let neuronScreen = view(model).description, layerScreen = view(layers).description
                XCTAssertTrue(neuronScreen.contains(text), "event \(k): the neuron view shows \(text)")
                XCTAssertTrue(layerScreen.contains(" = \(text) "), "event \(k): the layer view shows \(text)\n\(layerScreen)")
                checked += 1
            }
            press(&model, .right)
        }
        XCTAssertGreaterThan(checked, 20)
        // the classic numbers, in the layer view's grids
        var layers = try TutorSnapshotTests.model("two-two-two.toml", width: 120, height: 40, unicode: true)
        layers.layerView = true
        press(&layers, .right, times: 2)   // A⁽¹⁾ = σ(Z⁽¹⁾)
        let screen = view(layers).description
        XCTAssertTrue(screen.contains("0.3775 0.3925 = 0.5933 0.5969"), screen)
        XCTAssertTrue(screen.contains("A⁽¹⁾ = σ(Z⁽¹⁾)"), screen)
    }

    /// Each phase names its operation and its shapes (the article's XOR: a batch of 4).
    func testShapesAtEachPhase() throws {
        var model = try TutorSnapshotTests.model("article-xor.toml", width: 120, height: 40, unicode: true)
        press(&model, .character("v"))
        XCTAssertTrue(model.layerView)
        XCTAssertTrue(view(model).description.contains("one matrix operation of the whole batch"))
        let expected: [(Key, String, String)] = [
            (.right, "Z⁽¹⁾ = A⁽⁰⁾ · W⁽¹⁾ᵀ", "(4×3) · (4×3)ᵀ → (4×4)"),
            (.tab, "L = loss(A⁽²⁾, Y), E = Σ L", "(4×1) , (4×1) → (4×1)"),
            (.tab, "Δ⁽²⁾ = ∂L/∂A⁽²⁾ ⊙ f′(Z⁽²⁾)", "(4×1) ⊙ (4×1) → (4×1)"),
            (.tab, "W⁽¹⁾ ← W⁽¹⁾ − η · ∂E/∂W⁽¹⁾", "(4×3) − η · (4×3) → (4×3)"),
        ]
        for (key, formula, shapes) in expected {
            press(&model, key)
            if formula.contains("←") {
                // the samples' phases come one sample after another; the update after the last
                while model.timeline.currentEvent?.phase != .update { press(&model, .tab) }
            }
            let screen = view(model).description
            XCTAssertTrue(screen.contains(formula) && screen.contains(shapes), "\(formula) \(shapes)\n\(screen)")
        }
        // in ASCII too
        model.unicode = false
        XCTAssertTrue(view(model).description.contains("W^(1) <- W^(1) - lr . dE/dW^(1)   (4x3) - lr . (4x3) -> (4x3)"), view(model).description)
    }

    func testArticleNumPyNames() throws {
        var model = try TutorSnapshotTests.model("article-xor.toml", width: 120, height: 40, unicode: true)
        XCTAssertTrue(model.numpyArticle, "article-xor.toml asks for the article's names")
        press(&model, .character("v"))
        press(&model, .right, times: 2)
        XCTAssertTrue(view(model).description.contains("NumPy  hidden_layer = sigmoid(np.dot(X, weights_input_hidden))"))
        press(&model, .tab, times: 2)
        XCTAssertTrue(view(model).description.contains("output_delta = output_error * sigmoid_derivative(output_layer)"))
        // other files: the formulas' names
        var plain = try TutorSnapshotTests.model("two-two-two.toml", width: 120, height: 40, unicode: true)
        press(&plain, .character("v"), .right)
        XCTAssertTrue(view(plain).description.contains("NumPy  Z1 = A0 @ W1.T + b1"))
    }

    /// i j k l move the selected cell (wrapping), by moving to the event of that cell; the step
    /// panel then explains that number.
    func testSelectingACell() throws {
        var model = try TutorSnapshotTests.model("article-xor.toml", width: 120, height: 40, unicode: true)
        press(&model, .character("v"), .right)        // Z⁽¹⁾[1,1]: z(h₁) of sample 1
        func cell() -> (Int, Int)? {
            let t = model.timeline.currentTrace!
            return LayerOperation.make(trace: t, event: model.timeline.position!.event, unicode: true, articleNames: true)?.cell
        }
        XCTAssertEqual(cell()?.0, 0); XCTAssertEqual(cell()?.1, 0)
        press(&model, .character("l"))
        XCTAssertEqual(cell()?.1, 1)
        XCTAssertTrue(view(model).description.contains("Weighted sum of h₂"))
        press(&model, .character("k"), times: 2)       // sample 3
        XCTAssertEqual(cell()?.0, 2)
        XCTAssertEqual(model.timeline.currentEvent?.sample, 2)
        press(&model, .character("i"), times: 3)       // up three rows from the third: wraps to the fourth
        XCTAssertEqual(cell()?.0, 3)
        press(&model, .character("j"), times: 2)       // left twice from the second column: the fourth
        XCTAssertEqual(cell()?.1, 3)
        // a weight's chain rule: in ∂E/∂W⁽²⁾, the next column is the next weight into the output
        var guardCount = 0
        while guardCount < 1_000, !(model.timeline.currentEvent?.kind.isWeightGradient ?? false) { press(&model, .right); guardCount += 1 }
        let before = model.timeline.currentEvent!
        press(&model, .character("l"))
        let after = model.timeline.currentEvent!
        XCTAssertTrue(after.kind.isWeightGradient)
        XCTAssertEqual(after.sample, before.sample, "the same sample's term")
        XCTAssertNotEqual(after.mainParameter, before.mainParameter)
        XCTAssertTrue(view(model).description.contains("Gradient of the weight"))
        // outside the layer view the keys do nothing
        press(&model, .character("v"))
        let position = model.timeline.position
        press(&model, .character("l"))
        XCTAssertEqual(model.timeline.position, position)
    }

    /// The digits' first layer: W⁽¹⁾ as one 8×8 picture per neuron, the selected neuron first.
    func testFirstLayerWeightsAsPictures() throws {
        let path = TutorSnapshotTests.lessonPath("../benchmarks/digits-64-32-10.toml")
        var model = try TutorModel(file: try NetworkFile.load(path: path), width: 120, height: 40, language: .en, unicode: true, theme: .default)
        press(&model, .character("v"))
        press(&model, .right, times: 3)                // z of h₂
        let screen = view(model)
        let text = screen.description
        XCTAssertTrue(text.contains("W⁽¹⁾ᵀ 32×64") && text.contains("(32×64) · (32×64)ᵀ + (1×32) → (32×32)"), text)
        let labels = screen.lines.first { $0.contains("h₂") && $0.contains("h₃") }
        XCTAssertNotNil(labels, "pictures labelled by neuron, from the selected one\n\(text)")
        XCTAssertTrue(text.contains("█ positive  ▄ negative"))
    }

    func testEveryScreenSizeAndLanguage() throws {
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            for language in [Language.en, .ja] {
                for unicode in [true, false] {
                    let network = try NetworkFile.load(path: TutorSnapshotTests.lessonPath("article-xor.toml"))
                    var model = try TutorModel(file: network, width: w, height: h, language: language, unicode: unicode, theme: .default)
                    press(&model, .character("v"))
                    for _ in 0..<4 {
                        press(&model, .tab)
                        let b = view(model)
                        let text = b.description
                        XCTAssertTrue(text.contains(unicode ? " → (" : " -> ("), "\(w)x\(h) \(language) shapes\n\(text)")
                        XCTAssertTrue(text.contains("NumPy"), "\(w)x\(h)")
                        if !unicode && language == .en { XCTAssertTrue(text.allSatisfy(\.isASCII), "\(w)x\(h) ASCII\n\(text)") }
                    }
                }
            }
        }
    }
}

extension StepEvent.Kind {
    var isWeightGradient: Bool { if case .weightGradient = self { return true } else { return false } }
}
