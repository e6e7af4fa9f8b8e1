import XCTest
@testable import BackpropEngine

/// Sizes are counted before anything is allocated, without overflow, against NetworkSize's
/// limits (issue 14). Expected counts are worked out by hand in the comments.
final class SizeLimitTests: XCTestCase {
    private func refusal(_ body: () throws(EngineError) -> Void) -> EngineError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    func testHugeLayerIsAnErrorNotATrap() {
        // 2·(2⁶³−1) + (2⁶³−1) + (2⁶³−1)·2 + 2 overflows an Int: ≈ 5 × 9.22e18 = 4.6e19 parameters
        let e = refusal { () throws(EngineError) in
            _ = try Network(layerSizes: [2, Int.max, 2], activations: [.sigmoid, .sigmoid], biasMode: .trainable,
                            initialization: .xavier, seed: 1)
        }
        guard case .tooManyParameters(_, let count, _)? = e else { return XCTFail("\(String(describing: e))") }
        XCTAssertEqual(count, 5 * 9.223372036854775807e18, accuracy: 1e6)
        XCTAssertEqual(e?.description, "a 2-9223372036854775807-2 network has 4.6e19 parameters; training it would "
            + "need about 3.3e21 bytes of memory, and the limit is 10,000,000 parameters (about 720 MB)")
        // the explicit-weights initializer checks the sizes before it allocates the biases
        XCTAssertNotNil(refusal { () throws(EngineError) in
            _ = try Network(layerSizes: [1, Int.max], activations: [.identity], biasMode: .trainable, weights: [], biases: nil)
        })
    }

    func testLargeNetworksSayHowMuchMemoryTheyWouldNeed() {
        // 2·10⁹ + 10⁹ + 10⁹·2 + 2 = 5,000,000,002 parameters × 72 bytes = 360 GB
        XCTAssertEqual(refusal { () throws(EngineError) in _ = try NetworkSize(layerSizes: [2, 1_000_000_000, 2]) }?.description,
                       "a 2-1000000000-2 network has 5,000,000,002 parameters; training it would need about 360 GB "
                           + "of memory, and the limit is 10,000,000 parameters (about 720 MB)")
        // 60,000 + 30,000 + 900,000,000 + 30,000 + 60,000 + 2 = 900,180,002 × 72 = 64,812,960,144 bytes
        XCTAssertEqual(refusal { () throws(EngineError) in _ = try NetworkSize(layerSizes: [2, 30_000, 30_000, 2]) }?.description,
                       "a 2-30000-30000-2 network has 900,180,002 parameters; training it would need about 64.8 GB "
                           + "of memory, and the limit is 10,000,000 parameters (about 720 MB)")
    }

    func testTheParameterLimitIsInclusive() throws {
        // [1, n]: n weights and n biases
        XCTAssertEqual(try NetworkSize(layerSizes: [1, 5_000_000]).parameters, 10_000_000)
        XCTAssertNotNil(refusal { () throws(EngineError) in _ = try NetworkSize(layerSizes: [1, 5_000_001]) })
        // [3, 4, 1]: 12 + 4 + 4 + 1 = 21 parameters, 8 neurons
        let small = try NetworkSize(layerSizes: [3, 4, 1])
        XCTAssertEqual(small.parameters, 21)
        XCTAssertEqual(small.neurons, 8)
    }

    func testLayerCountAndSizes() {
        XCTAssertEqual(refusal { () throws(EngineError) in _ = try NetworkSize(layerSizes: [3]) }, .layerCount(1))
        XCTAssertEqual(refusal { () throws(EngineError) in _ = try NetworkSize(layerSizes: [3, 0, 1]) }, .layerSize(layer: 1, size: 0))
        XCTAssertEqual(refusal { () throws(EngineError) in _ = try NetworkSize(layerSizes: [3, -5]) }, .layerSize(layer: 1, size: -5))
    }

    func testActivationsPerBatch() throws {
        // [2, 3, 1]: 6 neurons; 10,000,000 / 6 = 1,666,666 samples fit, 1,666,667 × 6 = 10,000,002 do not
        let size = try NetworkSize(layerSizes: [2, 3, 1])
        XCTAssertNoThrow(try size.checkBatch(1_666_666))
        XCTAssertEqual(size.samplesPerBatchLimit, 1_666_666)
        let e = refusal { () throws(EngineError) in try size.checkBatch(1_666_667) }
        // workspace per sample: 3·6 + 2·1 + 3 + 2 = 25 doubles = 200 bytes; × 1,666,667 ≈ 333 MB
        XCTAssertEqual(e?.description, "a batch of 1,666,667 samples through a 2-3-1 network is 10,000,002 activations; "
            + "it would need about 333 MB of memory, and the limit is 10,000,000 activations (neurons × samples) per batch")
        // an overflowing product is refused the same way
        XCTAssertNotNil(refusal { () throws(EngineError) in try size.checkBatch(Int.max) })
    }

    func testTrainerRefusesABatchOverTheLimit() throws {
        // [1, 400,000, 1]: 400,002 neurons; 10,000,000 / 400,002 = 24.99, so 24 samples fit and a
        // full batch of 25 (10,000,050 activations) does not
        let net = try Network(layerSizes: [1, 400_000, 1], activations: [.relu, .identity], biasMode: .none,
                              initialization: .uniform(low: -0.001, high: 0.001), seed: 1)
        let data = Dataset(inputs: (0..<25).map { [Double($0)] }, targets: (0..<25).map { _ in [0] })
        let e = refusal { () throws(EngineError) in
            _ = try Trainer(network: net, config: TrainingConfig(loss: .mse, batchSize: 0), data: data)
        }
        guard case .tooManyActivations(_, 25, 10_000_050, _)? = e else { return XCTFail("\(String(describing: e))") }
        XCTAssertNoThrow(try Trainer(network: net, config: TrainingConfig(loss: .mse, batchSize: 24), data: data))
        // whole sets are measured in batches of what fits
        XCTAssertEqual(net.evaluationBatch, 24)
    }

    func testWholeSetsAreMeasuredInBatchesWithTheSameBits() throws {
        let net = try Fixtures.randomNetwork([3, 5, 4], [.tanh, .softmax], seed: 4)
        let inputs = Fixtures.randomMatrix(rows: 7, cols: 3, low: -1, high: 1, seed: 9)
        let data = Dataset(inputs: inputs, targets: Fixtures.oneHot([0, 1, 2, 3, 0, 1, 2], classes: 4))
        for reduction in Reduction.allCases {
            let whole = Trainer.loss(of: net, on: data, loss: .crossEntropy, reduction: reduction, batchLimit: nil)
            for limit in [1, 2, 3] {
                let parts = Trainer.loss(of: net, on: data, loss: .crossEntropy, reduction: reduction, batchLimit: limit)
                XCTAssertEqual(parts.bitPattern, whole.bitPattern, "\(reduction) in batches of \(limit)")
            }
        }
        // each sample's outputs do not depend on the batch it is in
        XCTAssertEqual(net.predict(batch: inputs, limit: 2), net.predict(batch: inputs, limit: 100))
        XCTAssertEqual(net.predict(batch: inputs, limit: 1), inputs.map { net.predict($0) })
        // the gradient in batches is the same sum grouped differently: equal to rounding
        let whole = Trainer.gradient(of: net, on: data, loss: .crossEntropy, reduction: .mean, batchLimit: nil)
        let parts = Trainer.gradient(of: net, on: data, loss: .crossEntropy, reduction: .mean, batchLimit: 3)
        assertClose(parts.allValues, whole.allValues, accuracy: 1e-15)
    }

    func testRecordedEventCountMatchesTheSteps() throws {
        // the 2-2-2 worked example, frozen biases, one sample: 4 weighted sums and 4 activations,
        // 2 loss shares, the sample loss, 2 output δ, 8 weight gradients, 2 hidden δ, 8 updates = 31
        // (README: "step 15/31")
        let size = try NetworkSize(layerSizes: [2, 2, 2])
        XCTAssertEqual(size.recordedEventCount(batch: 1, biasMode: .frozen, clipping: false), 31)
        // against the events of real steps, in several shapes
        for (sizes, acts, mode, batch, clip) in [([3, 4, 1], [Activation.tanh, .identity], BiasMode.trainable, 4, false),
                                                 ([2, 3, 3, 3], [.relu, .relu, .softmax], .none, 3, true),
                                                 ([4, 2], [.sigmoid], .frozen, 1, true)] {
            let net = try Fixtures.randomNetwork(sizes, acts, mode: mode, seed: 2)
            let k = sizes.last!
            let data = Dataset(inputs: Fixtures.randomMatrix(rows: batch, cols: sizes[0], low: 0, high: 1, seed: 3),
                               targets: Fixtures.oneHot((0..<batch).map { $0 % k }, classes: k))
            var trainer = try Trainer(network: net, config: TrainingConfig(loss: acts.last == .softmax ? .crossEntropy : .mse,
                                                                           clipNorm: clip ? 1 : nil), data: data)
            let trace = try XCTUnwrap(trainer.recordedStep())
            XCTAssertEqual(try NetworkSize(layerSizes: sizes).recordedEventCount(batch: batch, biasMode: mode, clipping: clip),
                           trace.count, "\(sizes)")
        }
    }

    func testStepsTooLargeToRecordAreRefusedBeforeRecording() throws {
        // [2, 50, 1] on a full batch of 30,000: per sample 2·51 weighted sums and activations,
        // 2 + 1 loss events, 50 hidden δ and 201 parameter gradients = 356 events, × 30,000 =
        // 10.7 million events of 40 bytes, over 256 MB
        let net = try Fixtures.randomNetwork([2, 50, 1], [.tanh, .sigmoid], seed: 1)
        let inputs = Fixtures.randomMatrix(rows: 30_000, cols: 2, low: -1, high: 1, seed: 2)
        let data = Dataset(inputs: inputs, targets: inputs.map { [$0[0] > 0 ? 1 : 0] })
        var trainer = try Trainer(network: net, config: TrainingConfig(loss: .mse), data: data)
        let e = refusal { () throws(EngineError) in try trainer.checkRecording() }
        guard case .recordedStepTooLarge(_, 30_000, let bytes)? = e else { return XCTFail("\(String(describing: e))") }
        XCTAssertGreaterThan(bytes, 10.6e6 * 40)
        XCTAssertNotNil(refusal { () throws(EngineError) in _ = try Timeline(trainer: trainer) })
        XCTAssertNil(trainer.recordedStep())
        XCTAssertEqual(trainer.updateCount, 0)
        // the fast path still trains it; batches of 100 can be recorded
        trainer.step()
        XCTAssertEqual(trainer.updateCount, 1)
        var small = try Trainer(network: net, config: TrainingConfig(loss: .mse, batchSize: 100), data: data)
        XCTAssertNoThrow(try small.checkRecording())
        XCTAssertNotNil(small.recordedStep())
    }

    func testByteAndCountWording() {
        XCTAssertEqual(EngineError.bytes(999), "999 bytes")
        XCTAssertEqual(EngineError.bytes(720_000_000), "720 MB")
        XCTAssertEqual(EngineError.bytes(64_812_960_144), "64.8 GB")
        XCTAssertEqual(EngineError.bytes(2e21), "2e21 bytes")
        XCTAssertEqual(EngineError.count(1_234_567), "1,234,567")
        XCTAssertEqual(EngineError.count(999), "999")
        XCTAssertEqual(EngineError.count(9.96e19), "1e20")
    }
}
