import XCTest
@testable import BackpropEngine

/// Batch normalization: the kernels against Reference.swift bit for bit (fast and recorded paths),
/// backprop against central differences, three Adam updates against NumPy, by-hand numbers, and
/// the settings the engine refuses.
extension KernelReferenceTests {
    static func normalizedTrainer(_ sizes: [Int], _ layers: [Int], residual: [ResidualSkip] = [], combo: Int, optimizer: Int,
                           batch: Int, clip: Double? = nil, seed: UInt64) throws -> Trainer {
        let (acts, loss) = Self.combos[combo]
        var net = try Fixtures.randomNetwork(sizes, Array(repeating: acts[0], count: sizes.count - 2) + [acts[2]], seed: seed)
        try net.setResidual(residual)
        try net.setBatchNorm(layers: layers)
        // γ and β away from 1 and 0, so that a mix-up of the two would show
        var rng = SplitMix64(seed: seed &+ 7)
        for p in net.parameterRefs {
            if case .scale = p { net.set(p, to: rng.nextDouble(in: 0.5, 1.5)) }
            if case .shift = p { net.set(p, to: rng.nextDouble(in: -0.5, 0.5)) }
        }
        let config = TrainingConfig(loss: loss, reduction: .mean, optimizer: Self.optimizers[optimizer], learningRate: 0.05,
                                    batchSize: batch, shuffle: true, clipNorm: clip, shuffleSeed: seed)
        let data = Self.dataset(inputs: sizes[0], outputs: sizes.last!, count: 2 * batch + 2, loss: loss, seed: seed)
        return try Trainer(network: net, config: config, data: data)
    }

    func testBatchNormalizedNetworksAgainstTheReference() throws {
        let cases: [([Int], [Int], [ResidualSkip])] = [
            ([3, 5, 5, 2], [1, 2], []),
            ([4, 7, 3, 3], [2], []),
            ([3, 33, 33, 4], [1, 2], [ResidualSkip(from: 1, to: 2)]),
        ]
        for (k, (sizes, layers, skips)) in cases.enumerated() {
            for (bi, batch) in [2, 5].enumerated() {
                let c = (k + bi) % Self.combos.count, o = (k + bi + 2) % 3
                let t = try Self.normalizedTrainer(sizes, layers, residual: skips, combo: c, optimizer: o, batch: batch,
                                              clip: k == 1 ? 0.1 : nil, seed: UInt64(90 + 2 * k + bi))
                check(t, epochs: 2, "batch norm \(sizes) \(layers) \(skips) \(Self.combos[c]) batch \(batch)")
            }
        }
    }
}

final class BatchNormTests: XCTestCase {
    /// One layer by hand: 2 samples, 1 neuron, γ = 2, β = 0.5.
    func testTwoSamplesByHand() throws {
        var net = try Network(layerSizes: [1, 1, 1], activations: [.identity, .identity], biasMode: .trainable,
                              weights: [[[1]], [[1]]], biases: [[0.7], [0]])
        try net.setBatchNorm(layers: [1])
        net.set(.scale(layer: 0, neuron: 0), to: 2)
        net.set(.shift(layer: 0, neuron: 0), to: 0.5)
        let data = Dataset(inputs: [[1], [3]], targets: [[0], [0]])
        var t = try Trainer(network: net, config: TrainingConfig(loss: .halfSSE, reduction: .sum, learningRate: 0.1, batchSize: 2),
                            data: data)
        let trace = try XCTUnwrap(t.recordedStep())
        // z = 1, 3 (no bias in a normalized layer): μ = 2, σ² = 1, ẑ = ∓1/√(1 + ε), u = 2ẑ + 0.5
        let inv = 1 / (1 + BatchNorm.epsilon).squareRoot()
        XCTAssertEqual(trace.weightedSums(layer: 1).values, [1, 3])
        XCTAssertEqual(trace.batchMeans(layer: 1), [2])
        XCTAssertEqual(trace.batchVariances(layer: 1), [1])
        XCTAssertEqual(trace.normalizedSums(layer: 1).values[0], -inv, accuracy: 1e-15)
        XCTAssertEqual(trace.scaledSums(layer: 1).values, [2 * -inv + 0.5, 2 * inv + 0.5].map { $0 }, "u")
        // ŷ = u, E = ½Σ ŷ²: ∂E/∂u = u; ∂E/∂γ = Σ u·ẑ, ∂E/∂β = Σ u; the three terms of δ
        let u = trace.scaledSums(layer: 1).values, zh = trace.normalizedSums(layer: 1).values
        XCTAssertEqual(trace.scaleGradients(layer: 1)[0], u[0] * zh[0] + u[1] * zh[1], accuracy: 1e-15)
        XCTAssertEqual(trace.shiftGradients(layer: 1)[0], u[0] + u[1], accuracy: 1e-15)
        let dzh = u.map { $0 * 2 }
        let sum = dzh[0] + dzh[1], products = dzh[0] * zh[0] + dzh[1] * zh[1]
        for s in 0..<2 {
            XCTAssertEqual(trace.deltas(layer: 1).values[s], inv / 2 * (2 * dzh[s] - sum - zh[s] * products), accuracy: 1e-14)
        }
        // the bias is not used, not listed, not trained; the running statistics moved 10% toward the batch's
        XCTAssertFalse(t.network.parameterRefs.contains(.bias(layer: 0, neuron: 0)))
        XCTAssertEqual(t.network.biases[0], [0])
        XCTAssertEqual(t.network.runningMean[0][0], 0.2, accuracy: 1e-15)
        XCTAssertEqual(t.network.runningVariance[0][0], 0.9 + 0.1 * 1, accuracy: 1e-15)
        // evaluation normalizes with the running statistics: z = w₁·1 = w₁, u = γ·(z − 0.2)/√(1 + ε) + β, ŷ = w₂·u + b₂
        let n = t.network
        let z = n.weight(layer: 0, to: 0, from: 0)
        let ue = n.value(of: .scale(layer: 0, neuron: 0)) * ((z - 0.2) * (1 / (1.0 + BatchNorm.epsilon).squareRoot()))
            + n.value(of: .shift(layer: 0, neuron: 0))
        XCTAssertEqual(n.predict([1])[0], n.weight(layer: 1, to: 0, from: 0) * ue + n.biases[1][0], accuracy: 1e-12)
    }

    func testEventsOfANormalizedStepAreConsistent() throws {
        let t = try KernelReferenceTests.normalizedTrainer([3, 4, 4, 2], [1, 2], combo: 1, optimizer: 2, batch: 3, seed: 5)
        var copy = t
        let trace = try XCTUnwrap(copy.recordedStep())
        var seen: Set<String> = []
        for (p, e) in trace.enumerated() {
            switch e.kind {
            case .batchStatistics(let n, let sums, let mean, let variance):
                seen.insert("stats")
                XCTAssertEqual(sums.count, 3)
                XCTAssertEqual(mean, trace.batchMeans(layer: n.layer)[n.index])
                XCTAssertEqual(variance, trace.batchVariances(layer: n.layer)[n.index])
            case .normalization(let n, let z, let mean, let variance, let inverse, let zh, let gamma, let beta, let value):
                seen.insert("norm")
                XCTAssertEqual(inverse, 1 / (variance + BatchNorm.epsilon).squareRoot())
                XCTAssertEqual(zh, (z - mean) * inverse)
                XCTAssertEqual(value, gamma * zh + beta)
                XCTAssertEqual(trace.eventIndex(weightedSumOf: n, sample: e.sample!).map { $0 < p }, true)
            case .normalizationDelta(let n, let g, let gamma, let zh, let sum, let products, let inverse, let b, let delta):
                seen.insert("delta")
                XCTAssertEqual(BatchNorm.delta(dNormalized: g * gamma, sum: sum, products: products, normalized: zh,
                                               inverse: inverse, batch: b), delta)
                XCTAssertEqual(delta, trace.delta(sample: e.sample!, layer: n.layer, neuron: n.index))
                XCTAssertEqual(trace.eventIndex(deltaOf: n, sample: e.sample!), p)
            case .normalizationGradient(_, let g, let zh, let gs, let bs, let divisor, let gg, let bg):
                seen.insert("grad")
                var a = 0.0, c = 0.0
                for s in g.indices { a += g[s] * zh[s]; c += g[s] }
                XCTAssertEqual(a, gs)
                XCTAssertEqual(c, bs)
                XCTAssertEqual(gs / divisor!, gg)
                XCTAssertEqual(bs / divisor!, bg)
            case .weightedSum(let n, _, let bias, _):
                if n.layer < 3 { XCTAssertNil(bias, "a normalized layer has no bias") }
            default: break
            }
        }
        XCTAssertEqual(seen, ["stats", "norm", "delta", "grad"])
        // γ and β are updated by the optimizer, with update events
        XCTAssertNotNil(trace.eventIndex(updateOf: ParameterRef.scale(layer: 0, neuron: 1)))
        let beta = ParameterRef.shift(layer: 1, neuron: 0)
        XCTAssertNotEqual(trace.after.network.value(of: beta), trace.before.network.value(of: beta))
    }

    func testGradientCheckOfNormalizedNetworks() throws {
        for (k, acts) in [[Activation.sigmoid, .sigmoid, .softmax], [.tanh, .relu, .identity], [.relu, .tanh, .sigmoid]].enumerated() {
            var net = try Fixtures.randomNetwork([3, 4, 4, 2], acts, seed: UInt64(30 + k))
            try net.setBatchNorm(layers: k == 1 ? [2] : [1, 2])
            if k == 2 { try net.setResidual([ResidualSkip(from: 1, to: 2)]) }
            var rng = SplitMix64(seed: UInt64(k))
            for p in net.parameterRefs {
                if case .scale = p { net.set(p, to: rng.nextDouble(in: 0.5, 1.5)) }
                if case .shift = p { net.set(p, to: rng.nextDouble(in: -0.5, 0.5)) }
            }
            let loss: Loss = [.crossEntropy, .mse, .bce][k]
            let data = KernelReferenceTests.dataset(inputs: 3, outputs: 2, count: 6, loss: loss, seed: UInt64(40 + k))
            let check = GradientCheck(network: net, data: data, loss: loss, reduction: .mean)
            XCTAssertTrue(check.entries.contains { if case .scale = $0.parameter { return true } else { return false } })
            XCTAssertTrue(check.passes(relative: 1e-6, absolute: 1e-9),
                          "\(acts): max relative error \(check.maxRelativeError), absolute \(check.maxAbsoluteError)")
        }
    }

    /// More samples than one measuring batch (64): the loss the check differentiates numerically
    /// must normalize over the same batches as the backprop gradient.
    func testGradientCheckOverMoreThanOneMeasuringBatch() throws {
        var net = try Fixtures.randomNetwork([2, 3, 3, 1], [.sigmoid, .sigmoid, .sigmoid], seed: 12)
        try net.setBatchNorm(layers: [1, 2])
        let data = KernelReferenceTests.dataset(inputs: 2, outputs: 1, count: 70, loss: .bce, seed: 13)
        let check = GradientCheck(network: net, data: data, loss: .bce, reduction: .mean)
        XCTAssertTrue(check.passes(relative: 1e-6, absolute: 1e-9),
                      "max relative error \(check.maxRelativeError), absolute \(check.maxAbsoluteError)")
    }

    /// Three Adam updates of a 3-5-5-2 sigmoid/softmax network with both hidden layers normalized
    /// (and, second, with a skip as well) against benchmarks/reference/deep_reference.py.
    func testThreeAdamStepsMatchNumPy() throws {
        for skips in [[], [ResidualSkip(from: 1, to: 2)]] {
            var net = try Fixtures.randomNetwork([3, 5, 5, 2], [.sigmoid, .sigmoid, .softmax], seed: 83)
            try net.setResidual(skips)
            try net.setBatchNorm(layers: [1, 2])
            var rng = SplitMix64(seed: 84)
            for p in net.parameterRefs {
                if case .scale = p { net.set(p, to: rng.nextDouble(in: 0.5, 1.5)) }
                if case .shift = p { net.set(p, to: rng.nextDouble(in: -0.5, 0.5)) }
            }
            let data = KernelReferenceTests.dataset(inputs: 3, outputs: 2, count: 8, loss: .crossEntropy, seed: 85)
            let config = TrainingConfig(loss: .crossEntropy, reduction: .mean, optimizer: .defaultAdam, learningRate: 0.05,
                                        batchSize: 4)
            var trainer = try Trainer(network: net, config: config, data: data)
            let reference = try DeepNumPy.run(DeepNumPy.query(trainer, steps: 3))
            XCTAssertEqual(reference.count, 3)
            var error = RelativeError()
            for (n, step) in reference.enumerated() {
                guard let trace = trainer.recordedStep() else { return XCTFail("update \(n + 1) diverged") }
                let label = "\(skips) update \(n + 1)"
                compareStep(trace, step, label, &error)
                for l in 1...2 {
                    error.compare(trace.batchMeans(layer: l), DeepNumPy.layer(step, "mean", l), "\(label) mean\(l)")
                    error.compare(trace.batchVariances(layer: l), DeepNumPy.layer(step, "var", l), "\(label) var\(l)")
                    error.compare(trace.normalizedSums(layer: l).values, DeepNumPy.layer(step, "Zhat", l), "\(label) Zhat\(l)")
                    error.compare(trace.scaledSums(layer: l).values, DeepNumPy.layer(step, "U", l), "\(label) U\(l)")
                    error.compare(trace.scaledSumGradients(layer: l).values, DeepNumPy.layer(step, "DU", l), "\(label) DU\(l)")
                    error.compare(trace.scaleGradients(layer: l), DeepNumPy.layer(step, "dgamma", l - 1), "\(label) dgamma\(l)")
                    error.compare(trace.shiftGradients(layer: l), DeepNumPy.layer(step, "dbeta", l - 1), "\(label) dbeta\(l)")
                    error.compare(trace.scales(layer: l, after: true), DeepNumPy.layer(step, "gamma", l - 1), "\(label) gamma\(l) after")
                    error.compare(trace.shifts(layer: l, after: true), DeepNumPy.layer(step, "beta", l - 1), "\(label) beta\(l) after")
                    error.compare(trace.after.network.runningMean[l - 1], DeepNumPy.layer(step, "running_mean", l - 1),
                                  "\(label) running mean\(l)")
                    error.compare(trace.after.network.runningVariance[l - 1], DeepNumPy.layer(step, "running_var", l - 1),
                                  "\(label) running var\(l)")
                }
            }
            print("batch norm \(skips) vs NumPy: max relative error \(error.worst) (\(error.worstWhat))")
            XCTAssertLessThan(error.worst, 1e-9, error.worstWhat)
        }
    }

    func testRefusedSettings() throws {
        var net = try Fixtures.randomNetwork([2, 3, 1], [.sigmoid, .sigmoid], seed: 1)
        XCTAssertThrowsError(try net.setBatchNorm(layers: [2])) {
            XCTAssertEqual($0 as? EngineError, .batchNormLayer(layer: 2, hiddenLayers: 1))
        }
        try net.setBatchNorm(layers: [1])
        let data = Dataset(inputs: [[0, 1], [1, 0]], targets: [[0], [1]])
        XCTAssertThrowsError(try Trainer(network: net, config: TrainingConfig(batchSize: 1), data: data)) {
            XCTAssertEqual($0 as? EngineError, .batchNormNeedsBatch)
        }
        XCTAssertNoThrow(try Trainer(network: net, config: TrainingConfig(batchSize: 2), data: data))
    }
}
