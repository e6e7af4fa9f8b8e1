import XCTest
@testable import BackpropEngine

/// The recorded path (StepTrace) against the fast path, and the recorded events against each other.
final class RecordedPathTests: XCTestCase {
    static func richTrainer(_ opt: Optimizer, loss: Loss, acts: [Activation], reduction: Reduction = .mean,
                            clip: Double? = 0.5, decay: Double = 1e-3, batch: Int = 3, seed: UInt64 = 21) throws -> Trainer {
        let k = 3
        let x = Fixtures.randomMatrix(rows: 10, cols: 4, low: -1, high: 1, seed: seed)
        let labels = (0..<10).map { ($0 * 7 + 1) % k }
        let y: [[Double]]
        switch loss {
        case .crossEntropy: y = Fixtures.oneHot(labels, classes: k)
        case .bce: y = Fixtures.oneHot(labels, classes: k).map { $0.map { $0 * 0.9 } }
        default: y = Fixtures.randomMatrix(rows: 10, cols: k, low: -1, high: 1, seed: seed + 1)
        }
        return try Trainer(network: Fixtures.randomNetwork([4, 6, 5, k], acts, seed: seed),
                           config: TrainingConfig(loss: loss, reduction: reduction, optimizer: opt, learningRate: 0.05,
                                                  batchSize: batch, shuffle: true, clipNorm: clip, weightDecay: decay,
                                                  shuffleSeed: seed),
                           data: Dataset(inputs: x, targets: y))
    }

    func assertBitForBit(_ start: Trainer, epochs: Int, file: StaticString = #filePath, line: UInt = #line) {
        var fast = start, recorded = start, bulk = start
        let steps = epochs * start.batchesPerEpoch
        for n in 0..<steps {
            fast.step()
            guard let trace = recorded.recordedStep() else { return XCTFail("diverged", file: file, line: line) }
            XCTAssertEqual(trace.after, recorded)
            if fast != recorded { return XCTFail("differs after update \(n + 1)", file: file, line: line) }
        }
        bulk.train(epochs: epochs)
        XCTAssertEqual(bulk, fast, "train(epochs:) reuses workspaces", file: file, line: line)
        XCTAssertEqual(fast.epoch, epochs, file: file, line: line)
        XCTAssertNotEqual(fast.network, start.network, file: file, line: line)
    }

    func testFastEqualsRecordedSoftmaxAdamClipDecayShuffle() throws {
        // 10 samples in batches of 3 (the last has 1), 40 epochs = 160 updates
        assertBitForBit(try Self.richTrainer(.defaultAdam, loss: .crossEntropy, acts: [.relu, .tanh, .softmax]), epochs: 40)
    }

    func testResidualStepsAreConsistentAndBitForBit() throws {
        var t = try Self.richTrainer(.defaultAdam, loss: .crossEntropy, acts: [.sigmoid, .sigmoid, .softmax])
        var net = try Fixtures.randomNetwork([4, 6, 6, 3], [.sigmoid, .sigmoid, .softmax], seed: 5)
        try net.setResidual([ResidualSkip(from: 1, to: 2)])
        t = try Trainer(network: net, config: t.config, data: t.data)
        assertBitForBit(t, epochs: 5)
        let trace = try XCTUnwrap(t.recordedStep())
        checkConsistency(trace)
        XCTAssertEqual(trace.filter { if case .residualSum = $0.kind { return true } else { return false } }.count, 3 * 6)
        XCTAssertEqual(trace.filter { if case .residualDelta = $0.kind { return true } else { return false } }.count, 3 * 6)
    }

    func testFastEqualsRecordedOtherCombinations() throws {
        assertBitForBit(try Self.richTrainer(.momentum(mu: 0.9), loss: .bce, acts: [.leakyRelu, .sigmoid, .sigmoid],
                                             reduction: .sum, clip: 0.1, batch: 4), epochs: 25)
        assertBitForBit(try Self.richTrainer(.sgd, loss: .mse, acts: [.tanh, .identity, .identity], clip: nil, decay: 0,
                                             batch: 1), epochs: 10)
        assertBitForBit(try Self.richTrainer(.defaultAdam, loss: .halfSSE, acts: [.sigmoid, .relu, .tanh], batch: 0),
                        epochs: 50)
    }

    /// Each event's numbers, checked against the other events and the trainer before/after.
    func checkConsistency(_ trace: StepTrace, file: StaticString = #filePath, line: UInt = #line) {
        let net = trace.before.network
        let b = trace.batchCount
        for s in 0..<b {
            for i in 0..<net.layerSizes[0] {
                XCTAssertEqual(trace.activation(sample: s, layer: 0, neuron: i), trace.inputs[s][i],
                               "the batch's inputs", file: file, line: line)
            }
            XCTAssertEqual(trace.inputs[s], trace.before.data.inputs[trace.sampleIndices[s]])
        }
        var perSample: [ParameterRef: [Double]] = [:]
        var sampleLosses: [Double] = []
        for event in trace {
            switch event.kind {
            case .weightedSum(let n, let terms, let bias, let sum):
                var acc = 0.0
                for (i, t) in terms.enumerated() {
                    XCTAssertEqual(t.left, net.weight(layer: n.layer - 1, to: n.index, from: i), file: file, line: line)
                    XCTAssertEqual(t.right, trace.activation(sample: event.sample!, layer: n.layer - 1, neuron: i),
                                   file: file, line: line)
                    XCTAssertEqual(t.value, t.left * t.right, file: file, line: line)
                    acc += t.value
                }
                if let bias { acc += bias }
                XCTAssertEqual(acc, sum, "terms add up to z", file: file, line: line)
                XCTAssertEqual(sum, trace.weightedSum(sample: event.sample!, layer: n.layer, neuron: n.index),
                               file: file, line: line)
            case .activation(let n, let f, let z, let value, let softmax):
                if let softmax {
                    XCTAssertEqual(value, softmax.exponential / softmax.denominator, accuracy: 1e-15, file: file, line: line)
                    XCTAssertEqual(f, .softmax)
                } else {
                    XCTAssertEqual(value, f.apply(z, slope: net.leakySlope), file: file, line: line)
                }
                // where a skip leads in, the activation event gives f(z); the residual sum gives a
                if net.skip(into: n.layer) == nil {
                    XCTAssertEqual(value, trace.activation(sample: event.sample!, layer: n.layer, neuron: n.index))
                }
            case .residualSum(let n, let f, let from, let activated, let skip, let value):
                let s = event.sample!
                XCTAssertEqual(activated, f.apply(trace.weightedSum(sample: s, layer: n.layer, neuron: n.index),
                                                  slope: net.leakySlope), file: file, line: line)
                XCTAssertEqual(skip, trace.activation(sample: s, layer: from.layer, neuron: from.index), file: file, line: line)
                XCTAssertEqual(activated + skip, value, file: file, line: line)
                XCTAssertEqual(value, trace.activation(sample: s, layer: n.layer, neuron: n.index), file: file, line: line)
            case .residualDelta(let n, _, let terms, let skip, let sum, _, _, let derivative, let delta):
                var acc = 0.0
                for t in terms { acc += t.value }
                XCTAssertEqual(acc, skip.throughLayer, file: file, line: line)
                XCTAssertEqual(skip.throughLayer + skip.alongSkip, sum, file: file, line: line)
                XCTAssertEqual(sum * derivative, delta, file: file, line: line)
                XCTAssertEqual(delta, trace.delta(sample: event.sample!, layer: n.layer, neuron: n.index), file: file, line: line)
            case .batchStatistics, .normalization, .normalizationGradient, .normalizationDelta:
                break   // BatchNormTests
            case .sampleLoss(_, let shares, let value):
                var acc = 0.0
                for s in shares { acc += s }
                XCTAssertEqual(acc, value, file: file, line: line)
                XCTAssertEqual(value, trace.loss(sample: event.sample!))
                sampleLosses.append(value)
            case .batchLoss(let reduction, let losses, let value):
                XCTAssertEqual(losses, sampleLosses, file: file, line: line)
                let total = losses.reduce(0, +)
                XCTAssertEqual(value, reduction == .mean ? total / Double(b) : total, file: file, line: line)
            case .outputDelta(let n, let loss, let p, let y, let lossGradient, let derivative, let delta, let fused):
                let k = Double(net.layerSizes.last!)
                let written: Double
                switch loss {
                case .mse: written = 2 * (p - y) / k
                case .halfSSE: written = p - y
                case .bce: written = (p - y) / (p * (1 - p) * k)
                case .crossEntropy: written = y == 0 ? 0 : -y / p
                }
                XCTAssertEqual(lossGradient, written, accuracy: 1e-12 * max(1, abs(written)), file: file, line: line)
                XCTAssertEqual(lossGradient, trace.lossGradient(sample: event.sample!, output: n.index), file: file, line: line)
                let slope = trace.activationSlope(sample: event.sample!, layer: n.layer, neuron: n.index)
                XCTAssertEqual(slope, derivative, file: file, line: line)
                if net.activations.last == .sigmoid { XCTAssertEqual(slope!, p * (1 - p), file: file, line: line) }
                if fused {
                    XCTAssertEqual(delta, trace.config.loss == .bce ? (p - y) / Double(net.layerSizes.last!) : p - y,
                                   file: file, line: line)
                } else {
                    XCTAssertEqual(lossGradient * derivative!, delta, file: file, line: line)
                }
            case .hiddenDelta(let n, _, let terms, let sum, _, _, let derivative, let delta):
                var acc = 0.0
                for (j, t) in terms.enumerated() {
                    XCTAssertEqual(t.left, net.weight(layer: n.layer, to: j, from: n.index), file: file, line: line)
                    XCTAssertEqual(t.right, trace.delta(sample: event.sample!, layer: n.layer + 1, neuron: j),
                                   file: file, line: line)
                    acc += t.value
                }
                XCTAssertEqual(acc, sum, file: file, line: line)
                XCTAssertEqual(sum * derivative, delta, file: file, line: line)
                XCTAssertEqual(derivative, trace.activationSlope(sample: event.sample!, layer: n.layer, neuron: n.index),
                               file: file, line: line)
                XCTAssertEqual(delta, trace.delta(sample: event.sample!, layer: n.layer, neuron: n.index))
            case .weightGradient(let p, let factors, let value):
                // the chain-rule factors, multiplied in order, give the value
                let product = factors.map(\.value).reduce(1, *)
                XCTAssertEqual(product, value, accuracy: 1e-15 * max(1, abs(value)), file: file, line: line)
                perSample[p, default: []].append(value)
            case .biasGradient(let p, let delta, let value):
                XCTAssertEqual(delta, value)
                perSample[p, default: []].append(value)
            case .gradientSum(let p, let contributions, let sum, let divisor, let value):
                XCTAssertEqual(contributions, perSample[p], "contributions are the per-sample gradients",
                               file: file, line: line)
                var acc = 0.0
                for c in contributions { acc += c }
                XCTAssertEqual(acc, sum, file: file, line: line)
                XCTAssertEqual(divisor.map { sum / $0 } ?? sum, value, file: file, line: line)
                XCTAssertEqual(value, trace.gradient[p])
            case .clipping(let norm, let limit, let scale):
                XCTAssertEqual(norm, (trace.gradient.allValues.map { $0 * $0 }.reduce(0, +)).squareRoot(),
                               accuracy: 1e-14, file: file, line: line)
                XCTAssertEqual(limit, trace.config.clipNorm)
                if norm > limit { XCTAssertEqual(scale!, limit / norm) } else { XCTAssertNil(scale) }
            case .update(let p, let d):
                XCTAssertEqual(d.old, trace.before.network.value(of: p), file: file, line: line)
                XCTAssertEqual(d.new, trace.after.network.value(of: p), file: file, line: line)
                XCTAssertEqual(d.change, d.old - d.new)
                XCTAssertEqual(d.gradient, trace.appliedGradient[p])
                if trace.config.optimizer == .sgd {
                    XCTAssertEqual(d.new, d.old - d.learningRate * d.gradient, file: file, line: line)
                }
                XCTAssertEqual(d.step, trace.before.updateCount + 1)
            case .lossShare(let n, let loss, let p, let y, let value):
                // the recorded share against the loss written out from ŷ and y (no log-sum-exp)
                let k = Double(net.layerSizes.last!)
                let written: Double
                switch loss {
                case .mse: written = (y - p) * (y - p) / k
                case .halfSSE: written = 0.5 * (y - p) * (y - p)
                case .bce: written = -(y * log(p) + (1 - y) * log(1 - p)) / k
                case .crossEntropy: written = y == 0 ? 0 : -y * log(p)
                }
                XCTAssertEqual(value, written, accuracy: 1e-12 * max(1, abs(written)), file: file, line: line)
                XCTAssertEqual(value, trace.lossShare(sample: event.sample!, output: n.index), file: file, line: line)
            }
        }
    }

    func testEventsOfOneStepAreConsistent() throws {
        // sgd, mse, trainable biases, clipping that bites, batch of 3
        let x = Fixtures.randomMatrix(rows: 3, cols: 3, low: -1, high: 1, seed: 2)
        var t = try Trainer(network: Fixtures.randomNetwork([3, 4, 2], [.tanh, .sigmoid], seed: 2),
                            config: TrainingConfig(loss: .mse, optimizer: .sgd, learningRate: 0.3, clipNorm: 0.01),
                            data: Dataset(inputs: x, targets: [[1, 0], [0, 1], [0.5, 0.5]]))
        let trace = try XCTUnwrap(t.recordedStep())
        XCTAssertNotNil(trace.clipScale)
        checkConsistency(trace)
        // softmax/cross-entropy, leaky hidden, adam, sum reduction
        var t2 = try Self.richTrainer(.defaultAdam, loss: .crossEntropy, acts: [.leakyRelu, .relu, .softmax],
                                      reduction: .sum)
        for _ in 0..<3 { checkConsistency(try XCTUnwrap(t2.recordedStep())) }
        // a batch of 10 (the kernel's vectorized loops), momentum, shuffled
        var t4 = try Self.richTrainer(.momentum(mu: 0.9), loss: .mse, acts: [.sigmoid, .leakyRelu, .identity], batch: 10)
        for _ in 0..<2 { checkConsistency(try XCTUnwrap(t4.recordedStep())) }
        // bce, momentum, frozen biases (no bias gradients or updates)
        var t3 = try Trainer(network: Fixtures.randomNetwork([3, 4, 2], [.relu, .sigmoid], mode: .frozen, seed: 8),
                             config: TrainingConfig(loss: .bce, optimizer: .momentum(mu: 0.9), learningRate: 0.1),
                             data: Dataset(inputs: x, targets: [[1, 0], [0, 1], [1, 1]]))
        for _ in 0..<2 { checkConsistency(try XCTUnwrap(t3.recordedStep())) }
    }

    func testEventCounts() throws {
        // 2-2-2, trainable biases, batch 4. Per sample: forward 4 neurons × (sum, activation) = 8;
        // loss 2 shares + 1 sample loss = 3; output δ 2; layer-2 gradients 4 w + 2 b = 6; hidden δ 2;
        // layer-1 gradients 6 → 27; × 4 = 108. Then batch loss 1, gradient sums 12, updates 12 → 133.
        let x = Fixtures.randomMatrix(rows: 4, cols: 2, low: -1, high: 1, seed: 1)
        var t = try Trainer(network: Fixtures.randomNetwork([2, 2, 2], [.sigmoid, .sigmoid], seed: 1),
                            config: TrainingConfig(loss: .halfSSE, optimizer: .sgd, learningRate: 0.5),
                            data: Dataset(inputs: x, targets: [[0, 1], [1, 0], [1, 1], [0, 0]]))
        let trace = try XCTUnwrap(t.recordedStep())
        XCTAssertEqual(trace.count, 133)
        XCTAssertEqual(trace.filter { $0.phase == .forward }.count, 32)
        XCTAssertEqual(trace.filter { $0.phase == .loss }.count, 13)     // 4 × 3 + batch loss
        XCTAssertEqual(trace.filter { $0.phase == .backward }.count, 76) // 4 × 16 + 12 sums
        XCTAssertEqual(trace.filter { $0.phase == .update }.count, 12)
        // with clipping: one more event
        var clipped = try Trainer(network: t.network,
                                  config: TrainingConfig(loss: .halfSSE, optimizer: .sgd, learningRate: 0.5, clipNorm: 1),
                                  data: t.data)
        XCTAssertEqual(try XCTUnwrap(clipped.recordedStep()).count, 134)

        // 3-4-1 without biases (the XOR net), batch 4. Per sample: forward 5 × 2 = 10; loss 1 + 1 = 2;
        // output δ 1; layer-2 gradients 4; hidden δ 4; layer-1 gradients 12 → 33; × 4 = 132.
        // Then batch loss 1, sums 16, updates 16 → 165.
        var xor = try ArticleXORTests.trainer()
        let xorTrace = try XCTUnwrap(xor.recordedStep())
        XCTAssertEqual(xorTrace.count, 165)
        XCTAssertEqual(xorTrace.filter { $0.phase == .update }.count, 16)
        XCTAssertEqual(xorTrace.filter { if case .biasGradient = $0.kind { return true } else { return false } }.count, 0)

        // softmax output: all sums of the layer come before its activations (same count)
        var sm = try Trainer(network: Fixtures.randomNetwork([2, 2, 2], [.tanh, .softmax], seed: 1),
                             config: TrainingConfig(loss: .crossEntropy, learningRate: 0.5),
                             data: Dataset(inputs: x, targets: Fixtures.oneHot([0, 1, 1, 0], classes: 2)))
        let smTrace = try XCTUnwrap(sm.recordedStep())
        XCTAssertEqual(smTrace.count, 133)
        let kinds = (4..<8).map { smTrace[$0].kind }
        guard case .weightedSum = kinds[0], case .weightedSum = kinds[1],
              case .activation = kinds[2], case .activation = kinds[3] else { return XCTFail("\(kinds)") }
    }

    func testFirstIndexOfPhaseAfter() throws {
        // 2-2-2 batch 2: sample 0 events 0..<27 (forward 0..<8, loss 8..<11, backward 11..<27),
        // sample 1 events 27..<54, batch loss 54, sums 55..<67, updates 67..<79
        let x = Fixtures.randomMatrix(rows: 2, cols: 2, low: -1, high: 1, seed: 3)
        var t = try Trainer(network: Fixtures.randomNetwork([2, 2, 2], [.sigmoid, .sigmoid], seed: 3),
                            config: TrainingConfig(loss: .halfSSE, learningRate: 0.5),
                            data: Dataset(inputs: x, targets: [[0, 1], [1, 0]]))
        let trace = try XCTUnwrap(t.recordedStep())
        XCTAssertEqual(trace.count, 79)
        XCTAssertEqual(trace.firstIndex(of: .forward, after: -1), 0)
        XCTAssertEqual(trace.firstIndex(of: .loss, after: 0), 8)
        XCTAssertEqual(trace.firstIndex(of: .backward, after: 8), 11)
        XCTAssertEqual(trace.firstIndex(of: .forward, after: 0), 1, "strictly after")
        XCTAssertEqual(trace.firstIndex(of: .forward, after: 7), 27, "the next sample's forward pass")
        XCTAssertEqual(trace.firstIndex(of: .loss, after: 27), 35)
        XCTAssertEqual(trace.firstIndex(of: .loss, after: 37), 54, "the batch loss")
        XCTAssertEqual(trace.firstIndex(of: .update, after: 0), 67)
        XCTAssertEqual(trace.firstIndex(of: .forward, after: 27), 28)
        XCTAssertNil(trace.firstIndex(of: .forward, after: 34))
        XCTAssertNil(trace.firstIndex(of: .update, after: 78))
        XCTAssertEqual(trace.sample(at: 30), 1)
        XCTAssertNil(trace.sample(at: 54))
        XCTAssertEqual(trace.phase(at: 54), .loss)
    }
}
