import XCTest
@testable import BackpropEngine

/// `Network.init` checks every shape against the layer sizes and throws (issue 14: the kernels
/// write through pointers sized from `layerSizes`, so before this a wrong shape overwrote memory).
final class NetworkValidationTests: XCTestCase {
    private func refusal(_ sizes: [Int] = [2, 3, 1], _ acts: [Activation] = [.sigmoid, .sigmoid],
                         slope: Double = 0.01, mode: BiasMode = .trainable,
                         weights: [[[Double]]], biases: [[Double]]? = nil) -> EngineError? {
        do {
            _ = try Network(layerSizes: sizes, activations: acts, leakySlope: slope, biasMode: mode,
                            weights: weights, biases: biases)
            return nil
        } catch {
            return error
        }
    }

    /// A correct 2-3-1 set: 3 rows of 2, then 1 row of 3.
    private let good: [[[Double]]] = [[[1, 2], [3, 4], [5, 6]], [[7, 8, 9]]]

    func testTheRightShapesAreAccepted() {
        XCTAssertNil(refusal(weights: good, biases: [[0, 0, 0], [0]]))
        XCTAssertNil(refusal(weights: good))
        // biases are not used without a bias: their shape does not matter
        XCTAssertNil(refusal(mode: .none, weights: good, biases: [[1]]))
    }

    func testWrongWeightShapesAreErrors() {
        XCTAssertEqual(refusal(weights: [good[0]]), .weightLayers(expected: 2, got: 1))
        XCTAssertEqual(refusal(weights: good + [[[1]]]), .weightLayers(expected: 2, got: 3))
        XCTAssertEqual(refusal(weights: [[[1, 2], [3, 4]], good[1]]), .weightRows(layer: 0, expected: 3, got: 2))
        XCTAssertEqual(refusal(weights: [good[0], [[7, 8]]]), .weightColumns(layer: 1, row: 0, expected: 3, got: 2))
        // a long row would have been written past the end of the layer's buffer
        XCTAssertEqual(refusal(weights: [[[1, 2], [3, 4, 99], [5, 6]], good[1]]),
                       .weightColumns(layer: 0, row: 1, expected: 2, got: 3))
        XCTAssertEqual(refusal(weights: [[[1, 2], [3, 4, 99], [5, 6]], good[1]])?.description,
                       "weights[0][1] needs 2 values (one per neuron of layer 0), got 3")
    }

    func testWrongBiasShapesAreErrors() {
        XCTAssertEqual(refusal(weights: good, biases: [[0, 0, 0]]), .biasLayers(expected: 2, got: 1))
        XCTAssertEqual(refusal(weights: good, biases: [[0, 0], [0]]), .biasCount(layer: 0, expected: 3, got: 2))
        XCTAssertEqual(refusal(mode: .frozen, weights: good, biases: [[0, 0, 0], [0, 0]]),
                       .biasCount(layer: 1, expected: 1, got: 2))
    }

    func testNonFiniteValuesAreErrors() {
        XCTAssertEqual(refusal(weights: [good[0], [[7, .nan, 9]]]), .nonFinite(.weight(layer: 1, to: 0, from: 1)))
        XCTAssertEqual(refusal(weights: [[[1, 2], [3, 4], [.infinity, 6]], good[1]]),
                       .nonFinite(.weight(layer: 0, to: 2, from: 0)))
        XCTAssertEqual(refusal(weights: good, biases: [[0, 0, -.infinity], [0]]), .nonFinite(.bias(layer: 0, neuron: 2)))
        guard case .leakySlope(let s)? = refusal([2, 3, 1], [.leakyRelu, .sigmoid], slope: .nan, weights: good) else {
            return XCTFail("a NaN slope was accepted")
        }
        XCTAssertTrue(s.isNaN)
    }

    func testActivationsAreChecked() {
        XCTAssertEqual(refusal([2, 3, 1], [.sigmoid], weights: good), .activationCount(expected: 2, got: 1))
        // the backward pass has no elementwise softmax derivative: it would trap in the hot loop
        XCTAssertEqual(refusal([2, 3, 2], [.softmax, .softmax], weights: [good[0], [[1, 2, 3], [4, 5, 6]]]),
                       .softmaxNotOutput(layer: 1))
        // a one-neuron softmax is degenerate (ŷ = 1) but safe: the loader refuses it in its own words
        XCTAssertNil(refusal([2, 3, 1], [.sigmoid, .softmax], weights: good))
        // the seeded initializer checks the same rules
        XCTAssertThrowsError(try Network(layerSizes: [2, 2], activations: [.sigmoid, .sigmoid], biasMode: .trainable,
                                         initialization: .xavier, seed: 1))
    }
}
