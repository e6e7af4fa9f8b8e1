import XCTest
@testable import BackpropEngine

final class DivergenceTests: XCTestCase {
    func testHugeLearningRateIsAReportedStateNotACrash() throws {
        // 2-3-1 tanh/identity regression, sgd η = 1e6: the weights blow up within a few updates
        let x = Fixtures.randomMatrix(rows: 6, cols: 2, low: -1, high: 1, seed: 4)
        let y = x.map { [$0[0] + 2 * $0[1]] }
        var t = try Trainer(network: Fixtures.randomNetwork([2, 3, 1], [.tanh, .identity], seed: 4),
                            config: TrainingConfig(loss: .mse, optimizer: .sgd, learningRate: 1e6, batchSize: 2),
                            data: Dataset(inputs: x, targets: y))
        XCTAssertNil(t.divergence)
        t.train(epochs: 1000)
        let d = try XCTUnwrap(t.divergence)
        XCTAssertTrue(t.hasDiverged)
        XCTAssertLessThan(t.epoch, 1000, "training stops at the divergence")
        XCTAssertEqual(d.update, t.updateCount)
        XCTAssertGreaterThanOrEqual(d.epoch, 1)
        XCTAssertTrue(!d.loss.isFinite
                      || t.network.parameters.allValues.contains { !$0.isFinite })
        // further steps do nothing
        let frozen = t
        t.step()
        XCTAssertNil(t.recordedStep())
        t.train(epochs: 5)
        t.finishEpoch()
        XCTAssertEqual(t.updateCount, frozen.updateCount)
        XCTAssertEqual(t.epoch, frozen.epoch)
        XCTAssertEqual(t.divergence, frozen.divergence)
        // measuring the diverged network does not crash either
        _ = t.loss()
        _ = t.network.predict([0.5, 0.5])
    }

    func testDivergenceWithAdamSoftmaxAndRecordedSteps() throws {
        // recorded steps with a softmax/cross-entropy network and an absurd learning rate: no crash
        let x = Fixtures.randomMatrix(rows: 4, cols: 3, low: -1, high: 1, seed: 6)
        var t = try Trainer(network: Fixtures.randomNetwork([3, 4, 3], [.relu, .softmax], seed: 6),
                            config: TrainingConfig(loss: .crossEntropy, optimizer: .momentum(mu: 0.9), learningRate: 1e300),
                            data: Dataset(inputs: x, targets: Fixtures.oneHot([0, 1, 2, 0], classes: 3)))
        var steps = 0
        while t.recordedStep() != nil && steps < 100 { steps += 1 }
        XCTAssertTrue(t.hasDiverged)
        XCTAssertLessThan(steps, 100)
    }
}

final class LargeNetworkTests: XCTestCase {
    /// 784-128-64-10 relu/softmax, he init, one mini-batch of 32 random samples: 20 updates on it
    /// lower the loss. (About 100k weights; kept small enough for debug builds.)
    func testMNISTSizedNetworkTrainsOneMiniBatch() throws {
        let sizes = [784, 128, 64, 10]
        let net = try Network(layerSizes: sizes, activations: [.relu, .relu, .softmax], biasMode: .trainable,
                              initialization: .he, seed: 2024)
        XCTAssertEqual(net.weights.map(\.count), [784 * 128, 128 * 64, 64 * 10])
        let x = Fixtures.randomMatrix(rows: 32, cols: 784, low: 0, high: 1, seed: 1)
        let labels = (0..<32).map { ($0 * 7) % 10 }
        let data = Dataset(inputs: x, targets: Fixtures.oneHot(labels, classes: 10))
        var t = try Trainer(network: net,
                            config: TrainingConfig(loss: .crossEntropy, optimizer: .sgd, learningRate: 0.03, batchSize: 32),
                            data: data)
        let start = t.loss()
        XCTAssertTrue(start.isFinite)
        t.train(epochs: 20)
        XCTAssertEqual(t.updateCount, 20)
        XCTAssertNil(t.divergence)
        let losses = t.epochLosses
        XCTAssertEqual(losses.count, 20)
        XCTAssertEqual(losses[0], start, accuracy: 1e-12)
        XCTAssertLessThan(t.loss(), 0.5 * start, "20 updates on one batch fit it")
        for k in 1..<losses.count { XCTAssertLessThan(losses[k], losses[k - 1], "update \(k + 1)") }
        for row in t.network.predict(batch: Array(x.prefix(3))) {
            XCTAssertEqual(row.count, 10)
            XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-12)
        }
    }
}
