import BackpropEngine
import XCTest
@testable import TutorFiles

/// `network.residual` (and its errors at the key's line).
final class DeepNetworkFileTests: XCTestCase {
    static func file(layers: String, _ extra: String) -> String {
        """
        [network]
        layers = \(layers)
        \(extra)

        [training]
        batch_size = 2

        [data]
        inputs = [[0, 0], [0, 1], [1, 0], [1, 1]]
        targets = [[0], [1], [1], [0]]

        """
    }

    func testResidualTrueJoinsConsecutiveEqualHiddenLayers() throws {
        let f = try parse(Self.file(layers: "[2, 4, 4, 4, 1]", "residual = true"))
        XCTAssertEqual(f.spec.residual, [ResidualSkip(from: 1, to: 2), ResidualSkip(from: 2, to: 3)])
        XCTAssertEqual(try f.spec.build().residual, f.spec.residual)
        let pairs = try parse(Self.file(layers: "[2, 4, 3, 4, 1]", "residual = [[1, 3]]"))
        XCTAssertEqual(try pairs.spec.build().residual, [ResidualSkip(from: 1, to: 3)])
        XCTAssertEqual(try parse(Self.file(layers: "[2, 4, 4, 1]", "residual = false")).spec.residual, [])
    }

    func testBatchNormTrueOrAListOfHiddenLayers() throws {
        let all = try parse(Self.file(layers: "[2, 4, 4, 1]", "batch_norm = true"))
        XCTAssertEqual(all.spec.batchNorm, [1, 2])
        let net = try all.spec.build()
        XCTAssertEqual(net.batchNormLayers, [1, 2])
        XCTAssertEqual(net.parameters.scales[0], [1, 1, 1, 1])
        XCTAssertTrue(net.parameterRefs.contains(.shift(layer: 1, neuron: 3)))
        XCTAssertEqual(try parse(Self.file(layers: "[2, 4, 4, 1]", "batch_norm = [2]")).spec.batchNorm, [2])
    }

    func testBatchNormErrors() {
        assertError(Self.file(layers: "[2, 4, 4, 1]", "batch_norm = [3]"), line: 3,
                    "network.batch_norm[0]: batch normalization applies to hidden layers (1 to 2), got layer 3")
        assertError(Self.file(layers: "[2, 1]", "batch_norm = true"), line: 3,
                    "network.batch_norm normalizes hidden layers, and this network has none")
        assertError(Self.file(layers: "[2, 4, 1]", "batch_norm = \"yes\""), line: 3,
                    "network.batch_norm must be true, false or a list of hidden layers, got a string")
        // batch size 1: at training.batch_size (line 6)
        assertError(Self.file(layers: "[2, 4, 1]", "batch_norm = true").replacingOccurrences(of: "batch_size = 2", with: "batch_size = 1"),
                    line: 6, "batch normalization needs mini-batches of at least 2 samples: it normalizes each neuron's "
                        + "weighted sums by their mean and variance over the batch, and one sample has variance 0; set "
                        + "training.batch_size to 2 or more")
    }

    func testResidualErrors() {
        assertError(Self.file(layers: "[2, 4, 3, 1]", "residual = [[1, 2]]"), line: 3,
                    "network.residual[0]: a residual connection adds layer 1's activations to layer 2's, so both need "
                        + "the same number of neurons; layer 1 has 4 and layer 2 has 3")
        assertError(Self.file(layers: "[2, 4, 3, 1]", "residual = true"), line: 3,
                    "network.residual = true joins consecutive hidden layers of equal width, and this network (layers "
                        + "[2, 4, 3, 1]) has no two such layers; a residual connection needs two hidden layers with the "
                        + "same number of neurons")
        assertError(Self.file(layers: "[2, 2, 2, 2]", "residual = [[0, 1]]"), line: 3,
                    "network.residual[0]: a residual connection joins two hidden layers (1 to 2), from a lower to a "
                        + "higher one; got from layer 0 to layer 1")
        assertError(Self.file(layers: "[2, 3, 3, 3, 1]", "residual = [[1, 2], [1, 3]]"), line: 3,
                    "network.residual[1]: each layer can have one residual connection into it and one out of it; the "
                        + "connection from layer 1 to layer 3 is a second one")
        assertError(Self.file(layers: "[2, 3, 3, 1]", "residual = [1, 2]"), line: 3,
                    "network.residual must be true, false or a list of layer pairs [from, to], e.g. [[1, 2], [2, 3]]")
        assertError(Self.file(layers: "[2, 3, 3, 1]", "residual = \"yes\""), line: 3,
                    "network.residual must be true, false or a list of layer pairs [from, to], got a string")
    }
}
