import BackpropEngine
import TutorFiles
import XCTest
@testable import TerminalUI

/// The playground gets its checks, gradient norms, accuracy and loss curves from the engine
/// (issue 14), not from copies of its own.
final class PlaygroundEngineTests: XCTestCase {
    private func model(_ change: (inout PlaySettings) -> Void = { _ in }) throws -> PlayModel {
        var settings = PlaySettings(source: .toy(.spiral))
        change(&settings)
        return try PlayModel(settings: settings, table: nil, width: 120, height: 40, unicode: true, theme: .mono)
    }

    func testSettingsTheEngineRefusesAreErrors() {
        // values the playground's own keys never produce; the engine refuses them all the same
        XCTAssertThrowsError(try model { $0.learningRate = 0 }) { XCTAssertEqual($0 as? EngineError, .learningRate(0)) }
        XCTAssertThrowsError(try model { $0.batchSize = -3 }) { XCTAssertEqual($0 as? EngineError, .batchSize(-3)) }
        XCTAssertThrowsError(try model { $0.l2 = -1 }) { XCTAssertEqual($0 as? EngineError, .weightDecay(-1)) }
        // a live change goes through Trainer.reconfigure, which checks it as well
        var run = try! model().main
        var bad = run.trainer.config
        bad.learningRate = .infinity
        XCTAssertThrowsError(try run.trainer.reconfigure(bad))
    }

    func testGradientNormsAreTheLessonsDefinition() throws {
        var m = try model()
        var trainer = m.main.trainer
        trainer.train(epochs: 5)
        m.runs = [PlayRun(trainer: trainer)]
        let g = Trainer.gradient(of: trainer.network, on: trainer.data, loss: trainer.config.loss,
                                 reduction: trainer.config.reduction)
        XCTAssertEqual(m.main.gradientNorms, GradientNorms.perLayer(g))
        // the biases are left out: with them the norms are larger (the spiral's biases have a gradient)
        let withBiases = g.weights.indices.map { l in
            (g.weights[l].reduce(0) { $0 + $1 * $1 } + g.biases[l].reduce(0) { $0 + $1 * $1 }).squareRoot()
        }
        XCTAssertTrue(zip(withBiases, m.main.gradientNorms).allSatisfy { $0 > $1 })
    }

    func testAccuracyIsTheEnginesOneOutputRule() throws {
        var trainer = try model().main.trainer
        trainer.train(epochs: 20)
        let run = PlayRun(trainer: trainer)
        let expected = ClassifiedSet(network: trainer.network, data: trainer.testData!)
        XCTAssertEqual(run.evaluation.testAccuracy, expected.accuracy)
        XCTAssertEqual(run.evaluation.confusion, expected.confusion)
        // one sigmoid output: two classes by the 0.5 threshold, not an argmax that is always 0
        XCTAssertEqual(run.evaluation.confusion.count, 2)
        XCTAssertTrue(run.evaluation.predictions.contains(1) && run.evaluation.predictions.contains(0))
    }

    func testLossCurvesGoOnAcrossChunksAndTheTrainerKeepsNone() throws {
        let m = try model()
        var run = m.main
        var all: [Double] = []
        for _ in 0..<3 {
            var t = run.trainer
            t.train(epochs: 4)
            all += Array(t.epochLosses)
            run = PlayRun(trainer: t, continuing: run)
            XCTAssertTrue(run.trainer.epochLosses.isEmpty)
        }
        XCTAssertEqual(run.trainer.epoch, 12)
        XCTAssertEqual(run.trainLosses.count, 12)
        XCTAssertEqual(run.trainLosses.curve.values, all)
        XCTAssertEqual(run.trainLosses.curve.positions, (0..<12).map(Double.init))
        XCTAssertEqual(run.testLosses.count, 12)
    }
}
