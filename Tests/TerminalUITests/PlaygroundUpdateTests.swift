import BackpropEngine
import TutorFiles
import XCTest
@testable import TerminalUI

/// The playground's pure update: keys change settings and say what the trainer thread must do.
final class PlaygroundUpdateTests: XCTestCase {
    func model(_ source: PlayDataSource = .toy(.spiral), table: PlayTable? = nil) throws -> PlayModel {
        try PlayModel(settings: PlaySettings(source: source), table: table, width: 120, height: 40,
                      unicode: true, theme: .mono)
    }

    func testStartsWithOneFreshRun() throws {
        let m = try model()
        XCTAssertEqual(m.runs.count, 1)
        XCTAssertEqual(m.main.trainer.epoch, 0)
        XCTAssertEqual(m.main.trainer.network.layerSizes, [2, 8, 8, 1])
        XCTAssertEqual(m.main.trainer.config.loss, .bce)
        XCTAssertEqual(m.data.train.count + m.data.test.count, 240)
        XCTAssertEqual(m.main.gradientNorms.count, 3)
    }

    func testLearningRateChangesLiveWithoutRestart() throws {
        var m = try model()
        m.selected = .learningRate
        let commands = update(&m, .key(.right))
        XCTAssertEqual(commands, [.configure])
        XCTAssertEqual(m.settings.learningRate, 0.1)
        XCTAssertEqual(m.main.trainer.config.learningRate, 0.1)
        XCTAssertEqual(m.generation, 0)
    }

    func testTypedValue() throws {
        var m = try model()
        m.selected = .learningRate
        XCTAssertEqual(update(&m, .key(.enter)), [])
        for c in "0.5" { _ = update(&m, .key(.character(c))) }
        XCTAssertEqual(m.editing, "0.5")
        XCTAssertEqual(update(&m, .key(.enter)), [.configure])
        XCTAssertEqual(m.settings.learningRate, 0.5)
        XCTAssertNil(m.editing)
        // a bad value is refused with a message
        _ = update(&m, .key(.enter))
        _ = update(&m, .key(.character("x")))
        XCTAssertEqual(update(&m, .key(.enter)), [])
        XCTAssertEqual(m.settings.learningRate, 0.5)
        XCTAssertNotNil(m.status)
    }

    func testArchitectureChangesRestart() throws {
        var m = try model()
        XCTAssertEqual(update(&m, .key(.character("]"))), [.restart])
        XCTAssertEqual(m.main.trainer.network.layerSizes, [2, 8, 8, 8, 1])
        XCTAssertEqual(m.generation, 1)
        m.selected = .hidden
        XCTAssertEqual(update(&m, .key(.left)), [.restart])
        XCTAssertEqual(m.settings.hidden, [8, 8, 7])
        _ = update(&m, .key(.character("[")))
        XCTAssertEqual(m.main.trainer.network.layerSizes, [2, 8, 8, 1])
    }

    func testPlayPauseEpochReset() throws {
        var m = try model()
        XCTAssertEqual(update(&m, .key(.character(" "))), [.setRunning(true)])
        XCTAssertTrue(m.running)
        XCTAssertEqual(update(&m, .key(.character("n"))), [.setRunning(false), .trainEpoch])
        XCTAssertFalse(m.running)
        XCTAssertEqual(update(&m, .key(.character("r"))), [.restart])
        XCTAssertEqual(m.generation, 1)
    }

    func testSnapshotsOfOldSettingsAreIgnored() throws {
        var m = try model()
        var trainer = m.main.trainer
        trainer.train(epochs: 3)
        _ = update(&m, .snapshot(PlaySnapshot(generation: 5, runs: [PlayRun(trainer: trainer)])))
        XCTAssertEqual(m.main.trainer.epoch, 0)
        _ = update(&m, .snapshot(PlaySnapshot(generation: 0, runs: [PlayRun(trainer: trainer)])))
        XCTAssertEqual(m.main.trainer.epoch, 3)
        XCTAssertEqual(m.main.trainLosses.count, 3)
        XCTAssertTrue(m.main.trainer.epochLosses.isEmpty, "the curves hold the losses, the trainer none")
    }

    func testCompareRunsThreeOptimizers() throws {
        var m = try model()
        m.selected = .optimizer
        XCTAssertEqual(update(&m, .key(.character("c"))), [.restart])
        XCTAssertEqual(m.runs.map(\.trainer.config.optimizer.name), ["sgd", "momentum", "adam"])
        XCTAssertEqual(m.variants.map(\.name), ["sgd", "momentum", "adam"])
        // the same start for every run
        XCTAssertEqual(m.runs[0].trainer.network, m.runs[2].trainer.network)
        _ = update(&m, .key(.character("c")))
        XCTAssertEqual(m.runs.count, 1)
    }

    func testCompareLearningRates() throws {
        var m = try model()
        m.selected = .learningRate
        _ = update(&m, .key(.character("c")))
        XCTAssertEqual(m.runs.map(\.trainer.config.learningRate), [0.003, 0.03, 0.3].map { $0 }, accuracy: 1e-15)
    }

    func testSwitchingToDigitsChangesTheTask() throws {
        var m = try model()
        m.selected = .data
        for _ in 0..<6 { _ = update(&m, .key(.right)) }
        XCTAssertEqual(m.settings.source, .builtin(.digits))
        XCTAssertEqual(m.data.task, .classes(10))
        XCTAssertTrue(m.data.isDigits)
        XCTAssertEqual(m.settings.loss, .crossEntropy)
        XCTAssertEqual(m.main.trainer.network.layerSizes, [64, 8, 8, 10])
        XCTAssertEqual(m.main.trainer.network.activations.last, .softmax)
    }

    func testSavePrompt() throws {
        var m = try model()
        _ = update(&m, .key(.character("s")))
        XCTAssertEqual(m.savePrompt, "playground.toml")
        for c in "net" { _ = update(&m, .key(.character(c))) }
        XCTAssertEqual(update(&m, .key(.enter)), [.save(path: "net.toml")])
        _ = update(&m, .saved(path: "net.toml", error: nil))
        XCTAssertTrue(m.status?.contains("saved net.toml") ?? false)
    }

    func testStepInAndQuit() throws {
        var m = try model()
        _ = update(&m, .key(.character(" ")))
        XCTAssertEqual(update(&m, .key(.character("i"))), [.setRunning(false), .stepIn])
        _ = update(&m, .key(.character("q")))
        XCTAssertTrue(m.quit)
    }
}

private func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
