import XCTest
@testable import BackpropEngine

/// Update rules over a few steps, by hand. The workhorse is a 1-1 identity network without bias,
/// half-sse, x = 1, y = 0: L = ½w², so the gradient g equals the current w.
final class OptimizerTests: XCTestCase {
    func trainer(_ opt: Optimizer, lr: Double = 0.1, w: Double = 1, bias: Double? = nil, mode: BiasMode = .none,
                 clip: Double? = nil, decay: Double = 0) throws -> Trainer {
        try Trainer(network: Fixtures.line(w: w, bias: bias, mode: mode),
                    config: TrainingConfig(loss: .halfSSE, reduction: .mean, optimizer: opt, learningRate: lr,
                                           clipNorm: clip, weightDecay: decay),
                    data: Fixtures.unitSample)
    }

    func weights(after steps: Int, _ t: inout Trainer) -> [Double] {
        (0..<steps).map { _ in
            t.step()
            return t.network.weight(layer: 0, to: 0, from: 0)
        }
    }

    func testSGD() throws {
        // w ← w − 0.1·w: 0.9, 0.81, 0.729
        var t = try trainer(.sgd)
        assertClose(weights(after: 3, &t), [0.9, 0.81, 0.729], accuracy: 1e-15)
        XCTAssertEqual(t.updateCount, 3)
    }

    func testMomentum() throws {
        // v1 = 0.9·0 + 1 = 1,          w1 = 1 − 0.1·1 = 0.9
        // v2 = 0.9·1 + 0.9 = 1.8,      w2 = 0.9 − 0.18 = 0.72
        // v3 = 0.9·1.8 + 0.72 = 2.34,  w3 = 0.72 − 0.234 = 0.486
        var t = try trainer(.momentum(mu: 0.9))
        var velocities: [Double] = []
        var ws: [Double] = []
        for _ in 0..<3 {
            t.step()
            ws.append(t.network.weight(layer: 0, to: 0, from: 0))
            velocities.append(t.optimizerState.first.weights[0][0])
        }
        assertClose(ws, [0.9, 0.72, 0.486], accuracy: 1e-15)
        assertClose(velocities, [1, 1.8, 2.34], accuracy: 1e-15)
        XCTAssertEqual(Optimizer.defaultMomentum, 0.9)
    }

    func testAdamWithBiasCorrection() throws {
        // t = 1: g = 1, m = 0.1·1 = 0.1, v = 0.001·1 = 0.001, m̂ = 0.1/(1−0.9) = 1, v̂ = 0.001/(1−0.999) = 1,
        //        w = 1 − 0.1·1/(√1 + 1e−8) = 0.900000001
        // t = 2, 3: ref (engine_reference.py adam) 0.8004122297123382, 0.701586274504415
        var t = try trainer(.defaultAdam)
        assertClose(weights(after: 3, &t), [0.900000001, 0.8004122297123382, 0.701586274504415], accuracy: 1e-15)
        XCTAssertEqual(t.optimizerState.updateCount, 3)
        XCTAssertEqual(t.optimizerState.beta1Power, 0.729, accuracy: 1e-15)           // 0.9³
        XCTAssertEqual(t.optimizerState.beta2Power, 0.997002999, accuracy: 1e-15)     // 0.999³
        XCTAssertEqual(Optimizer.defaultAdam, .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
    }

    func testAdamFirstStepIsLearningRateSizedForAnyGradient() throws {
        // t = 1: m = 0.1·g, v = 0.001·g², m̂ = g, v̂ = g², so w1 = w0 − η·g/(|g| + ε): a step of about η
        // whatever the size of g. (Without the bias correction it would be 0.1g/√(0.001g²) ≈ 3.16 η.)
        // The gradients below are only inputs to the rule; the expected change is the rule by hand.
        let x = Fixtures.randomMatrix(rows: 5, cols: 3, low: -1, high: 1, seed: 12)
        let data = Dataset(inputs: x, targets: Fixtures.oneHot([0, 1, 0, 1, 1], classes: 2))
        let net = try Fixtures.randomNetwork([3, 4, 2], [.tanh, .softmax], seed: 12)
        let g = Trainer.gradient(of: net, on: data, loss: .crossEntropy, reduction: .mean).allValues
        var t = try Trainer(network: net, config: TrainingConfig(loss: .crossEntropy, optimizer: .defaultAdam,
                                                                 learningRate: 0.01),
                            data: data)
        t.step()
        let before = net.parameters.allValues, after = t.network.parameters.allValues
        for k in before.indices {
            XCTAssertEqual(before[k] - after[k], 0.01 * g[k] / (abs(g[k]) + 1e-8), accuracy: 1e-16, "parameter \(k)")
        }
        XCTAssertGreaterThan(g.map(abs).min()!, 1e-5, "gradients of very different sizes, all moved by ≈ η")
    }

    func testClippingAboveAndBelowTheLimit() throws {
        // 2-1 identity, w = (0, 0), x = (3, 4), y = 1, half-sse: δ = 0 − 1 = −1, g = (−3, −4), ‖g‖ = 5
        func make(_ limit: Double) throws -> Trainer {
            try Trainer(network: try Network(layerSizes: [2, 1], activations: [.identity], biasMode: .none,
                                             weights: [[[0, 0]]], biases: nil),
                            config: TrainingConfig(loss: .halfSSE, optimizer: .sgd, learningRate: 1, clipNorm: limit),
                            data: Dataset(inputs: [[3, 4]], targets: [[1]]))
        }
        // limit 1: scale 1/5, g = (−0.6, −0.8), η = 1 → w = (0.6, 0.8)
        var above = try make(1)
        let trace = try XCTUnwrap(above.recordedStep())
        assertClose(above.network.weights[0], [0.6, 0.8], accuracy: 1e-15)
        XCTAssertEqual(trace.gradientNorm, 5)
        XCTAssertEqual(try XCTUnwrap(trace.clipScale), 0.2, accuracy: 1e-16)
        let clipEvent = try XCTUnwrap(trace.first { if case .clipping = $0.kind { return true } else { return false } })
        guard case .clipping(let norm, let limit, let scale) = clipEvent.kind else { return XCTFail() }
        XCTAssertEqual(norm, 5)
        XCTAssertEqual(limit, 1)
        XCTAssertEqual(try XCTUnwrap(scale), 0.2, accuracy: 1e-16)
        // limit 10: ‖g‖ = 5 is below, nothing changes: w = (3, 4)
        var below = try make(10)
        let t2 = try XCTUnwrap(below.recordedStep())
        XCTAssertEqual(below.network.weights[0], [3, 4])
        XCTAssertEqual(t2.gradientNorm, 5)
        XCTAssertNil(t2.clipScale)
    }

    func testClippingNormCountsTrainableBiasesOnly() throws {
        // as above plus a bias b = 0: δ = −1, g_b = −1
        func make(_ mode: BiasMode) throws -> Trainer {
            try Trainer(network: try Network(layerSizes: [2, 1], activations: [.identity], biasMode: mode,
                                             weights: [[[0, 0]]], biases: [[0]]),
                            config: TrainingConfig(loss: .halfSSE, optimizer: .sgd, learningRate: 1, clipNorm: 1),
                            data: Dataset(inputs: [[3, 4]], targets: [[1]]))
        }
        // trainable: ‖(−3, −4, −1)‖ = √26; w = (3, 4)/√26, b = 1/√26
        var trainable = try make(.trainable)
        trainable.step()
        let r = 26.0.squareRoot()
        assertClose(trainable.network.weights[0], [3 / r, 4 / r], accuracy: 1e-15)
        XCTAssertEqual(trainable.network.biases[0][0], 1 / r, accuracy: 1e-15)
        // frozen: the bias is not part of the norm: ‖(−3, −4)‖ = 5, w = (0.6, 0.8), b stays 0
        var frozen = try make(.frozen)
        frozen.step()
        assertClose(frozen.network.weights[0], [0.6, 0.8], accuracy: 1e-15)
        XCTAssertEqual(frozen.network.biases[0][0], 0)
    }

    func testWeightDecay() throws {
        // g = w + 0.5·w = 1.5 → w = 1 − 0.1·1.5 = 0.85; then g = 1.5·0.85 = 1.275 → 0.85 − 0.1275 = 0.7225
        var t = try trainer(.sgd, decay: 0.5)
        assertClose(weights(after: 2, &t), [0.85, 0.7225], accuracy: 1e-15)
        // biases are not decayed: w = 1, b = 1 → z = 2, δ = 2
        // g_w = 2·1 + 0.5·1 = 2.5 → w = 0.75;  g_b = 2 → b = 1 − 0.2 = 0.8
        var tb = try trainer(.sgd, bias: 1, mode: .trainable, decay: 0.5)
        tb.step()
        XCTAssertEqual(tb.network.weight(layer: 0, to: 0, from: 0), 0.75, accuracy: 1e-15)
        XCTAssertEqual(tb.network.biases[0][0], 0.8, accuracy: 1e-15)
    }

    func testTrainableFrozenAndNoBiases() throws {
        // w = 1, b = 1, x = 1, y = 0, η = 0.1
        // trainable: z = 2, δ = 2: w = 1 − 0.2 = 0.8, b = 0.8
        var trainable = try trainer(.sgd, bias: 1, mode: .trainable)
        trainable.step()
        XCTAssertEqual(trainable.network.weight(layer: 0, to: 0, from: 0), 0.8, accuracy: 1e-15)
        XCTAssertEqual(trainable.network.biases[0][0], 0.8, accuracy: 1e-15)
        // frozen: the bias is used (z = 2, δ = 2, w = 0.8) but never changes
        var frozen = try trainer(.sgd, bias: 1, mode: .frozen)
        frozen.step()
        XCTAssertEqual(frozen.network.weight(layer: 0, to: 0, from: 0), 0.8, accuracy: 1e-15)
        XCTAssertEqual(frozen.network.biases[0][0], 1)
        // none: the given bias is ignored (z = 1, δ = 1): w = 0.9, biases all zero
        var none = try trainer(.sgd, bias: 1, mode: .none)
        XCTAssertEqual(none.network.predict([1]), [1])
        none.step()
        XCTAssertEqual(none.network.weight(layer: 0, to: 0, from: 0), 0.9, accuracy: 1e-15)
        XCTAssertEqual(none.network.biases[0][0], 0)
        XCTAssertEqual(none.network.parameterRefs, [.weight(layer: 0, to: 0, from: 0)])
        // frozen biases with adam and momentum stay put as well
        for opt in [Optimizer.momentum(mu: 0.9), .defaultAdam] {
            var t = try trainer(opt, bias: 1, mode: .frozen)
            for _ in 0..<3 { t.step() }
            XCTAssertEqual(t.network.biases[0][0], 1, "\(opt.name)")
        }
    }
}
