import XCTest
@testable import BackpropEngine

/// One definition of the per-layer gradient norm (issue 14: the playground's counted the biases,
/// the lessons' did not). Expected values by hand.
final class GradientNormTests: XCTestCase {
    func testPerLayerIsTheWeightsOnly() {
        // layer 1: weights 3, 4 → 5 (bias 12 left out); layer 2: weights 1, 2, 2 → 3 (bias 9 left out)
        let g = Parameters(weights: [[3, 4], [1, 2, 2]], biases: [[12], [9]])
        XCTAssertEqual(GradientNorms.perLayer(g), [5, 3])
        // the whole gradient as clipping measures it: with trainable biases √(9+16+144+1+4+4+81) = √259
        XCTAssertEqual(GradientNorms.total(g, biasMode: .trainable), 259.0.squareRoot())
        // frozen or absent biases are not updated: √(9+16+1+4+4) = √34
        XCTAssertEqual(GradientNorms.total(g, biasMode: .frozen), 34.0.squareRoot())
        XCTAssertEqual(GradientNorms.total(g, biasMode: .none), 34.0.squareRoot())
    }

    func testTheSameForEveryBiasMode() throws {
        // the per-layer norm of a network does not change when its (zero) biases are frozen or absent
        let data = Dataset(inputs: [[0.5, -1], [1, 0.25]], targets: [[1], [0]])
        var norms: [[Double]] = []
        for mode in BiasMode.allCases {
            let net = try Network(layerSizes: [2, 3, 1], activations: [.tanh, .sigmoid], biasMode: mode,
                                  initialization: .xavier, seed: 4)
            norms.append(GradientNorms.perLayer(Trainer.gradient(of: net, on: data, loss: .bce, reduction: .mean)))
        }
        XCTAssertEqual(norms[0], norms[1])
        XCTAssertEqual(norms[0], norms[2])
    }
}
