import BackpropEngine
import EventWords
@testable import TerminalUI
import TutorFiles
import XCTest

/// The keys that move over the whole run: ← from the first event and Home (the start screen),
/// G (go to an epoch or update), m and M (mark and come back); the run bar and the loss cursor.
final class TutorRunKeysTests: XCTestCase {
    func press(_ model: inout TutorModel, _ keys: Key..., times: Int = 1) {
        for _ in 0..<times { for key in keys { update(&model, .key(key)) } }
    }

    func type(_ model: inout TutorModel, _ text: String) {
        for c in text { update(&model, .key(.character(c))) }
    }

    func testLeftFromTheFirstEventAndHomeGiveTheStartScreen() throws {
        for size in [(80, 24), (120, 40)] {
            var model = try TutorUpdateTests.twoTwoTwo(width: size.0, height: size.1)
            let first = model.screenOutsideTheRun
            press(&model, .right)
            press(&model, .left)
            XCTAssertNil(model.timeline.position, "← from the first event")
            XCTAssertEqual(model.screenOutsideTheRun, first, "the start screen")
            press(&model, .left)
            XCTAssertEqual(model.status, model.text.atStart)
            press(&model, .right, times: 40)
            XCTAssertEqual(model.timeline.position?.step, 1)
            press(&model, .home)
            XCTAssertNil(model.timeline.position)
            XCTAssertEqual(model.screenOutsideTheRun, first, "Home: the first screen again")
        }
    }

    func testGoToAnEpochOrAnUpdate() throws {
        var model = try TutorUpdateTests.twoTwoTwo()
        press(&model, .character("e"))
        type(&model, "1000")
        press(&model, .enter)
        XCTAssertEqual(model.timeline.position?.step, 1000)
        for (typed, step) in [("epoch 1", 0), ("e 500", 499), ("update 12", 11), ("u 7", 6), ("エポック ５００", 499),
                              ("42", 41), ("E1001", 1000), ("update 1,000", 999)] {
            press(&model, .character("G"))
            type(&model, typed)
            press(&model, .enter)
            XCTAssertNil(model.overlay)
            XCTAssertEqual(model.timeline.position, .init(step: step, event: 0), typed)
            XCTAssertNil(model.status, typed)
        }
        // epoch 1 shows the starting weights
        press(&model, .character("G"))
        type(&model, "epoch 1")
        press(&model, .enter)
        XCTAssertEqual(model.timeline.shownTrainer.network, model.initialTrainer.network)
        // out of the run, or unreadable: one line, no move
        let here = model.timeline.position
        for typed in ["epoch 1002", "update 0", "epoch 0", "week 3", "e 5 x", ""] {
            press(&model, .character("G"))
            type(&model, typed)
            press(&model, .enter)
            XCTAssertEqual(model.timeline.position, here, typed)
            let message = try! XCTUnwrap(model.status, typed)
            XCTAssertFalse(message.contains("\n"))
            XCTAssertLessThanOrEqual(displayWidth(of: message) + 1, 80, message)
        }
        XCTAssertEqual(model.status, model.text.goToUnreadable(""))
        press(&model, .character("G"))
        type(&model, "epoch 5000")
        press(&model, .enter)
        XCTAssertEqual(model.status, "epoch 5000 is not trained yet: epochs 1–1001 (e trains more)")
        // Esc cancels, Backspace edits
        press(&model, .character("G"))
        type(&model, "e 77")
        press(&model, .backspace)
        XCTAssertEqual(model.overlay, .goToPrompt("e 7"))
        press(&model, .escape)
        XCTAssertNil(model.overlay)
        XCTAssertEqual(model.timeline.position, here)
    }

    /// `e` then Enter trains the default 1000; typed digits replace it, 10000 included.
    func testSkipPromptDefaultAndTypedNumbers() throws {
        var model = try TutorUpdateTests.twoTwoTwo()
        press(&model, .character("e"), .enter)
        XCTAssertEqual(model.timeline.position?.step, 1000)
        model = try TutorUpdateTests.twoTwoTwo()
        press(&model, .character("e"))
        type(&model, "10000")
        XCTAssertEqual(model.overlay, .skipPrompt("10000"))
        press(&model, .enter)
        XCTAssertEqual(model.timeline.position?.step, 10000)
    }

    func testMarkShowsEachChangeSinceItAndMComesBack() throws {
        var model = try TutorUpdateTests.twoTwoTwo(width: 120, height: 40)
        press(&model, .character("M"))
        XCTAssertEqual(model.status, model.text.noMark)
        press(&model, .character("e"))
        type(&model, "10")
        press(&model, .enter)
        press(&model, .right, times: 3)
        let marked = model.timeline.position
        press(&model, .character("m"))
        XCTAssertEqual(model.status, model.text.marked)
        XCTAssertTrue(view(model).description.contains("Δ mark"))
        press(&model, .character("G"))
        type(&model, "epoch 3")
        press(&model, .enter)
        let w5 = ParameterRef.weight(layer: 1, to: 0, from: 0)
        let change = model.timeline.shownValue(of: w5) - model.timeline.mark!.parameters[w5]
        XCTAssertEqual(model.timeline.changeSinceMark(of: w5), change)
        let words = model.words(width: 80)
        let shown = (change > 0 ? "↑" : "↓") + words.format(abs(change))
        XCTAssertTrue(view(model).lines.contains { $0.contains("w₅") && $0.contains(shown) }, shown)
        XCTAssertTrue(view(model).line(1).contains("◆"), "the mark on the run bar")
        press(&model, .character("M"))
        XCTAssertEqual(model.timeline.position, marked)
        XCTAssertEqual(model.status, model.text.backAtMark)
        press(&model, .character("m"))
        XCTAssertNil(model.timeline.mark, "m on the marked step removes the mark")
        XCTAssertTrue(view(model).description.contains("change"))
    }

    func testRunBarAndLossCursor() throws {
        var model = try TutorUpdateTests.twoTwoTwo(width: 120, height: 40)
        press(&model, .character("e"))
        type(&model, "1000")
        press(&model, .enter)
        var bar = view(model).line(1)
        XCTAssertTrue(bar.contains("reached epoch 1001"), bar)
        XCTAssertTrue(bar.contains(" 1001 "), "trained past the configured 1000 epochs: the axis ends at 1001: " + bar)
        press(&model, .character("G"))
        type(&model, "epoch 1")
        press(&model, .enter)
        bar = view(model).line(1)
        let cursor = Array(bar).firstIndex(of: "●")!
        let trainedEnd = Array(bar).lastIndex(of: "━")!
        XCTAssertLessThan(cursor, trainedEnd, "the screen is at the start of what is trained")
        // the loss curve runs over the whole run, the cursor at epoch 0
        XCTAssertEqual(model.timeline.lossCurve(maxPoints: 2000).values.count, 1001)
        XCTAssertEqual(model.timeline.lossCurve(maxPoints: 400).values.count, 335, "spans of 3 epochs, then the newest update")
        XCTAssertEqual(model.timeline.shownEpochs, 0)
    }

    /// With mini-batches the curve has a point per update from the first update on.
    func testMiniBatchLossPointsPerUpdateThenPerEpoch() throws {
        var t = try Timeline(trainer: TutorRunKeysTests.shuffledMiniBatches())
        XCTAssertTrue(t.lossCurve(maxPoints: 100).values.isEmpty)
        t.next()
        let first = t.currentTrace!.batchLoss
        t.forward(by: .update)
        let early = t.lossCurve(maxPoints: 100)
        XCTAssertEqual(early.values, [first, t.currentTrace!.batchLoss], "one point per update, before the first epoch ends")
        XCTAssertEqual(early.positions, [0, 1.0 / Double(t.batchesPerEpoch)])
        t.skip(epochs: 60)      // 240 updates: more than fit in 100 points; 60 epochs do
        let late = t.lossCurve(maxPoints: 100)
        XCTAssertEqual(late.values.count, 61)
        for (k, v) in t.live.epochLosses.enumerated() {
            XCTAssertEqual(late.values[k], v, accuracy: 1e-12, "epoch \(k + 1): the mean of its batch losses")
        }
    }

    static func shuffledMiniBatches() throws -> Trainer {
        let x = (0..<10).map { k in [Double(k) / 10, Double(k % 3) / 3] }
        let y = (0..<10).map { k in [Double(k % 2)] }
        var net = try Network(layerSizes: [2, 3, 1], activations: [.tanh, .sigmoid], biasMode: .trainable,
                              initialization: .xavier, seed: 3)
        net.set(.bias(layer: 0, neuron: 0), to: 0.1)
        return try Trainer(network: net, config: TrainingConfig(loss: .bce, optimizer: .sgd, learningRate: 0.3, batchSize: 3,
                                                                shuffle: true, shuffleSeed: 5),
                           data: Dataset(inputs: x, targets: y))
    }
}

extension TutorModel {
    /// The screen without the run bar and the loss panel's chart, which show the whole run (so
    /// they gain what was trained since): the numbers of the step on screen, the loss in the
    /// panel's title among them.
    var screenOutsideTheRun: [String] {
        let buffer = view(self)
        let area = Rect(x: 0, y: 2, width: width, height: height - 3)
        let loss = layout(area).loss
        return buffer.lines.enumerated().map { y, line in
            guard y != 1 else { return "" }
            guard y > loss.y && y < loss.bottom else { return line }
            return String(Array(line).enumerated().map { x, c in x >= loss.x && x < loss.right ? " " : c })
        }
    }
}
