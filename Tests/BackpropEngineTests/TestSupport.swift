import XCTest
@testable import BackpropEngine

/// Small builders shared by the engine tests. Nothing here computes an expected value.
enum Fixtures {
    /// A 1-1 identity network without bias: z = w·x.
    static func line(w: Double, bias: Double? = nil, mode: BiasMode = .none,
                     activation: Activation = .identity) throws -> Network {
        try Network(layerSizes: [1, 1], activations: [activation], biasMode: mode,
                    weights: [[[w]]], biases: bias.map { [[$0]] })
    }

    /// x = 1, y = 0 with half-sse: L = ½w² (no bias), so g = w.
    static let unitSample = Dataset(inputs: [[1]], targets: [[0]])

    /// Deterministic inputs in [low, high). They are only data, never expected values (the
    /// generator itself is checked against the Python reference in RandomInitTests).
    static func randomMatrix(rows: Int, cols: Int, low: Double, high: Double, seed: UInt64) -> [[Double]] {
        var rng = SplitMix64(seed: seed)
        return (0..<rows).map { _ in (0..<cols).map { _ in rng.nextDouble(in: low, high) } }
    }

    static func oneHot(_ labels: [Int], classes: Int) -> [[Double]] {
        labels.map { c in (0..<classes).map { $0 == c ? 1.0 : 0.0 } }
    }

    /// A network with seeded weights and non-zero seeded biases.
    static func randomNetwork(_ sizes: [Int], _ acts: [Activation], mode: BiasMode = .trainable,
                              seed: UInt64) throws -> Network {
        var net = try Network(layerSizes: sizes, activations: acts, biasMode: mode, initialization: .xavier, seed: seed)
        if mode != .none {
            var rng = SplitMix64(seed: seed &+ 1000)
            for l in 0..<(sizes.count - 1) {
                for j in 0..<sizes[l + 1] { net.set(.bias(layer: l, neuron: j), to: rng.nextDouble(in: -0.5, 0.5)) }
            }
        }
        return net
    }
}

func assertClose(_ got: [Double], _ want: [Double], accuracy: Double, _ message: String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(got.count, want.count, "count \(message)", file: file, line: line)
    for (k, (g, w)) in zip(got, want).enumerated() {
        XCTAssertEqual(g, w, accuracy: accuracy, "[\(k)] \(message)", file: file, line: line)
    }
}
