import XCTest
@testable import BackpropEngine

/// Backprop against central differences on seeded random 3-4-3-K networks (two hidden layers,
/// trainable non-zero biases, 4 samples) for every sensible activation × loss pair and both
/// reductions. The expected values are finite differences of the loss, not backprop.
final class GradientCheckTests: XCTestCase {
    static let hidden: [Activation] = [.identity, .sigmoid, .tanh, .relu, .leakyRelu]
    /// output activation, loss, outputs
    static let heads: [(Activation, Loss, Int)] = [
        (.identity, .mse, 2), (.identity, .halfSSE, 2),
        (.sigmoid, .mse, 2), (.sigmoid, .halfSSE, 2),
        (.tanh, .mse, 2), (.tanh, .halfSSE, 2),
        (.sigmoid, .bce, 2), (.softmax, .crossEntropy, 3),
    ]

    static func targets(_ act: Activation, _ loss: Loss, outputs k: Int, seed: UInt64) -> [[Double]] {
        switch (act, loss) {
        case (_, .crossEntropy): return Fixtures.oneHot([0, 2, 1, 2], classes: k)
        case (_, .bce): return [[1, 0], [0, 1], [0.3, 1], [0, 0.8]]
        case (.sigmoid, _): return Fixtures.randomMatrix(rows: 4, cols: k, low: 0.05, high: 0.95, seed: seed)
        case (.tanh, _): return Fixtures.randomMatrix(rows: 4, cols: k, low: -0.9, high: 0.9, seed: seed)
        default: return Fixtures.randomMatrix(rows: 4, cols: k, low: -2, high: 2, seed: seed)
        }
    }

    func testEveryActivationAndLossPair() throws {
        var checked = 0
        for (h, hiddenAct) in Self.hidden.enumerated() {
            for (o, (outAct, loss, k)) in Self.heads.enumerated() {
                for reduction in Reduction.allCases {
                    let seed = UInt64(100 + 10 * h + o)
                    let net = try Fixtures.randomNetwork([3, 4, 3, k], [hiddenAct, hiddenAct, outAct], seed: seed)
                    let data = Dataset(inputs: Fixtures.randomMatrix(rows: 4, cols: 3, low: -1.5, high: 1.5, seed: seed),
                                       targets: Self.targets(outAct, loss, outputs: k, seed: seed + 7))
                    let check = GradientCheck(network: net, data: data, loss: loss, reduction: reduction, step: 1e-5)
                    XCTAssertEqual(check.entries.count, 3 * 4 + 4 + 4 * 3 + 3 + 3 * k + k)
                    let label = "\(hiddenAct.rawValue) → \(outAct.rawValue)/\(loss.rawValue), \(reduction.rawValue)"
                    // A central difference is only good to ~1e-10 absolute (rounding of the loss ÷ 2h), so
                    // the relative error is judged where the gradient is at least 1e-4, and the absolute
                    // error everywhere.
                    let sized = check.entries.filter { max(abs($0.backprop), abs($0.numerical)) >= 1e-4 }
                    for e in sized { XCTAssertLessThan(e.relativeError, 1e-6, "\(label): \(e)") }
                    for e in check.entries { XCTAssertLessThan(abs(e.backprop - e.numerical), 1e-8, "\(label): \(e)") }
                    // not vacuous: most gradients are of a size where the relative error is judged
                    // (relu's dead units give exact zeros)
                    XCTAssertGreaterThan(sized.count, check.entries.count * 2 / 3, label)
                    checked += 1
                }
            }
        }
        XCTAssertEqual(checked, 5 * 8 * 2)
    }

    /// Batches of 8 or more take the kernel's vectorized loops: check those too.
    func testLargeBatchPath() throws {
        for (h, head) in [(Activation.tanh, Self.heads[7]), (.relu, Self.heads[6]), (.leakyRelu, Self.heads[0]),
                          (.sigmoid, Self.heads[5])].enumerated() {
            let (hiddenAct, (outAct, loss, k)) = (head.0, head.1)
            let seed = UInt64(300 + h)
            let net = try Fixtures.randomNetwork([3, 4, 3, k], [hiddenAct, hiddenAct, outAct], seed: seed)
            let x = Fixtures.randomMatrix(rows: 12, cols: 3, low: -1.5, high: 1.5, seed: seed)
            let y: [[Double]]
            switch loss {
            case .crossEntropy: y = Fixtures.oneHot((0..<12).map { $0 % k }, classes: k)
            case .bce: y = (0..<12).map { s in (0..<k).map { Double(($0 + s) % 2) } }
            default: y = Fixtures.randomMatrix(rows: 12, cols: k, low: -0.9, high: 0.9, seed: seed + 7)
            }
            let data = Dataset(inputs: x, targets: y)
            let check = GradientCheck(network: net, data: data, loss: loss, reduction: .mean, step: 1e-5)
            for e in check.entries where max(abs(e.backprop), abs(e.numerical)) >= 1e-4 {
                XCTAssertLessThan(e.relativeError, 1e-6, "\(hiddenAct.rawValue)/\(loss.rawValue): \(e)")
            }
            // the batch's summed gradient is the per-sample gradients added in order (s = 0, 1, …),
            // whichever loops computed them
            var total = [Double](repeating: 0, count: net.parameters.allValues.count)
            for s in 0..<12 {
                let one = Trainer.gradient(of: net, on: Dataset(inputs: [x[s]], targets: [y[s]]), loss: loss,
                                           reduction: .sum).allValues
                for k in total.indices { total[k] += one[k] }
            }
            XCTAssertEqual(Trainer.gradient(of: net, on: data, loss: loss, reduction: .sum).allValues, total,
                           "\(hiddenAct.rawValue)/\(loss.rawValue)")
        }
    }

    func testCustomLeakySlopeAndFrozenBiases() throws {
        var net = try Fixtures.randomNetwork([3, 4, 3, 2], [.leakyRelu, .leakyRelu, .identity], mode: .frozen, seed: 4)
        net.leakySlope = 0.2
        let data = Dataset(inputs: Fixtures.randomMatrix(rows: 4, cols: 3, low: -1.5, high: 1.5, seed: 4),
                           targets: Fixtures.randomMatrix(rows: 4, cols: 2, low: -1, high: 1, seed: 5))
        let check = GradientCheck(network: net, data: data, loss: .halfSSE, reduction: .mean, step: 1e-5)
        for e in check.entries where max(abs(e.backprop), abs(e.numerical)) >= 1e-4 {
            XCTAssertLessThan(e.relativeError, 1e-6, "\(e)")
        }
        // frozen biases are still checked (their gradient exists)
        XCTAssertTrue(check.entries.contains { $0.parameter == .bias(layer: 0, neuron: 0) })
    }

    func testNumericalHalfSSEIsThreeHalvesOfBackpropMSE() throws {
        // Central differences see a different loss: ∂(half-sse)/∂ŷ = ŷ − y, ∂(mse)/∂ŷ = 2(ŷ − y)/K,
        // so with K = 3 every numerical half-sse gradient is 3/2 of backprop's mse gradient.
        let net = try Fixtures.randomNetwork([2, 3], [.identity], seed: 1)
        let data = Dataset(inputs: [[0.5, -1]], targets: [[1, 0, 2]])
        let analytic = Trainer.gradient(of: net, on: data, loss: .mse, reduction: .mean)
        let numerical = GradientCheck(network: net, data: data, loss: .halfSSE, reduction: .mean)
        // half-sse gradients are 3/2 the mse ones
        for e in numerical.entries where abs(e.numerical) > 1e-6 {
            XCTAssertEqual(e.numerical / analytic[e.parameter], 1.5, accuracy: 1e-6)
        }
    }

    /// The passes a check runs, counted as it runs them, are what `Cost` says without running
    /// them: two forward passes per parameter against backprop's one forward and one backward.
    func testCountedPassesMatchTheCost() throws {
        let net = try Fixtures.randomNetwork([3, 4, 2], [.sigmoid, .sigmoid], seed: 5)
        let data = Dataset(inputs: Fixtures.randomMatrix(rows: 4, cols: 3, low: -1, high: 1, seed: 6),
                           targets: Fixtures.randomMatrix(rows: 4, cols: 2, low: 0.1, high: 0.9, seed: 7))
        let check = GradientCheck(network: net, data: data, loss: .mse, reduction: .mean)
        let cost = GradientCheck.Cost(network: net)
        XCTAssertEqual(cost.parameters, 3 * 4 + 4 + 4 * 2 + 2)
        XCTAssertEqual(check.numericalForwardPasses, 2 * 26)
        XCTAssertEqual(check.numericalForwardPasses, cost.numericalForwardPasses)
        XCTAssertEqual(check.backpropForwardPasses, 1)
        XCTAssertEqual(check.backpropBackwardPasses, 1)
        XCTAssertEqual(cost.ratio, 26)
        // the article's MNIST network: 784·128 + 128 + 128·64 + 64 + 64·10 + 10
        let article = try GradientCheck.Cost(layerSizes: [784, 128, 64, 10])
        XCTAssertEqual(article.parameters, 109_386)
        XCTAssertEqual(article.numericalForwardPasses, 218_772)
        XCTAssertEqual(try GradientCheck.Cost(layerSizes: [2, 2, 2], biases: false).parameters, 8)
    }
}
