import XCTest
@testable import BackpropEngine

/// The classic 2-2-2 worked example (Mazur, "A Step by Step Backpropagation Example"):
/// its published numbers were computed by hand, independently of this engine.
final class WorkedExampleTests: XCTestCase {
    func makeTrainer() throws -> Trainer {
        let net = try Network(layerSizes: [2, 2, 2], activations: [.sigmoid, .sigmoid], biasMode: .frozen,
                              weights: [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
                              biases: [[0.35, 0.35], [0.60, 0.60]])
        let config = TrainingConfig(loss: .halfSSE, reduction: .sum, optimizer: .sgd, learningRate: 0.5)
        return try Trainer(network: net, config: config, data: Dataset(inputs: [[0.05, 0.10]], targets: [[0.01, 0.99]]))
    }

    func testForwardLossAndUpdatedWeightsMatchThePublishedExample() throws {
        var trainer = try makeTrainer()
        let trace = try XCTUnwrap(trainer.recordedStep())
        XCTAssertEqual(trace.weightedSum(sample: 0, layer: 1, neuron: 0), 0.3775, accuracy: 1e-12)
        XCTAssertEqual(trace.activation(sample: 0, layer: 1, neuron: 0), 0.593269992, accuracy: 1e-9)
        XCTAssertEqual(trace.activation(sample: 0, layer: 1, neuron: 1), 0.596884378, accuracy: 1e-9)
        XCTAssertEqual(trace.activation(sample: 0, layer: 2, neuron: 0), 0.75136507, accuracy: 1e-8)
        XCTAssertEqual(trace.activation(sample: 0, layer: 2, neuron: 1), 0.772928465, accuracy: 1e-9)
        XCTAssertEqual(trace.batchLoss, 0.298371109, accuracy: 1e-9)
        let w = trainer.network
        XCTAssertEqual(w.weight(layer: 1, to: 0, from: 0), 0.35891648, accuracy: 1e-8)   // w5
        XCTAssertEqual(w.weight(layer: 1, to: 0, from: 1), 0.408666186, accuracy: 1e-9)  // w6
        XCTAssertEqual(w.weight(layer: 1, to: 1, from: 0), 0.511301270, accuracy: 1e-9)  // w7
        XCTAssertEqual(w.weight(layer: 1, to: 1, from: 1), 0.561370121, accuracy: 1e-9)  // w8
        XCTAssertEqual(w.weight(layer: 0, to: 0, from: 0), 0.149780716, accuracy: 1e-9)  // w1
        XCTAssertEqual(w.weight(layer: 0, to: 0, from: 1), 0.19956143, accuracy: 1e-8)   // w2
        XCTAssertEqual(w.weight(layer: 0, to: 1, from: 0), 0.24975114, accuracy: 1e-8)   // w3
        XCTAssertEqual(w.weight(layer: 0, to: 1, from: 1), 0.29950229, accuracy: 1e-8)   // w4
        XCTAssertEqual(w.biases, [[0.35, 0.35], [0.60, 0.60]], "frozen biases never move")
    }

    func testChainRuleFactorsOfW5() throws {
        var trainer = try makeTrainer()
        let trace = try XCTUnwrap(trainer.recordedStep())
        let event = try XCTUnwrap(trace.first { $0.mainParameter == .weight(layer: 1, to: 0, from: 0) && $0.phase == .backward })
        guard case .weightGradient(_, let factors, let value) = event.kind else { return XCTFail("\(event)") }
        XCTAssertEqual(factors.map(\.value)[0], 0.74136507, accuracy: 1e-8)
        XCTAssertEqual(factors.map(\.value)[1], 0.186815602, accuracy: 1e-9)
        XCTAssertEqual(factors.map(\.value)[2], 0.593269992, accuracy: 1e-9)
        XCTAssertEqual(value, 0.082167041, accuracy: 1e-9)
        XCTAssertEqual(trace.count, 8 + 3 + 2 + 4 + 2 + 4 + 4 + 4, "forward, loss, δ out, ∂w out, δ hidden, ∂w hidden, updates")
    }
}
