import BackpropEngine
@testable import EventWords

/// The networks the tests put into words.
enum TestNetworks {
    /// The classic 2-2-2 worked example (Mazur, "A Step by Step Backpropagation Example").
    static func workedExample() throws -> Trainer {
        let net = try Network(layerSizes: [2, 2, 2], activations: [.sigmoid, .sigmoid], biasMode: .frozen,
                              weights: [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
                              biases: [[0.35, 0.35], [0.60, 0.60]])
        let config = TrainingConfig(loss: .halfSSE, reduction: .sum, optimizer: .sgd, learningRate: 0.5)
        return try Trainer(network: net, config: config, data: Dataset(inputs: [[0.05, 0.10]], targets: [[0.01, 0.99]]))
    }

    /// 3-4-1, tanh then identity, mse averaged over a batch of 4, trainable biases, momentum.
    static func regression() throws -> Trainer {
        let net = try Network(layerSizes: [3, 4, 1], activations: [.tanh, .identity], biasMode: .trainable,
                              initialization: .xavier, seed: 7)
        let config = TrainingConfig(loss: .mse, reduction: .mean, optimizer: .momentum(mu: 0.9), learningRate: 0.1,
                                    batchSize: 4)
        let inputs = [[0.1, -0.2, 0.3], [0.5, 0.4, -0.1], [-0.3, 0.8, 0.2], [0.9, -0.7, 0.6]]
        return try Trainer(network: net, config: config, data: Dataset(inputs: inputs, targets: [[0.2], [-0.1], [0.4], [0.0]]))
    }

    /// 2-3-3-3: a ReLU and a leaky-ReLU hidden layer, softmax outputs, cross-entropy.
    static func classifier() throws -> Trainer {
        let net = try Network(layerSizes: [2, 3, 3, 3], activations: [.relu, .leakyRelu, .softmax], biasMode: .trainable,
                              initialization: .he, seed: 3)
        let config = TrainingConfig(loss: .crossEntropy, reduction: .mean, optimizer: .sgd, learningRate: 0.2)
        let inputs = [[1.0, -1.0], [-0.5, 0.5], [0.2, 0.9]]
        let targets = [[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0]]
        return try Trainer(network: net, config: config, data: Dataset(inputs: inputs, targets: targets))
    }

    /// 2-2-1 sigmoid with binary cross-entropy and Adam.
    static func adam() throws -> Trainer {
        let net = try Network(layerSizes: [2, 2, 1], activations: [.sigmoid, .sigmoid], biasMode: .trainable,
                              initialization: .uniform(low: -1, high: 1), seed: 11)
        let config = TrainingConfig(loss: .bce, reduction: .mean, optimizer: .defaultAdam, learningRate: 0.01)
        let inputs = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
        return try Trainer(network: net, config: config, data: Dataset(inputs: inputs, targets: [[0], [1], [1], [0]]))
    }

    /// The worked example with a tight gradient norm limit, so the clipping happens.
    static func clipped() throws -> Trainer {
        var trainer = try workedExample()
        var settings = trainer.config
        settings.clipNorm = 0.05
        try trainer.reconfigure(settings)
        return trainer
    }

    /// A wide first layer: 64 inputs, no biases.
    static func wide() throws -> Trainer {
        let net = try Network(layerSizes: [64, 2, 1], activations: [.relu, .sigmoid], biasMode: .none,
                              initialization: .he, seed: 5)
        let config = TrainingConfig(loss: .halfSSE, reduction: .sum, optimizer: .sgd, learningRate: 0.1)
        let input = (0..<64).map { Double($0) / 64 }
        return try Trainer(network: net, config: config, data: Dataset(inputs: [input], targets: [[1]]))
    }

    static func trace(_ make: () throws -> Trainer) rethrows -> StepTrace {
        var trainer = try make()
        return trainer.recordedStep()!
    }
}

extension String {
    var isPlainASCII: Bool { unicodeScalars.allSatisfy(\.isASCII) }
}
