import XCTest
@testable import BackpropEngine

/// Residual (skip) connections: a = f(z) + a_from forward, the gradient along the skip added back.
/// The kernels against Reference.swift bit for bit, backprop against central differences, three
/// Adam updates against NumPy, and the shapes the engine refuses.
extension KernelReferenceTests {
    func residualTrainer(_ sizes: [Int], _ skips: [ResidualSkip], combo: Int, optimizer: Int, batch: Int,
                         seed: UInt64) throws -> Trainer {
        let (acts, loss) = Self.combos[combo]
        var net = try Fixtures.randomNetwork(sizes, Array(repeating: acts[0], count: sizes.count - 2) + [acts[2]], seed: seed)
        try net.setResidual(skips)
        let config = TrainingConfig(loss: loss, reduction: .mean, optimizer: Self.optimizers[optimizer], learningRate: 0.05,
                                    batchSize: batch, shuffle: true, shuffleSeed: seed)
        let data = Self.dataset(inputs: sizes[0], outputs: sizes.last!, count: batch + 3, loss: loss, seed: seed)
        return try Trainer(network: net, config: config, data: data)
    }

    func testResidualNetworksAgainstTheReference() throws {
        // consecutive skips (a chain: layer 2 both receives one and sends one), a long skip, odd widths
        let cases: [([Int], [ResidualSkip])] = [
            ([3, 5, 5, 5, 2], ResidualSkip.consecutive([3, 5, 5, 5, 2])),
            ([4, 7, 3, 7, 3], [ResidualSkip(from: 1, to: 3)]),
            ([33, 33, 33, 7], [ResidualSkip(from: 1, to: 2)]),
        ]
        for (k, (sizes, skips)) in cases.enumerated() {
            for (bi, batch) in [1, 5].enumerated() {
                let c = (k + bi) % Self.combos.count, o = (k + bi) % 3
                let t = try residualTrainer(sizes, skips, combo: c, optimizer: o, batch: batch, seed: UInt64(40 + 2 * k + bi))
                XCTAssertEqual(t.network.residual, skips)
                check(t, epochs: 1, "residual \(sizes) \(skips) \(Self.combos[c]) batch \(batch)")
            }
        }
    }
}

final class ResidualTests: XCTestCase {
    func testConsecutiveSkipsJoinEqualHiddenLayersOnly() {
        XCTAssertEqual(ResidualSkip.consecutive([2, 8, 8, 4, 4, 4, 1]),
                       [ResidualSkip(from: 1, to: 2), ResidualSkip(from: 3, to: 4), ResidualSkip(from: 4, to: 5)])
        XCTAssertEqual(ResidualSkip.consecutive([2, 8, 1]), [])
    }

    func testBadSkipsAreRefused() throws {
        var net = try Fixtures.randomNetwork([2, 4, 3, 4, 1], [.sigmoid, .sigmoid, .sigmoid, .sigmoid], seed: 1)
        XCTAssertThrowsError(try net.setResidual([ResidualSkip(from: 1, to: 2)])) { error in
            XCTAssertEqual(error as? EngineError, .residualWidth(from: 1, to: 2, fromSize: 4, toSize: 3))
            XCTAssertTrue("\(error)".contains("layer 1 has 4 and layer 2 has 3"), "\(error)")
        }
        XCTAssertThrowsError(try net.setResidual([ResidualSkip(from: 0, to: 2)]))
        XCTAssertThrowsError(try net.setResidual([ResidualSkip(from: 3, to: 4)]))   // into the output layer
        XCTAssertThrowsError(try net.setResidual([ResidualSkip(from: 3, to: 1)]))
        XCTAssertEqual(net.residual, [])
        try net.setResidual([ResidualSkip(from: 1, to: 3)])
        XCTAssertEqual(net.skip(into: 3), ResidualSkip(from: 1, to: 3))
        XCTAssertEqual(net.skip(outOf: 1), ResidualSkip(from: 1, to: 3))
    }

    /// A skip changes the numbers (the test would pass trivially if it were ignored).
    func testASkipChangesTheForwardPass() throws {
        let plain = try Fixtures.randomNetwork([2, 3, 3, 1], [.tanh, .tanh, .identity], seed: 3)
        var skipped = plain
        try skipped.setResidual([ResidualSkip(from: 1, to: 2)])
        let x = [0.3, -0.7]
        XCTAssertNotEqual(plain.predict(x), skipped.predict(x))
        // by hand: h2 = tanh(W2·h1 + b2) + h1, y = W3·h2 + b3
        let w = skipped.nestedWeights, b = skipped.biases
        let h1 = (0..<3).map { j in tanh(w[0][j][0] * x[0] + w[0][j][1] * x[1] + b[0][j]) }
        let h2 = (0..<3).map { j in tanh((0..<3).reduce(0.0) { $0 + w[1][j][$1] * h1[$1] } + b[1][j]) + h1[j] }
        let y = (0..<3).reduce(0.0) { $0 + w[2][0][$1] * h2[$1] } + b[2][0]
        XCTAssertEqual(skipped.predict(x)[0], y, accuracy: 1e-12)
    }

    func testGradientCheckOfResidualNetworks() throws {
        for (k, acts) in [[Activation.sigmoid, .sigmoid, .sigmoid, .softmax], [.tanh, .tanh, .tanh, .identity],
                          [.relu, .relu, .relu, .sigmoid]].enumerated() {
            var net = try Fixtures.randomNetwork([3, 4, 4, 4, 2], acts, seed: UInt64(60 + k))
            try net.setResidual(ResidualSkip.consecutive(net.layerSizes))
            let loss: Loss = [.crossEntropy, .mse, .bce][k]
            let data = KernelReferenceTests.dataset(inputs: 3, outputs: 2, count: 5, loss: loss, seed: UInt64(70 + k))
            let check = GradientCheck(network: net, data: data, loss: loss, reduction: .mean)
            XCTAssertTrue(check.passes(relative: 1e-6, absolute: 1e-9),
                          "\(acts): max relative error \(check.maxRelativeError), absolute \(check.maxAbsoluteError)")
        }
    }

    /// Three Adam updates of a 3-4-4-4-2 sigmoid/softmax network with two consecutive skips
    /// against benchmarks/reference/deep_reference.py: every z, f(z), a, δ, gradient and parameter.
    func testThreeAdamStepsMatchNumPy() throws {
        var net = try Fixtures.randomNetwork([3, 4, 4, 4, 2], [.sigmoid, .sigmoid, .sigmoid, .softmax], seed: 81)
        try net.setResidual(ResidualSkip.consecutive(net.layerSizes))
        let data = KernelReferenceTests.dataset(inputs: 3, outputs: 2, count: 6, loss: .crossEntropy, seed: 82)
        let config = TrainingConfig(loss: .crossEntropy, reduction: .mean, optimizer: .defaultAdam, learningRate: 0.05,
                                    batchSize: 3)
        var trainer = try Trainer(network: net, config: config, data: data)
        let reference = try DeepNumPy.run(DeepNumPy.query(trainer, steps: 3))
        XCTAssertEqual(reference.count, 3)
        var error = RelativeError()
        for (n, step) in reference.enumerated() {
            guard let trace = trainer.recordedStep() else { return XCTFail("update \(n + 1) diverged") }
            compareStep(trace, step, "update \(n + 1)", &error)
        }
        print("residual vs NumPy: max relative error \(error.worst) (\(error.worstWhat))")
        XCTAssertLessThan(error.worst, 1e-9, error.worstWhat)
    }
}

/// Every array of one recorded step against the reference's step.
func compareStep(_ trace: StepTrace, _ step: [String: Any], _ label: String, _ error: inout RelativeError,
                 file: StaticString = #filePath, line: UInt = #line) {
    let top = trace.network.weightLayerCount
    for l in 1...top {
        error.compare(trace.weightedSums(layer: l).values, DeepNumPy.layer(step, "Z", l), "\(label) Z\(l)", file: file, line: line)
        error.compare(trace.activatedValues(layer: l).values, DeepNumPy.layer(step, "F", l), "\(label) F\(l)", file: file, line: line)
        error.compare(trace.activations(layer: l).values, DeepNumPy.layer(step, "A", l), "\(label) A\(l)", file: file, line: line)
        error.compare(trace.deltas(layer: l).values, DeepNumPy.layer(step, "D", l), "\(label) D\(l)", file: file, line: line)
        error.compare(trace.gradient(layer: l - 1).values, DeepNumPy.layer(step, "dW", l - 1), "\(label) dW\(l)", file: file, line: line)
        if trace.network.biasMode != .none {
            error.compare(trace.gradientOfBiases(layer: l - 1), DeepNumPy.layer(step, "db", l - 1), "\(label) db\(l)",
                          file: file, line: line)
        }
        error.compare(trace.weights(layer: l - 1, after: true).values, DeepNumPy.layer(step, "W", l - 1),
                      "\(label) W\(l) after", file: file, line: line)
        error.compare(trace.biases(layer: l - 1, after: true), DeepNumPy.layer(step, "b", l - 1), "\(label) b\(l) after",
                      file: file, line: line)
    }
    error.compare([trace.batchLoss], [(step["E"] as? NSNumber)?.doubleValue ?? .nan], "\(label) E", file: file, line: line)
}
