import BackpropEngine
import XCTest
@testable import TutorFiles

final class LoadingTests: XCTestCase {
    func testTwoTwoTwoWorkedExample() throws {
        let file = try NetworkFile.load(path: lessonsDirectory + "/two-two-two.toml")
        XCTAssertEqual(file.title, "Two inputs, two hidden, two outputs")
        XCTAssertEqual(file.spec.layerSizes, [2, 2, 2])
        XCTAssertEqual(file.spec.activations, [.sigmoid, .sigmoid])
        XCTAssertEqual(file.spec.biasMode, .frozen)
        XCTAssertEqual(file.spec.seed, 1)
        XCTAssertEqual(file.spec.explicitWeights, [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]])
        XCTAssertEqual(file.spec.explicitBiases, [[0.35, 0.35], [0.60, 0.60]])
        XCTAssertEqual(file.network.nestedWeights, file.spec.explicitWeights)
        XCTAssertEqual(file.network.biases, [[0.35, 0.35], [0.60, 0.60]])
        XCTAssertEqual(file.network, try file.spec.build())
        XCTAssertEqual(file.training, TrainingConfig(loss: .halfSSE, reduction: .sum, optimizer: .sgd, learningRate: 0.5,
                                                     batchSize: 0, shuffle: false, epochs: 10000, shuffleSeed: 1))
        XCTAssertEqual(file.data, Dataset(inputs: [[0.05, 0.10]], targets: [[0.01, 0.99]]))
        XCTAssertNil(file.testData)
        XCTAssertNil(file.classCount)
        XCTAssertNil(file.classNames)
        // the forward pass of the worked example
        let out = file.network.predict([0.05, 0.10])
        XCTAssertEqual(out[0], 0.75136507, accuracy: 1e-8)
        XCTAssertEqual(out[1], 0.772928465, accuracy: 1e-8)
    }

    func testDefaults() throws {
        let file = try parse(minimalNetwork, path: "lessons/xor.toml")
        XCTAssertEqual(file.title, "xor")
        XCTAssertEqual(file.spec.activations, [.sigmoid, .sigmoid])
        XCTAssertEqual(file.spec.leakySlope, 0.01)
        XCTAssertEqual(file.spec.biasMode, .trainable)
        XCTAssertEqual(file.spec.initialization, .xavier)
        XCTAssertEqual(file.spec.seed, 1)
        XCTAssertNil(file.spec.explicitWeights)
        XCTAssertEqual(file.training, TrainingConfig(loss: .mse, reduction: .mean, optimizer: .sgd, learningRate: 0.1,
                                                     batchSize: 0, shuffle: false, epochs: 1000, clipNorm: nil,
                                                     weightDecay: 0, shuffleSeed: 1))
        // seeded random weights, zero biases, the same every time
        XCTAssertEqual(file.network, try Network(layerSizes: [2, 2, 1], activations: [.sigmoid, .sigmoid],
                                                 biasMode: .trainable, initialization: .xavier, seed: 1))
        XCTAssertEqual(file.network, try parse(minimalNetwork).network)
        XCTAssertEqual(file.data.targets, [[0], [1], [1], [0]])
    }

    func testEveryKeyAndIntegersAsFloats() throws {
        let file = try parse("""
            title = "All keys"
            [network]
            layers = [3, 4, 2]
            activation = "leaky-relu"
            output_activation = "identity"
            leaky_slope = 0
            bias = "none"
            init = "uniform"
            init_range = [-2, 2]
            seed = 42
            [training]
            loss = "mse"
            reduction = "sum"
            optimizer = "adam"
            beta1 = 0
            beta2 = 0.5
            epsilon = 1
            learning_rate = 1
            batch_size = 2
            shuffle = true
            epochs = 5.0
            clip_norm = 3
            weight_decay = 1
            [data]
            inputs = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
            targets = [[1, 0], [0, 1], [1, 1]]
            """)
        XCTAssertEqual(file.spec.activations, [.leakyRelu, .identity])
        XCTAssertEqual(file.spec.leakySlope, 0)
        XCTAssertEqual(file.spec.biasMode, .none)
        XCTAssertEqual(file.spec.initialization, .uniform(low: -2, high: 2))
        XCTAssertEqual(file.spec.seed, 42)
        XCTAssertEqual(file.training, TrainingConfig(loss: .mse, reduction: .sum,
                                                     optimizer: .adam(beta1: 0, beta2: 0.5, epsilon: 1), learningRate: 1,
                                                     batchSize: 2, shuffle: true, epochs: 5, clipNorm: 3,
                                                     weightDecay: 1, shuffleSeed: 42))
        XCTAssertEqual(file.data.inputs[2], [7, 8, 9])
    }

    func testReluDefaultsToHeAndMomentumDefault() throws {
        let file = try parse("""
            [network]
            layers = [1, 3, 1]
            activation = "relu"
            output_activation = "identity"
            [training]
            optimizer = "momentum"
            [data]
            inputs = [[1], [2]]
            targets = [2, 4]
            """)
        XCTAssertEqual(file.spec.initialization, .he)
        XCTAssertEqual(file.training.optimizer, .momentum(mu: 0.9))
        XCTAssertEqual(file.data.targets, [[2], [4]], "single numbers for a one-neuron output")
    }

    func testClassIndicesBecomeOneHotAndSoftmaxDefaultsToCrossEntropy() throws {
        let file = try parse("""
            [network]
            layers = [2, 3]
            activation = "softmax"
            [data]
            inputs = [[0, 0], [1, 0], [0, 1]]
            targets = [0, 2, 1]
            classes = 3
            class_names = ["red", "green", "blue"]
            """)
        XCTAssertEqual(file.spec.activations, [.softmax])
        XCTAssertEqual(file.training.loss, .crossEntropy)
        XCTAssertEqual(file.data.targets, [[1, 0, 0], [0, 0, 1], [0, 1, 0]])
        XCTAssertEqual(file.classCount, 3)
        XCTAssertEqual(file.classNames, ["red", "green", "blue"])
    }

    func testBiasesWithoutWeights() throws {
        let file = try parse(minimalNetwork.replacingOccurrences(of: "layers = [2, 2, 1]",
                                                                  with: "layers = [2, 2, 1]\nbiases = [[1, 2], [3]]"))
        XCTAssertEqual(file.network.biases, [[1, 2], [3]])
        XCTAssertEqual(file.network.weights, try Network(layerSizes: [2, 2, 1], activations: [.sigmoid, .sigmoid],
                                                         biasMode: .trainable, initialization: .xavier, seed: 1).weights)
    }

    func testInlineSplitAndScale() throws {
        let file = try parse(minimalSplitText(seed: 7))
        XCTAssertEqual(file.data.count, 8)
        XCTAssertEqual(file.testData?.count, 2)
        // the pairs stay together, every sample is used once
        let all = file.data.targets + file.testData!.targets
        XCTAssertEqual(Set(all.map { $0[0] }), Set((0...9).map(Double.init)))
        // scaled with the training part's min and max
        let trainTargets = file.data.targets.map { $0[0] }
        let lo = trainTargets.min()!, hi = trainTargets.max()!
        for (x, t) in zip(file.data.inputs, file.data.targets) { XCTAssertEqual(x[0], (t[0] - lo) / (hi - lo), accuracy: 1e-12) }
        XCTAssertEqual(file.data.inputs.map { $0[0] }.min(), 0)
        XCTAssertEqual(file.data.inputs.map { $0[0] }.max(), 1)
        // the same seed, the same split
        XCTAssertEqual(try parse(minimalSplitText(seed: 7)).testData, file.testData)
        XCTAssertNotEqual(try parse(minimalSplitText(seed: 8)).testData, file.testData)
    }

    private func minimalSplitText(seed: Int) -> String {
        """
        [network]
        layers = [1, 1]
        activation = "identity"
        seed = \(seed)
        [data]
        inputs = [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9]]
        targets = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
        test_fraction = 0.2
        scale = "minmax"
        """
    }

    func testStandardScaling() throws {
        let file = try parse("""
            [network]
            layers = [2, 1]
            activation = "identity"
            [data]
            inputs = [[1, 5], [3, 5]]
            targets = [0, 1]
            scale = "standard"
            """)
        XCTAssertEqual(file.data.inputs, [[-1, 0], [1, 0]], "a constant column becomes 0")
    }
}
