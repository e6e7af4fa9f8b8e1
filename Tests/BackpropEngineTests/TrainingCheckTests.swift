import XCTest
@testable import BackpropEngine

/// `Trainer.init` and `Trainer.reconfigure` check the settings, the data and the targets through
/// `TrainingConfig.check` and throw (issue 14: before, these rules lived only in the file loader, and
/// another caller reached a trap or a read past a row's end inside the hot loops).
final class TrainingCheckTests: XCTestCase {
    /// 2-3-2 softmax network and two one-hot samples.
    private func softmaxNet() throws -> Network {
        try Network(layerSizes: [2, 3, 2], activations: [.tanh, .softmax], biasMode: .trainable,
                    initialization: .xavier, seed: 1)
    }
    private let data = Dataset(inputs: [[0, 1], [1, 0]], targets: [[1, 0], [0, 1]])

    private func refusal(_ config: TrainingConfig, network: Network? = nil, data: Dataset? = nil,
                         test: Dataset? = nil) throws -> EngineError? {
        let net = try network ?? softmaxNet()
        do {
            _ = try Trainer(network: net, config: config, data: data ?? self.data, testData: test)
            return nil
        } catch {
            return error
        }
    }

    private let ce = TrainingConfig(loss: .crossEntropy)

    func testAGoodConfigurationTrains() throws {
        XCTAssertNil(try refusal(ce))
        var t = try Trainer(network: try softmaxNet(), config: ce, data: data)
        t.train(epochs: 3)
        XCTAssertEqual(t.epoch, 3)
    }

    func testLossAndOutputActivationMustFit() throws {
        // softmax trained with mse: the backward pass has no elementwise softmax derivative (a trap before)
        XCTAssertEqual(try refusal(TrainingConfig(loss: .mse)), .softmaxNeedsCrossEntropy(loss: .mse))
        XCTAssertEqual(try refusal(TrainingConfig(loss: .bce)), .lossNeedsOutput(loss: .bce, needed: .sigmoid, got: .softmax))
        let sigmoid = try Network(layerSizes: [2, 2], activations: [.sigmoid], biasMode: .trainable,
                                  initialization: .xavier, seed: 1)
        XCTAssertEqual(try refusal(ce, network: sigmoid), .lossNeedsOutput(loss: .crossEntropy, needed: .softmax, got: .sigmoid))
        XCTAssertEqual(try refusal(ce, network: sigmoid)?.description,
                       "loss \"cross-entropy\" needs a softmax output layer, got sigmoid")
    }

    func testSettingsOutOfRange() throws {
        func with(_ change: (inout TrainingConfig) -> Void) -> TrainingConfig {
            var c = ce
            change(&c)
            return c
        }
        XCTAssertEqual(try refusal(with { $0.learningRate = 0 }), .learningRate(0))
        XCTAssertEqual(try refusal(with { $0.learningRate = -0.5 }), .learningRate(-0.5))
        XCTAssertEqual(try refusal(with { $0.learningRate = .infinity }), .learningRate(.infinity))
        guard case .learningRate(let v)? = try refusal(with({ $0.learningRate = .nan })), v.isNaN else {
            return XCTFail("a NaN learning rate was accepted")
        }
        XCTAssertEqual(try refusal(with { $0.batchSize = -1 }), .batchSize(-1))
        XCTAssertEqual(try refusal(with { $0.epochs = 0 }), .epochs(0))
        XCTAssertEqual(try refusal(with { $0.clipNorm = 0 }), .clipNorm(0))
        XCTAssertEqual(try refusal(with { $0.weightDecay = -1e-3 }), .weightDecay(-1e-3))
        XCTAssertEqual(try refusal(with { $0.optimizer = .momentum(mu: 1) }), .optimizerParameter(name: "momentum", value: 1))
        XCTAssertEqual(try refusal(with { $0.optimizer = .adam(beta1: 0.9, beta2: 1.5, epsilon: 1e-8) }),
                       .optimizerParameter(name: "beta2", value: 1.5))
        XCTAssertEqual(try refusal(with { $0.optimizer = .adam(beta1: -0.1, beta2: 0.999, epsilon: 1e-8) }),
                       .optimizerParameter(name: "beta1", value: -0.1))
        XCTAssertEqual(try refusal(with { $0.optimizer = .adam(beta1: 0.9, beta2: 0.999, epsilon: 0) }),
                       .optimizerParameter(name: "epsilon", value: 0))
        // the edges that are allowed
        XCTAssertNil(try refusal(with { $0.batchSize = 0; $0.epochs = 1; $0.weightDecay = 0; $0.optimizer = .momentum(mu: 0) }))
    }

    func testDataMustFitTheNetwork() throws {
        // a row of 3 inputs for a 2-input network: the gather copied 2 of them before; a row of 1 read past its end
        let wide = Dataset(inputs: [[0, 1], [1, 0, 5]], targets: data.targets)
        XCTAssertEqual(try refusal(ce, data: wide), .inputWidth(part: .training, sample: 1, expected: 2, got: 3))
        let short = Dataset(inputs: [[0], [1, 0]], targets: data.targets)
        XCTAssertEqual(try refusal(ce, data: short), .inputWidth(part: .training, sample: 0, expected: 2, got: 1))
        let targets = Dataset(inputs: data.inputs, targets: [[1, 0], [0, 0, 1]])
        XCTAssertEqual(try refusal(ce, data: targets), .targetWidth(part: .training, sample: 1, expected: 2, got: 3))
        XCTAssertEqual(try refusal(ce, test: short), .inputWidth(part: .test, sample: 0, expected: 2, got: 1))
        XCTAssertEqual(try refusal(ce, data: Dataset(inputs: [], targets: [])), .noTrainingData)
        // an empty test set is no test set
        XCTAssertNil(try refusal(ce, test: Dataset(inputs: [], targets: [])))
    }

    func testTargetsMustFitTheLoss() throws {
        let notOneHot = Dataset(inputs: data.inputs, targets: [[1, 0], [0.5, 0.6]])
        XCTAssertEqual(try refusal(ce, data: notOneHot), .targetsNotDistributions(part: .training, sample: 1))
        let negative = Dataset(inputs: data.inputs, targets: [[1.5, -0.5], [0, 1]])
        XCTAssertEqual(try refusal(ce, test: negative), .targetsNotDistributions(part: .test, sample: 0))
        // probabilities that sum to 1 are fine
        XCTAssertNil(try refusal(ce, data: Dataset(inputs: data.inputs, targets: [[0.25, 0.75], [1, 0]])))
        let sigmoid = try Network(layerSizes: [2, 1], activations: [.sigmoid], biasMode: .trainable,
                                  initialization: .xavier, seed: 1)
        let two = Dataset(inputs: data.inputs, targets: [[1], [2]])
        XCTAssertEqual(try refusal(TrainingConfig(loss: .bce), network: sigmoid, data: two),
                       .targetsOutsideZeroOne(part: .training, sample: 1))
        // mse takes any finite targets
        XCTAssertNil(try refusal(TrainingConfig(loss: .mse), network: sigmoid, data: two))
    }

    func testReconfigureChecksAndChangesNothingOnAnError() throws {
        var t = try Trainer(network: try softmaxNet(), config: ce, data: data)
        var bad = ce
        bad.learningRate = -1
        XCTAssertThrowsError(try t.reconfigure(bad)) { XCTAssertEqual($0 as? EngineError, .learningRate(-1)) }
        bad = ce
        bad.loss = .mse
        XCTAssertThrowsError(try t.reconfigure(bad)) { XCTAssertEqual($0 as? EngineError, .softmaxNeedsCrossEntropy(loss: .mse)) }
        XCTAssertEqual(t.config, ce)
        var good = ce
        good.learningRate = 0.5
        good.optimizer = .defaultAdam
        try t.reconfigure(good)
        XCTAssertEqual(t.config, good)
        // a new loss is checked against the targets
        let sigmoid = try Network(layerSizes: [2, 1], activations: [.sigmoid], biasMode: .trainable,
                                  initialization: .xavier, seed: 1)
        var s = try Trainer(network: sigmoid, config: TrainingConfig(loss: .mse), data: Dataset(inputs: data.inputs, targets: [[1], [3]]))
        XCTAssertThrowsError(try s.reconfigure(TrainingConfig(loss: .bce))) {
            XCTAssertEqual($0 as? EngineError, .targetsOutsideZeroOne(part: .training, sample: 1))
        }
    }
}
