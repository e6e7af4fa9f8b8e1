import BackpropEngine
import EventWords
@testable import TerminalUI
import TutorFiles
import XCTest

/// The tutor's `update` without a terminal: moving, step sizes, skipping, resizing, settings.
final class TutorUpdateTests: XCTestCase {
    static func twoTwoTwo(width: Int = 100, height: Int = 30, unicode: Bool = true, language: Language = .en) throws -> TutorModel {
        let spec = NetworkSpec(layerSizes: [2, 2, 2], activations: [.sigmoid, .sigmoid], biasMode: .frozen,
                               explicitWeights: [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
                               explicitBiases: [[0.35, 0.35], [0.60, 0.60]])
        let config = TrainingConfig(loss: .halfSSE, reduction: .sum, optimizer: .sgd, learningRate: 0.5)
        let trainer = try Trainer(network: try spec.build(), config: config,
                                  data: Dataset(inputs: [[0.05, 0.10]], targets: [[0.01, 0.99]]))
        return try TutorModel(title: "2-2-2", spec: spec, trainer: trainer, width: width, height: height,
                              language: language, unicode: unicode, theme: .default)
    }

    static func xor(width: Int = 100, height: Int = 30) throws -> TutorModel {
        let spec = NetworkSpec(layerSizes: [3, 4, 1], activations: [.sigmoid, .sigmoid], biasMode: .none, seed: 1)
        let config = TrainingConfig(loss: .halfSSE, reduction: .sum, optimizer: .sgd, learningRate: 0.5)
        let data = Dataset(inputs: [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], targets: [[0], [1], [1], [0]])
        return try TutorModel(title: "xor", spec: spec, trainer: try Trainer(network: try spec.build(), config: config, data: data),
                              width: width, height: height, language: .en, unicode: true, theme: .default)
    }

    func press(_ model: inout TutorModel, _ keys: Key..., times: Int = 1) {
        for _ in 0..<times { for key in keys { update(&model, .key(key)) } }
    }

    func testForwardNThenBackNShowsTheIdenticalScreens() throws {
        var model = try Self.xor()
        press(&model, .right)
        // (the run bar and the loss curve show the whole run, which grows on the way forward)
        var screens: [[String]] = [model.screenOutsideTheRun]
        for _ in 0..<400 {          // more than two whole updates of 165 events
            press(&model, .right)
            screens.append(model.screenOutsideTheRun)
        }
        for k in stride(from: screens.count - 2, through: 0, by: -1) {
            press(&model, .left)
            XCTAssertEqual(model.screenOutsideTheRun, screens[k], "screen \(k) after going back")
        }
    }

    func testClickerKeysMoveLikeArrows() throws {
        var a = try Self.twoTwoTwo(), b = try Self.twoTwoTwo()
        press(&a, .right, times: 5)
        press(&b, .pageDown, times: 5)
        XCTAssertEqual(a.timeline.position, b.timeline.position)
        press(&b, .pageUp, times: 2)
        press(&a, .left, times: 2)
        XCTAssertEqual(a.timeline.position, b.timeline.position)
        XCTAssertEqual(a.timeline.position, .init(step: 0, event: 2))
    }

    func testStepSizes() throws {
        var model = try Self.twoTwoTwo()
        press(&model, .character("]"))
        XCTAssertEqual(model.granularity, .neuron)
        press(&model, .right)   // h1: weighted sum and activation
        XCTAssertEqual(model.timeline.position?.event, 1)
        guard case .activation(let n, _, _, _, _)? = model.timeline.currentEvent?.kind else { return XCTFail() }
        XCTAssertEqual(n, NeuronRef(layer: 1, index: 0))
        press(&model, .right)
        XCTAssertEqual(model.timeline.position?.event, 3, "h2 done")
        press(&model, .character("]"))
        XCTAssertEqual(model.granularity, .layer)
        press(&model, .right)
        XCTAssertEqual(model.timeline.position?.event, 7, "the output layer done")
        press(&model, .character("]"), .character("]"))
        XCTAssertEqual(model.granularity, .sample)
        press(&model, .character("]"))
        XCTAssertEqual(model.granularity, .update)
        press(&model, .right)
        XCTAssertEqual(model.timeline.position, .init(step: 1, event: 0), "first event of the next update")
        press(&model, .left)
        XCTAssertEqual(model.timeline.position, .init(step: 0, event: 0))
        for _ in 0..<10 { press(&model, .character("[")) }
        XCTAssertEqual(model.granularity, .event)
    }

    func testTabJumpsToTheNextPhase() throws {
        var model = try Self.twoTwoTwo()
        press(&model, .right)
        press(&model, .tab)
        XCTAssertEqual(model.timeline.currentEvent?.phase, .loss)
        press(&model, .tab)
        XCTAssertEqual(model.timeline.currentEvent?.phase, .backward)
        press(&model, .tab)
        XCTAssertEqual(model.timeline.currentEvent?.phase, .update)
        press(&model, .backTab)
        XCTAssertEqual(model.timeline.currentEvent?.phase, .backward)
    }

    func testSkipEpochsThenStepAndComeBack() throws {
        var model = try Self.xor()
        press(&model, .right, times: 3)
        let before = model.screenOutsideTheRun
        press(&model, .character("e"), .character("5"), .character("0"), .enter)
        XCTAssertEqual(model.timeline.currentTrace?.epochNumber, 52, "epoch 1 finished, 50 more, now in the next")
        XCTAssertEqual(model.timeline.live.epochLosses.count, 52)
        press(&model, .right)
        XCTAssertEqual(model.timeline.position?.event, 1)
        press(&model, .left, .left)
        XCTAssertEqual(model.timeline.position?.step, 50, "the update before, trained on the fast path, recorded again")
        press(&model, .home)
        XCTAssertNil(model.timeline.position, "Home: the start screen")
        press(&model, .right, times: 3)
        XCTAssertEqual(model.screenOutsideTheRun, before, "the numbers before the skip are still there")
    }

    func testResizeAndTooSmall() throws {
        var model = try Self.twoTwoTwo(width: 100, height: 30)
        update(&model, .resize(width: 60, height: 20))
        XCTAssertTrue(view(model).description.contains("enlarge the window to at least 80x24 (now 60x20)"))
        update(&model, .resize(width: 120, height: 40))
        let screen = view(model)
        XCTAssertEqual(screen.width, 120)
        XCTAssertFalse(screen.description.contains("enlarge"))
    }

    func testLearningRateChangeAppliesFromTheNextUpdate() throws {
        var model = try Self.twoTwoTwo()
        press(&model, .right, times: 5)
        press(&model, .character("c"))
        guard case .settings? = model.overlay else { return XCTFail("settings form opens") }
        press(&model, .right)       // η ×2 = 1.0
        press(&model, .enter)
        XCTAssertNil(model.overlay)
        XCTAssertEqual(model.timeline.live.config.learningRate, 1.0)
        XCTAssertEqual(model.timeline.currentTrace?.before.config.learningRate, 0.5, "the step on screen keeps its η")
        XCTAssertEqual(model.timeline.position, .init(step: 0, event: 4))
    }

    func testArchitectureChangeRestartsWithANewNetwork() throws {
        var model = try Self.twoTwoTwo()
        press(&model, .right, times: 5)
        press(&model, .character("c"), .down, .down, .down)   // hidden layers
        press(&model, .right)                                    // 2 → 3 neurons
        press(&model, .enter)
        XCTAssertEqual(model.timeline.live.network.layerSizes, [2, 3, 2])
        XCTAssertNil(model.timeline.position)
        XCTAssertTrue(model.status?.contains("2-3-2") ?? false, model.status ?? "")
        // the file's weights no longer fit and its title no longer describes the network: both said
        XCTAssertTrue(model.status?.contains("training restarts from random weights (seed 1); the file's weights do not fit") ?? false,
                      model.status ?? "")
        XCTAssertEqual(model.title, "2-3-2 network (changed with c)")
        XCTAssertTrue(view(model).lines[0].contains("2-3-2 network (changed with c)"), view(model).lines[0])
    }

    func testLossAxisKeySaysWhichScale() throws {
        var model = try Self.twoTwoTwo()
        press(&model, .character("g"))
        XCTAssertEqual(model.logScale, true)
        XCTAssertEqual(model.status, "loss axis: logarithmic (g: linear)")
        press(&model, .character("g"))
        XCTAssertEqual(model.status, "loss axis: linear (g: logarithmic)")
    }

    func testDialogsKeepThePanelsFramesAndSayWhatTheyDo() throws {
        var model = try Self.twoTwoTwo()
        let plain = view(model)
        press(&model, .character("e"))
        let dialog = view(model)
        XCTAssertTrue(dialog.description.contains("┌ train many epochs "), dialog.description)
        XCTAssertFalse(dialog.description.contains("one epoch"))
        // the dialog's box, found by its corners
        var corner: (Int, Int)? = nil
        for y in 0..<dialog.height {
            for x in 0..<dialog.width - 2 where corner == nil && dialog[x, y].symbol == "┌" && dialog[x + 2, y].symbol == "t" {
                corner = (x, y)
            }
        }
        let (x0, y0) = try XCTUnwrap(corner)
        var x1 = x0 + 1, y1 = y0 + 1
        while dialog[x1, y0].symbol != "┐" { x1 += 1 }
        while dialog[x0, y1].symbol != "└" { y1 += 1 }
        // every frame cell of the panels in the ring around the box is still drawn
        var lost = 0
        for y in (y0 - 1)...(y1 + 1) {
            for x in (x0 - 1)...(x1 + 1) where (x < x0 || x > x1 || y < y0 || y > y1)
                && "│─┌┐└┘".contains(plain[x, y].symbol) && dialog[x, y].symbol == " " {
                lost += 1
            }
        }
        XCTAssertEqual(lost, 0, "frame cells erased around the dialog:\n\(dialog)")
    }

    func testQuitAndHelp() throws {
        var model = try Self.twoTwoTwo()
        press(&model, .character("?"))
        XCTAssertEqual(model.overlay, .help)
        XCTAssertTrue(view(model).description.contains("PageDown"))
        press(&model, .character("x"))
        XCTAssertNil(model.overlay)
        press(&model, .character("q"))
        XCTAssertTrue(model.quit)
    }

    func testAutoplayTicksMoveOnlyWhenPlaying() throws {
        var model = try Self.twoTwoTwo()
        update(&model, .tick)
        XCTAssertNil(model.timeline.position)
        press(&model, .character("a"))
        update(&model, .tick)
        update(&model, .tick)
        XCTAssertEqual(model.timeline.position, .init(step: 0, event: 1))
    }
}
