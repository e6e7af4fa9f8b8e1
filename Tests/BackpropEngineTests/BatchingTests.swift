import XCTest
@testable import BackpropEngine

/// Full batch, mini-batches, one sample at a time, shuffling, and the batch reduction.
/// 1-1 identity network without bias, half-sse, x = (1, 2, 3), y = 0, η = 0.1, w = 1:
/// the gradient of sample x is w·x².
final class BatchingTests: XCTestCase {
    let data = Dataset(inputs: [[1], [2], [3]], targets: [[0], [0], [0]])

    func trainer(batch: Int, reduction: Reduction = .mean) throws -> Trainer {
        try Trainer(network: Fixtures.line(w: 1),
                    config: TrainingConfig(loss: .halfSSE, reduction: reduction, optimizer: .sgd, learningRate: 0.1,
                                           batchSize: batch),
                    data: data)
    }

    var w: (Trainer) -> Double { { $0.network.weight(layer: 0, to: 0, from: 0) } }

    func testFullBatchMeanAndSum() throws {
        // mean: g = (1 + 4 + 9)/3 = 14/3 → w = 1 − 1.4/3 = 0.5333…
        var mean = try trainer(batch: 0)
        XCTAssertEqual(mean.batchSize, 3)
        XCTAssertEqual(mean.batchesPerEpoch, 1)
        XCTAssertEqual(mean.nextBatchIndices, [0, 1, 2])
        mean.step()
        XCTAssertEqual(w(mean), 1 - 1.4 / 3, accuracy: 1e-15)
        XCTAssertEqual(mean.epoch, 1)
        // loss before the update: (½ + 2 + 4.5)/3 = 7/3
        XCTAssertEqual(mean.epochLosses, [7.0 / 3])
        // sum: g = 14 → w = 1 − 1.4 = −0.4
        var sum = try trainer(batch: 0, reduction: .sum)
        sum.step()
        XCTAssertEqual(w(sum), -0.4, accuracy: 1e-15)
        XCTAssertEqual(sum.lastBatchLoss, 7)
        // a batch size larger than the data is the full batch
        XCTAssertEqual(try trainer(batch: 10).batchSize, 3)
    }

    func testMiniBatchesWithASmallerLastBatch() throws {
        // batches [0, 1] and [2]
        // [0, 1]: g = w·(1 + 4)/2 = 2.5 → w = 0.75;  loss (½ + 2)/2 = 1.25
        // [2]:    g = 0.75·9 = 6.75 (÷1, not ÷2) → w = 0.75 − 0.675 = 0.075;  loss ½·2.25² = 2.53125
        // epoch loss = mean of the batch losses = (1.25 + 2.53125)/2 = 1.890625
        var t = try trainer(batch: 2)
        XCTAssertEqual(t.batchesPerEpoch, 2)
        XCTAssertEqual(t.nextBatchIndices, [0, 1])
        t.step()
        XCTAssertEqual(w(t), 0.75)
        XCTAssertEqual(t.epoch, 0)
        XCTAssertEqual(t.batchInEpoch, 1)
        XCTAssertEqual(t.nextBatchIndices, [2])
        t.step()
        XCTAssertEqual(w(t), 0.075, accuracy: 1e-15)
        XCTAssertEqual(t.epoch, 1)
        XCTAssertEqual(t.batchInEpoch, 0)
        XCTAssertEqual(t.epochLosses, [1.890625])
        XCTAssertEqual(t.nextBatchIndices, [0, 1])
        // train(epochs:) reuses workspaces for the full and the smaller batch: same numbers as step()
        var viaTrain = try trainer(batch: 2)
        viaTrain.train(epochs: 1)
        XCTAssertEqual(viaTrain, t)
    }

    func testOneSampleAtATime() throws {
        // x = 1: g = 1 → 0.9;  x = 2: g = 0.9·4 = 3.6 → 0.54;  x = 3: g = 0.54·9 = 4.86 → 0.054
        var t = try trainer(batch: 1)
        XCTAssertEqual(t.batchesPerEpoch, 3)
        var ws: [Double] = []
        for _ in 0..<3 {
            t.step()
            ws.append(w(t))
        }
        assertClose(ws, [0.9, 0.54, 0.054], accuracy: 1e-15)
        XCTAssertEqual(t.epoch, 1)
        // sum and mean agree when B = 1
        var s = try trainer(batch: 1, reduction: .sum)
        s.train(epochs: 1)
        XCTAssertEqual(s.network, t.network)
    }

    func testFinishEpochAndTrainCountEpochs() throws {
        var t = try trainer(batch: 2)
        t.step()
        t.finishEpoch()
        XCTAssertEqual(t.epoch, 1)
        XCTAssertEqual(t.updateCount, 2)
        t.finishEpoch()   // nothing under way: no-op
        XCTAssertEqual(t.updateCount, 2)
        t.train(epochs: 3)
        XCTAssertEqual(t.epoch, 4)
        XCTAssertEqual(t.updateCount, 8)
        XCTAssertEqual(t.epochLosses.count, 4)
    }

    /// Orders of 5 samples printed by `engine_reference.py splitmix` (Python SplitMix64,
    /// Lemire bound, Fisher–Yates from the end, one generator running across epochs).
    func testShuffleIsTheSeededFisherYates() {
        func batches(seed: UInt64, shuffle: Bool) throws -> [[Int]] {
            var t = try Trainer(network: Fixtures.line(w: 0.1),
                                config: TrainingConfig(loss: .halfSSE, learningRate: 0.01, batchSize: 2,
                                                       shuffle: shuffle, shuffleSeed: seed),
                                data: Dataset(inputs: (0..<5).map { [Double($0)] }, targets: (0..<5).map { _ in [0] }))
            var out: [[Int]] = []
            for _ in 0..<6 {
                let planned = t.nextBatchIndices
                let trace = t.recordedStep()!
                XCTAssertEqual(trace.sampleIndices, planned)
                XCTAssertEqual(trace.inputs, planned.map { [Double($0)] })
                out.append(planned)
            }
            return out
        }
        // seed 7: epoch orders [3,4,2,0,1], [4,3,1,0,2]
        XCTAssertEqual(try batches(seed: 7, shuffle: true), [[3, 4], [2, 0], [1], [4, 3], [1, 0], [2]])
        // seed 8: [0,1,4,2,3], [3,4,2,1,0]
        XCTAssertEqual(try batches(seed: 8, shuffle: true), [[0, 1], [4, 2], [3], [3, 4], [2, 1], [0]])
        // no shuffle: in order, every epoch
        XCTAssertEqual(try batches(seed: 7, shuffle: false), [[0, 1], [2, 3], [4], [0, 1], [2, 3], [4]])
    }

    func testShuffledTrainingIsDeterministicPerSeed() {
        func run(_ seed: UInt64) throws -> Trainer {
            let x = Fixtures.randomMatrix(rows: 12, cols: 3, low: -1, high: 1, seed: 5)
            let y = x.map { [$0[0] - 0.5 * $0[2]] }
            var t = try Trainer(network: Fixtures.randomNetwork([3, 4, 1], [.tanh, .identity], seed: 9),
                                config: TrainingConfig(loss: .mse, optimizer: .momentum(mu: 0.9), learningRate: 0.05,
                                                       batchSize: 5, shuffle: true, shuffleSeed: seed),
                                data: Dataset(inputs: x, targets: y))
            t.train(epochs: 10)
            return t
        }
        XCTAssertEqual(try run(1), try run(1))
        XCTAssertNotEqual(try run(1).network, try run(2).network)
    }

    /// Config changes apply from the next update, also in the middle of an epoch. Turning shuffling
    /// off mid-epoch: the rest of that epoch keeps its shuffled order, the next epochs go in order,
    /// and train(epochs:) (which reuses its workspaces) must use the same samples as step().
    func testTurningShuffleOffMidEpochUsesTheRightSamples() throws {
        let x = Fixtures.randomMatrix(rows: 5, cols: 2, low: -1, high: 1, seed: 3)
        var bulk = try Trainer(network: Fixtures.randomNetwork([2, 3, 1], [.tanh, .identity], seed: 3),
                               config: TrainingConfig(loss: .mse, learningRate: 0.1, batchSize: 2, shuffle: true,
                                                      shuffleSeed: 7),
                               data: Dataset(inputs: x, targets: x.map { [$0[0] * $0[1]] }))
        bulk.step()
        bulk.step()
        var settings = bulk.config
        settings.shuffle = false
        try bulk.reconfigure(settings)
        var single = bulk
        // seed 7's first order is [3, 4, 2, 0, 1] (engine_reference.py splitmix): [1] is left
        XCTAssertEqual(single.nextBatchIndices, [1])
        var planned: [[Int]] = []
        while single.epoch < 3 {
            planned.append(single.nextBatchIndices)
            single.step()
        }
        XCTAssertEqual(planned, [[1], [0, 1], [2, 3], [4], [0, 1], [2, 3], [4]])
        // one train call spans the shuffled epoch's last (smaller) batch and an in-order epoch's
        // last batch: the same positions 4..<5, different samples
        bulk.train(epochs: 2)
        XCTAssertGreaterThanOrEqual(bulk.epoch, 2)
        while bulk.epoch < 3 { bulk.train(epochs: 1) }
        XCTAssertEqual(bulk.epochLosses, single.epochLosses)
        XCTAssertEqual(bulk, single)
    }

    func testSumGradientIsBTimesMeanGradient() throws {
        let x = Fixtures.randomMatrix(rows: 4, cols: 3, low: -1, high: 1, seed: 11)
        let data = Dataset(inputs: x, targets: Fixtures.oneHot([0, 1, 2, 1], classes: 3))
        let net = try Fixtures.randomNetwork([3, 5, 3], [.sigmoid, .softmax], seed: 3)
        let mean = Trainer.gradient(of: net, on: data, loss: .crossEntropy, reduction: .mean)
        let sum = Trainer.gradient(of: net, on: data, loss: .crossEntropy, reduction: .sum)
        // dividing by 4 is exact in binary, so the relation holds to the bit
        XCTAssertEqual(sum.allValues, mean.allValues.map { 4 * $0 })
        XCTAssertEqual(Trainer.loss(of: net, on: data, loss: .crossEntropy, reduction: .sum),
                       4 * Trainer.loss(of: net, on: data, loss: .crossEntropy, reduction: .mean))
        XCTAssertTrue(mean.allValues.contains { $0 != 0 })
    }
}

/// `train` shows its progress by training in pieces (`updateLimit`): the pieces must end exactly
/// where one call ends, whatever their sizes.
final class TrainingInPiecesTests: XCTestCase {
    func testPiecesOfUpdatesGiveTheSameTrainerAsOneCall() throws {
        // 7 samples in batches of 3 (the last batch has 1), shuffled, Adam, test data: every piece
        // of state a piece boundary could lose
        let inputs = Fixtures.randomMatrix(rows: 7, cols: 3, low: -1, high: 1, seed: 5)
        let data = Dataset(inputs: inputs, targets: Fixtures.oneHot([0, 1, 1, 0, 1, 0, 0], classes: 2))
        let test = Dataset(inputs: Fixtures.randomMatrix(rows: 2, cols: 3, low: -1, high: 1, seed: 6),
                           targets: Fixtures.oneHot([1, 0], classes: 2))
        let config = TrainingConfig(loss: .crossEntropy, optimizer: .defaultAdam, learningRate: 0.05, batchSize: 3,
                                    shuffle: true, shuffleSeed: 9)
        let network = try Fixtures.randomNetwork([3, 4, 2], [.tanh, .softmax], seed: 3)
        var whole = try Trainer(network: network, config: config, data: data, testData: test)
        whole.train(epochs: 5)
        for pieces in [[1], [2], [4, 1], [3, 5, 2]] {
            var trainer = try Trainer(network: network, config: config, data: data, testData: test)
            var k = 0
            while trainer.epoch < 5 {
                trainer.train(epochs: 5 - trainer.epoch, updateLimit: pieces[k % pieces.count])
                k += 1
            }
            XCTAssertEqual(trainer, whole, "pieces \(pieces)")
            XCTAssertEqual(trainer.updateCount, 15)
        }
        // a piece stops after its updates, inside an epoch
        var part = try Trainer(network: network, config: config, data: data, testData: test)
        part.train(epochs: 5, updateLimit: 4)
        XCTAssertEqual(part.updateCount, 4)
        XCTAssertEqual(part.epoch, 1)
        XCTAssertEqual(part.batchInEpoch, 1)
    }
}
