import XCTest
@testable import BackpropEngine

/// The kernels against Reference.swift (plain loops, one sample at a time), bit for bit: the
/// recorded path's every intermediate array, the fast path's parameters and optimizer memory, for
/// odd sizes (1, 3, 7, 33, 129 neurons) and batches of 1, 5 and 32, with a smaller last batch.
/// The fast path (step, train) and the recorded path (recordedStep) must also be identical.
final class KernelReferenceTests: XCTestCase {
    static let widths = [1, 3, 7, 33, 129]
    static let batches = [1, 5, 32]
    static let combos: [([Activation], Loss)] = [
        ([.relu, .sigmoid, .softmax], .crossEntropy),
        ([.sigmoid, .tanh, .sigmoid], .bce),
        ([.tanh, .relu, .identity], .mse),
        ([.leakyRelu, .sigmoid, .tanh], .halfSSE),
        ([.relu, .relu, .softmax], .crossEntropy),
    ]
    static let optimizers: [Optimizer] = [.sgd, .momentum(mu: 0.9), .defaultAdam]

    static func dataset(inputs n: Int, outputs k: Int, count: Int, loss: Loss, seed: UInt64) -> Dataset {
        let x = Fixtures.randomMatrix(rows: count, cols: n, low: -1, high: 1, seed: seed)
        let labels = (0..<count).map { ($0 * 7 + 3) % k }
        let y: [[Double]]
        switch loss {
        case .crossEntropy: y = Fixtures.oneHot(labels, classes: k)
        case .bce: y = Fixtures.oneHot(labels, classes: k).map { $0.map { $0 * 0.9 } }
        case .mse, .halfSSE: y = Fixtures.randomMatrix(rows: count, cols: k, low: -1, high: 1, seed: seed + 1)
        }
        return Dataset(inputs: x, targets: y)
    }

    /// Bit patterns equal, with the first difference named when not.
    func assertSameBits(_ got: [Double], _ want: [Double], _ what: @autoclosure () -> String,
                        file: StaticString = #filePath, line: UInt = #line) {
        guard got.count == want.count else {
            return XCTFail("\(what()): \(got.count) values, reference \(want.count)", file: file, line: line)
        }
        let differing = got.indices.filter { got[$0].bitPattern != want[$0].bitPattern }
        if let k = differing.first {
            XCTFail("\(what()): \(differing.count) of \(got.count) differ; first [\(k)] \(got[k]) vs reference \(want[k])",
                    file: file, line: line)
        }
    }

    static func flat(_ g: Reference.Grads) -> [Double] {
        var out: [Double] = []
        for l in g.w.indices { out += g.w[l].flatMap { $0 } + g.b[l] + g.gamma[l] + g.beta[l] }
        return out
    }

    static func flat(_ p: Parameters) -> [Double] { p.allValues }

    /// Every update of `epochs` epochs (and the first of the next, unless `alone`), recorded and
    /// fast, against the reference.
    func check(_ start: Trainer, epochs: Int, alone: Bool = false, _ label: String,
               file: StaticString = #filePath, line: UInt = #line) {
        var fast = start, recorded = start
        var net = Reference.Net(start.network)
        var memory = Reference.Memory(zeroLike: net)
        let data = start.data
        let top = net.sizes.count - 1
        var last: StepTrace? = nil
        for n in 0..<(epochs * start.batchesPerEpoch + (alone ? 0 : 1)) {
            let at = "\(label), update \(n + 1)"
            let indices = recorded.nextBatchIndices
            // reusing the last trace's event table and workspace, as the screen does
            guard let trace = recorded.recordedStep(reusing: last) else {
                return XCTFail("\(at): diverged", file: file, line: line)
            }
            last = trace
            fast.step()
            let ref = Reference.update(&net, &memory, start.config, inputs: indices.map { data.inputs[$0] },
                                       targets: indices.map { data.targets[$0] })
            let b = indices.count
            for l in 0...top {
                // feature-major [j * B + s] in the trace, one array per sample in the reference
                let order = (0..<b).flatMap { s in (0..<net.sizes[l]).map { $0 * b + s } }
                func recorded(_ values: RecordedLayers) -> [Double] { let v = values[l]; return order.map { v[$0] } }
                assertSameBits(recorded(trace.a), ref.passes.flatMap { $0.a[l] }, "\(at): a[\(l)]", file: file, line: line)
                guard l > 0 else { continue }
                assertSameBits(recorded(trace.z), ref.passes.flatMap { $0.z[l] }, "\(at): z[\(l)]", file: file, line: line)
                assertSameBits(recorded(trace.delta), ref.deltas.flatMap { $0[l] }, "\(at): δ[\(l)]",
                               file: file, line: line)
            }
            assertSameBits((0..<b).map { trace.loss(sample: $0) }, ref.sampleLosses, "\(at): sample losses",
                           file: file, line: line)
            assertSameBits([trace.batchLoss], [ref.batchLoss], "\(at): batch loss", file: file, line: line)
            assertSameBits(Self.flat(trace.gradientSum), Self.flat(ref.gradientSum), "\(at): Σ gradient",
                           file: file, line: line)
            assertSameBits(Self.flat(trace.gradient), Self.flat(ref.gradient), "\(at): gradient", file: file, line: line)
            assertSameBits(Self.flat(trace.appliedGradient), Self.flat(ref.applied), "\(at): applied gradient",
                           file: file, line: line)
            assertSameBits(trace.gradientNorm.map { [$0] } ?? [], ref.gradientNorm.map { [$0] } ?? [],
                           "\(at): gradient norm", file: file, line: line)
            // the update: parameters and the optimizer's memory
            assertSameBits(Self.flat(recorded.network.parameters), Self.flat(Reference.Grads(net)),
                           "\(at): parameters after", file: file, line: line)
            if start.config.optimizer != .sgd {
                assertSameBits(Self.flat(recorded.optimizerState.first), Self.flat(memory.first),
                               "\(at): velocity or m", file: file, line: line)
            }
            if case .adam = start.config.optimizer {
                assertSameBits(Self.flat(recorded.optimizerState.second), Self.flat(memory.second), "\(at): v",
                               file: file, line: line)
            }
            if fast != recorded { return XCTFail("\(at): fast path differs from recorded path", file: file, line: line) }
        }
        // train(epochs:) keeps one workspace for the full batches and one for the smaller last batch
        var bulk = start
        bulk.train(epochs: epochs)
        if !alone { bulk.step() }
        XCTAssertTrue(bulk == fast, "\(label): train(epochs:) differs from step()", file: file, line: line)
    }

    func trainer(sizes: [Int], combo: Int, optimizer: Int, batch: Int, reduction: Reduction = .mean,
                 bias: BiasMode = .trainable, clip: Double? = nil, decay: Double = 0, shuffle: Bool = false,
                 seed: UInt64) throws -> Trainer {
        let (acts, loss) = Self.combos[combo]
        let data = Self.dataset(inputs: sizes[0], outputs: sizes.last!, count: batch + 3, loss: loss, seed: seed)
        return try Trainer(network: try Fixtures.randomNetwork(sizes, acts, mode: bias, seed: seed),
                           config: TrainingConfig(loss: loss, reduction: reduction, optimizer: Self.optimizers[optimizer],
                                                  learningRate: 0.05, batchSize: batch, shuffle: shuffle, clipNorm: clip,
                                                  weightDecay: decay, shuffleSeed: seed),
                           data: data)
    }

    func testOddSizesAndBatchesAgainstTheReference() throws {
        // every width in every position of a 4-layer network (in, hidden, hidden, out), with each
        // batch size, cycling through activations, losses, optimizers, reductions and bias modes
        let w = Self.widths
        for (bi, batch) in Self.batches.enumerated() {
            for k in 0..<w.count {
                let sizes = [w[(k + 3) % 5], w[k], w[(k + 1) % 5], w[(k + 2) % 5]]
                let c = (k + bi) % Self.combos.count, o = (k + 2 * bi) % 3
                let modes: [BiasMode] = [.trainable, .frozen, .none]
                let t = try trainer(sizes: sizes, combo: c, optimizer: o, batch: batch,
                                    reduction: (k + bi) % 2 == 0 ? .mean : .sum, bias: modes[(k + bi) % 3],
                                    clip: k == 2 ? 0.05 : nil, decay: k == 4 ? 1e-3 : 0, shuffle: k % 2 == 1,
                                    seed: UInt64(10 * bi + k + 1))
                check(t, epochs: 1, "\(sizes) \(Self.combos[c].0) \(Self.combos[c].1) \(Self.optimizers[o]) batch \(batch)")
            }
        }
    }

    func testWideLayersBothWays() throws {
        // 129 → 129 → 33: blocks and remainders in the inputs, outputs and samples at once
        check(try trainer(sizes: [129, 129, 33, 7], combo: 0, optimizer: 2, batch: 32, seed: 77), epochs: 1, alone: true,
              "129-129-33-7 adam")
        check(try trainer(sizes: [33, 129, 129, 3], combo: 2, optimizer: 1, batch: 5, reduction: .sum, clip: 0.5,
                          seed: 78), epochs: 1, alone: true, "33-129-129-3 momentum")
    }

    func testEveryActivationAndLossAtOneSize() throws {
        for c in Self.combos.indices {
            for o in Self.optimizers.indices {
                check(try trainer(sizes: [7, 33, 3, 7], combo: c, optimizer: o, batch: 5, seed: UInt64(100 + 3 * c + o)),
                      epochs: 1, "7-33-3-7 \(Self.combos[c]) \(Self.optimizers[o])")
            }
        }
    }

    func testWholeSetGradientLossAndPrediction() throws {
        // Trainer.gradient/loss and Network.predict run the kernels on the whole set as one batch
        for (k, count) in [1, 3, 7, 33, 129].enumerated() {
            let (acts, loss) = Self.combos[k]
            let sizes = [7, 33, 3, 7]
            let data = Self.dataset(inputs: 7, outputs: 7, count: count, loss: loss, seed: UInt64(200 + k))
            let network = try Fixtures.randomNetwork(sizes, acts, seed: UInt64(300 + k))
            let net = Reference.Net(network)
            for reduction in Reduction.allCases {
                let ref = Reference.batch(net, loss, reduction, inputs: data.inputs, targets: data.targets)
                assertSameBits(Self.flat(Trainer.gradient(of: network, on: data, loss: loss, reduction: reduction)),
                               Self.flat(ref.gradient), "\(count) samples \(loss) \(reduction): gradient")
                assertSameBits([Trainer.loss(of: network, on: data, loss: loss, reduction: reduction)], [ref.batchLoss],
                               "\(count) samples \(loss) \(reduction): loss")
            }
            assertSameBits(network.predict(batch: data.inputs).flatMap { $0 },
                           data.inputs.flatMap { Reference.forward(net, $0).a[3] }, "\(count) samples: predict")
        }
    }

    /// The oracle checked on its own: its backward pass against central differences of its own loss.
    func testReferenceGradientAgainstCentralDifferences() throws {
        for (c, (acts, loss)) in Self.combos.enumerated() {
            let data = Self.dataset(inputs: 3, outputs: 3, count: 4, loss: loss, seed: UInt64(400 + c))
            let net = Reference.Net(try Fixtures.randomNetwork([3, 4, 5, 3], acts, seed: UInt64(500 + c)))
            let step = Reference.batch(net, loss, .mean, inputs: data.inputs, targets: data.targets)
            let h = 1e-6
            func lossAfter(_ change: (inout Reference.Net) -> Void) -> Double {
                var n = net
                change(&n)
                return Reference.batch(n, loss, .mean, inputs: data.inputs, targets: data.targets).batchLoss
            }
            for l in 0..<3 {
                for j in net.w[l].indices {
                    for i in net.w[l][j].indices {
                        let numerical = (lossAfter { $0.w[l][j][i] += h } - lossAfter { $0.w[l][j][i] -= h }) / (2 * h)
                        XCTAssertEqual(step.gradient.w[l][j][i], numerical, accuracy: 1e-7, "\(loss) w[\(l)][\(j)][\(i)]")
                    }
                    let numerical = (lossAfter { $0.b[l][j] += h } - lossAfter { $0.b[l][j] -= h }) / (2 * h)
                    XCTAssertEqual(step.gradient.b[l][j], numerical, accuracy: 1e-7, "\(loss) b[\(l)][\(j)]")
                }
            }
        }
    }
}

extension Reference.Grads {
    /// The parameters of a reference network, in the shape of a gradient (for flattening).
    init(_ net: Reference.Net) {
        self.init(zeroLike: net)
        w = net.w
        b = net.b
        gamma = net.gamma
        beta = net.beta
    }
}
