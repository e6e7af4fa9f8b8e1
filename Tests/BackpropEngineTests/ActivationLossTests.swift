import XCTest
@testable import BackpropEngine

/// Activations, losses and their derivatives against hand-computed numbers, or numbers printed
/// once by `benchmarks/reference/engine_reference.py values` (marked "ref").
final class ActivationTests: XCTestCase {
    let slope = 0.01

    func testIdentity() {
        XCTAssertEqual(Activation.identity.apply(-2.5, slope: slope), -2.5)
        XCTAssertEqual(Activation.identity.derivative(z: -2.5, a: -2.5, slope: slope), 1)
    }

    func testSigmoid() {
        let f = Activation.sigmoid
        // σ(0) = 1/(1+1) = 0.5, σ′ = 0.5·0.5 = 0.25
        XCTAssertEqual(f.apply(0, slope: slope), 0.5)
        XCTAssertEqual(f.derivative(z: 0, a: 0.5, slope: slope), 0.25)
        // ref: σ(2) = 0.8807970779778823, σ′(2) = σ(1−σ) = 0.10499358540350662, σ(−3) = 0.04742587317756678
        let a2 = f.apply(2, slope: slope)
        XCTAssertEqual(a2, 0.8807970779778823, accuracy: 1e-15)
        XCTAssertEqual(f.derivative(z: 2, a: a2, slope: slope), 0.10499358540350662, accuracy: 1e-15)
        XCTAssertEqual(f.apply(-3, slope: slope), 0.04742587317756678, accuracy: 1e-15)
        // large |z|: 1/(1+e^800) = 1/∞ = 0, 1/(1+e^−800) = 1; never NaN
        XCTAssertEqual(f.apply(-800, slope: slope), 0)
        XCTAssertEqual(f.apply(800, slope: slope), 1)
        XCTAssertEqual(f.derivative(z: 800, a: 1, slope: slope), 0)
    }

    func testTanh() {
        let f = Activation.tanh
        XCTAssertEqual(f.apply(0, slope: slope), 0)
        XCTAssertEqual(f.derivative(z: 0, a: 0, slope: slope), 1)   // 1 − 0²
        // ref: tanh(0.5) = 0.46211715726000974, 1 − a² = 0.7864477329659274
        let a = f.apply(0.5, slope: slope)
        XCTAssertEqual(a, 0.46211715726000974, accuracy: 1e-15)
        XCTAssertEqual(f.derivative(z: 0.5, a: a, slope: slope), 0.7864477329659274, accuracy: 1e-15)
        XCTAssertEqual(f.apply(-0.5, slope: slope), -0.46211715726000974, accuracy: 1e-15) // odd function
        XCTAssertEqual(f.apply(1000, slope: slope), 1)
        XCTAssertEqual(f.apply(-1000, slope: slope), -1)
    }

    func testRelu() {
        let f = Activation.relu
        XCTAssertEqual(f.apply(3, slope: slope), 3)
        XCTAssertEqual(f.apply(-2, slope: slope), 0)
        XCTAssertEqual(f.apply(0, slope: slope), 0)
        XCTAssertEqual(f.derivative(z: 3, a: 3, slope: slope), 1)
        XCTAssertEqual(f.derivative(z: -2, a: 0, slope: slope), 0)
        // at 0 the convention is f′(0) = 0 (z > 0 is the active side)
        XCTAssertEqual(f.derivative(z: 0, a: 0, slope: slope), 0)
    }

    func testLeakyRelu() throws {
        let f = Activation.leakyRelu
        XCTAssertEqual(f.apply(3, slope: 0.01), 3)
        XCTAssertEqual(f.apply(-2, slope: 0.01), -0.02, accuracy: 1e-17)   // 0.01·(−2)
        XCTAssertEqual(f.apply(-2, slope: 0.2), -0.4, accuracy: 1e-16)     // other slope: 0.2·(−2)
        XCTAssertEqual(f.derivative(z: 3, a: 3, slope: 0.01), 1)
        XCTAssertEqual(f.derivative(z: -2, a: -0.02, slope: 0.01), 0.01)
        XCTAssertEqual(f.derivative(z: 0, a: 0, slope: 0.01), 0.01)
        // the network's default slope is 0.01
        let net = try Network(layerSizes: [1, 1], activations: [.leakyRelu], biasMode: .none,
                              weights: [[[1]]], biases: nil)
        XCTAssertEqual(net.leakySlope, 0.01)
        XCTAssertEqual(net.predict([-3])[0], -0.03, accuracy: 1e-17)
    }

    func testSoftmaxValuesSumAndShiftInvariance() {
        // ref: softmax(1, 2, 3) = (0.09003057317038046, 0.24472847105479764, 0.6652409557748218)
        let want = [0.09003057317038046, 0.24472847105479764, 0.6652409557748218]
        let s = Activation.softmax([1, 2, 3])
        assertClose(s.values, want, accuracy: 1e-15)
        XCTAssertEqual(s.values.reduce(0, +), 1, accuracy: 1e-15)
        // shift = max z = 3; denominator = e^−2 + e^−1 + 1 = 0.1353352832366127 + 0.36787944117144233 + 1
        XCTAssertEqual(s.shift, 3)
        XCTAssertEqual(s.denominator, 1.5032147244080551, accuracy: 1e-15)
        // shift invariance: adding 1000 to every z changes nothing
        assertClose(Activation.softmax([1001, 1002, 1003]).values, want, accuracy: 1e-15)
        assertClose(Activation.softmax([-999, -998, -997]).values, want, accuracy: 1e-15)
        // large |z| never overflows: e^(z − max) ≤ 1
        let big = Activation.softmax([1000, 0, -1000]).values
        XCTAssertEqual(big, [1, 0, 0])   // e^−1000 underflows to 0, 1/1 = 1
        XCTAssertFalse(big.contains { !$0.isFinite })
    }

    func testSoftmaxLayerInTheNetwork() throws {
        // 1-3 softmax, no bias, x = 1: z = w, so the outputs are softmax(w)
        let net = try Network(layerSizes: [1, 3], activations: [.softmax], biasMode: .none,
                              weights: [[[1], [2], [3]]], biases: nil)
        assertClose(net.predict([1]), [0.09003057317038046, 0.24472847105479764, 0.6652409557748218], accuracy: 1e-15)
        let huge = try Network(layerSizes: [1, 3], activations: [.softmax], biasMode: .none,
                               weights: [[[1000], [0], [-1000]]], biases: nil)
        XCTAssertEqual(huge.predict([1]), [1, 0, 0])
        // two samples at once: each column sums to 1
        for row in net.predict(batch: [[1], [-4]]) { XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-15) }
    }
}

final class LossTests: XCTestCase {
    /// 1-3 identity network without bias, x = 1: the predictions are the weights.
    func identityNet(_ p: [Double]) throws -> Network {
        try Network(layerSizes: [1, p.count], activations: [.identity], biasMode: .none,
                    weights: [p.map { [$0] }], biases: nil)
    }

    func testMSEAndHalfSSEWithGradients() throws {
        // ŷ = (0.8, 0.2, 0.5), y = (1, 0, 0.5): squared errors 0.04, 0.04, 0
        let net = try identityNet([0.8, 0.2, 0.5])
        let data = Dataset(inputs: [[1]], targets: [[1, 0, 0.5]])
        // mse = (0.04 + 0.04 + 0)/3 = 0.02666…
        XCTAssertEqual(Trainer.loss(of: net, on: data, loss: .mse, reduction: .mean), 0.08 / 3, accuracy: 1e-15)
        // half-sse = ½(0.04 + 0.04) = 0.04
        XCTAssertEqual(Trainer.loss(of: net, on: data, loss: .halfSSE, reduction: .mean), 0.04, accuracy: 1e-15)
        // ∂mse/∂ŷ = 2(ŷ − y)/3 = (−0.4/3, 0.4/3, 0); identity: ∂/∂w_k = that · x (x = 1)
        let gm = Trainer.gradient(of: net, on: data, loss: .mse, reduction: .mean)
        assertClose(gm.weights[0], [-0.4 / 3, 0.4 / 3, 0], accuracy: 1e-15)
        // ∂half-sse/∂ŷ = ŷ − y = (−0.2, 0.2, 0)
        let gh = Trainer.gradient(of: net, on: data, loss: .halfSSE, reduction: .mean)
        assertClose(gh.weights[0], [-0.2, 0.2, 0], accuracy: 1e-15)
        // the per-output formulas themselves
        XCTAssertEqual(Loss.mse.gradient(prediction: 0.8, target: 1, outputs: 3), -0.4 / 3, accuracy: 1e-15)
        XCTAssertEqual(Loss.halfSSE.gradient(prediction: 0.8, target: 1, outputs: 3), -0.2, accuracy: 1e-15)
        XCTAssertEqual(Loss.mse.share(prediction: 0.8, target: 1, z: 0.8, outputs: 3, logSumExp: 0), 0.04 / 3,
                       accuracy: 1e-15)
    }

    func testMSEChainRuleThroughSigmoid() throws {
        // 1-1 sigmoid, w = 2, x = 1, y = 0: ŷ = σ(2) = 0.8807970779778823 (ref)
        // mse = ŷ² = 0.7758034925743758; ∂/∂w = 2ŷ · σ′ · x = 2 · 0.8807970779778823 · 0.10499358540350662
        let net = try Fixtures.line(w: 2, activation: .sigmoid)
        let data = Dataset(inputs: [[1]], targets: [[0]])
        XCTAssertEqual(Trainer.loss(of: net, on: data, loss: .mse, reduction: .mean),
                       0.8807970779778823 * 0.8807970779778823, accuracy: 1e-15)
        XCTAssertEqual(Trainer.gradient(of: net, on: data, loss: .mse, reduction: .mean).weights[0][0],
                       2 * 0.8807970779778823 * 0.10499358540350662, accuracy: 1e-15)
    }

    func testBCE() throws {
        // ref: z = 2, y = 1: −log σ(2) = 0.12692801104297263; y = 0: −log(1 − σ(2)) = 2.1269280110429714
        let one = try Fixtures.line(w: 2, activation: .sigmoid)
        XCTAssertEqual(Trainer.loss(of: one, on: Dataset(inputs: [[1]], targets: [[1]]), loss: .bce, reduction: .mean),
                       0.12692801104297263, accuracy: 1e-15)
        XCTAssertEqual(Trainer.loss(of: one, on: Dataset(inputs: [[1]], targets: [[0]]), loss: .bce, reduction: .mean),
                       2.1269280110429714, accuracy: 1e-14)
        // δ = σ(z) − y = 0.8807970779778823 − 1 = −0.11920292202211769 (ref); x = 1
        XCTAssertEqual(Trainer.gradient(of: one, on: Dataset(inputs: [[1]], targets: [[1]]), loss: .bce,
                                        reduction: .mean).weights[0][0], -0.11920292202211769, accuracy: 1e-15)
        // two outputs z = (2, −1), y = (0, 0.3): loss is the mean over outputs (ref 1.370094849280597),
        // δ_k = (σ(z_k) − y_k)/2 (ref 0.44039853898894116, −0.015529289315002442)
        let two = try Network(layerSizes: [1, 2], activations: [.sigmoid], biasMode: .none,
                              weights: [[[2], [-1]]], biases: nil)
        let data = Dataset(inputs: [[1]], targets: [[0, 0.3]])
        XCTAssertEqual(Trainer.loss(of: two, on: data, loss: .bce, reduction: .mean), 1.370094849280597, accuracy: 1e-14)
        assertClose(Trainer.gradient(of: two, on: data, loss: .bce, reduction: .mean).weights[0],
                    [0.44039853898894116, -0.015529289315002442], accuracy: 1e-15)
    }

    func testBCEStableForExtremeZ() throws {
        // max(z,0) − z·y + log(1 + e^−|z|):
        // z = 1000, y = 0 → 1000 − 0 + log1p(0) = 1000; z = −1000, y = 1 → 0 + 1000 + 0 = 1000; z = 1000, y = 1 → 0
        func check(_ w: Double, _ y: Double, loss want: Double, delta: Double) throws {
            let net = try Fixtures.line(w: w, activation: .sigmoid)
            let data = Dataset(inputs: [[1]], targets: [[y]])
            XCTAssertEqual(Trainer.loss(of: net, on: data, loss: .bce, reduction: .mean), want)
            // δ = σ(z) − y with σ(±1000) = 1 or 0 exactly
            XCTAssertEqual(Trainer.gradient(of: net, on: data, loss: .bce, reduction: .mean).weights[0][0], delta)
        }
        try check(1000, 0, loss: 1000, delta: 1)
        try check(-1000, 1, loss: 1000, delta: -1)
        try check(1000, 1, loss: 0, delta: 0)
        try check(-1000, 0, loss: 0, delta: 0)
    }

    func testCrossEntropy() throws {
        // 1-3 softmax, z = (1, 2, 3), class 2: −log softmax_2 = log Σe^z − 3 = 0.4076059644443806 (ref)
        let net = try Network(layerSizes: [1, 3], activations: [.softmax], biasMode: .none,
                              weights: [[[1], [2], [3]]], biases: nil)
        let data = Dataset(inputs: [[1]], targets: [[0, 0, 1]])
        XCTAssertEqual(Trainer.loss(of: net, on: data, loss: .crossEntropy, reduction: .mean),
                       0.4076059644443806, accuracy: 1e-15)
        // δ = ŷ − y = (0.09003057317038046, 0.24472847105479764, 0.6652409557748218 − 1 = −0.3347590442251782)
        assertClose(Trainer.gradient(of: net, on: data, loss: .crossEntropy, reduction: .mean).weights[0],
                    [0.09003057317038046, 0.24472847105479764, -0.3347590442251782], accuracy: 1e-15)
    }

    func testCrossEntropyStableForExtremeZ() throws {
        // z = (1000, 0, −1000): log Σe^z = 1000 + log(1 + e^−1000 + e^−2000) = 1000 exactly in doubles
        let net = try Network(layerSizes: [1, 3], activations: [.softmax], biasMode: .none,
                              weights: [[[1000], [0], [-1000]]], biases: nil)
        let wrong = Dataset(inputs: [[1]], targets: [[0, 0, 1]])
        // −log ŷ_2 = 1000 − (−1000) = 2000 although ŷ_2 = 0 (no log 0)
        XCTAssertEqual(Trainer.loss(of: net, on: wrong, loss: .crossEntropy, reduction: .mean), 2000)
        XCTAssertEqual(Trainer.gradient(of: net, on: wrong, loss: .crossEntropy, reduction: .mean).weights[0], [1, 0, -1])
        let right = Dataset(inputs: [[1]], targets: [[1, 0, 0]])
        XCTAssertEqual(Trainer.loss(of: net, on: right, loss: .crossEntropy, reduction: .mean), 0)
        XCTAssertEqual(Trainer.gradient(of: net, on: right, loss: .crossEntropy, reduction: .mean).weights[0], [0, 0, 0])
    }

    func testBatchLossMeanAndSum() throws {
        // 1-1 identity, w = 1, half-sse, x = (1, 2, 3), y = 0: sample losses ½, 2, 4.5
        let net = try Fixtures.line(w: 1)
        let data = Dataset(inputs: [[1], [2], [3]], targets: [[0], [0], [0]])
        XCTAssertEqual(Trainer.loss(of: net, on: data, loss: .halfSSE, reduction: .sum), 7)
        XCTAssertEqual(Trainer.loss(of: net, on: data, loss: .halfSSE, reduction: .mean), 7.0 / 3, accuracy: 1e-15)
        // gradient: Σ w·x² = 14 (sum), 14/3 (mean)
        XCTAssertEqual(Trainer.gradient(of: net, on: data, loss: .halfSSE, reduction: .sum).weights[0][0], 14)
        XCTAssertEqual(Trainer.gradient(of: net, on: data, loss: .halfSSE, reduction: .mean).weights[0][0], 14.0 / 3,
                       accuracy: 1e-15)
    }
}
