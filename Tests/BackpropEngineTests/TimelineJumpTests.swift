import XCTest
@testable import BackpropEngine

/// Going to any update of a run: the traces after jumps, back and forth, against a plain trainer
/// stepped by `recordedStep()` to the same update (no timeline, no checkpoints), bit for bit.
final class TimelineJumpTests: XCTestCase {
    /// 10 samples in batches of 3 (4 updates an epoch, the last of 1 sample), shuffled.
    static func trainer(_ opt: Optimizer, batch: Int = 3, shuffle: Bool = true) throws -> Trainer {
        try RecordedPathTests.richTrainer(opt, loss: .crossEntropy, acts: [.relu, .tanh, .softmax], batch: batch)
            .withShuffle(shuffle)
    }

    /// Every number of a trace and of the trainers around it, as bits, each with what it is.
    static func fingerprint(_ t: StepTrace) -> [(String, UInt64)] {
        var bits: [(String, UInt64)] = []
        func add(_ what: String, _ x: Double) { bits.append((what, x.bitPattern)) }
        func add(_ what: String, _ p: Parameters) { for (k, v) in p.allValues.enumerated() { add("\(what)[\(k)]", v) } }
        func add(_ what: String, _ trainer: Trainer) {
            add(what + ".parameters", trainer.network.parameters)
            add(what + ".first", trainer.optimizerState.first)
            add(what + ".second", trainer.optimizerState.second)
            add(what + ".beta1Power", trainer.optimizerState.beta1Power)
            add(what + ".beta2Power", trainer.optimizerState.beta2Power)
            for (name, n) in [("updateCount", trainer.updateCount), ("epoch", trainer.epoch),
                              ("batchInEpoch", trainer.batchInEpoch)] {
                bits.append((what + "." + name, UInt64(n)))
            }
            bits += trainer.order.enumerated().map { (what + ".order[\($0.offset)]", UInt64($0.element)) }
            for (k, v) in trainer.epochLosses.enumerated() { add(what + ".epochLosses[\(k)]", v) }
            for (k, v) in trainer.testLosses.enumerated() { add(what + ".testLosses[\(k)]", v) }
            add(what + ".learningRate", trainer.config.learningRate)
        }
        add("before", t.before)
        add("after", t.after)
        bits += t.sampleIndices.map { ("sample", UInt64($0)) }
        add("batchLoss", t.batchLoss)
        add("gradientSum", t.gradientSum)
        add("gradient", t.gradient)
        add("appliedGradient", t.appliedGradient)
        let net = t.before.network
        for s in 0..<t.batchCount {
            add("loss \(s)", t.loss(sample: s))
            for l in net.layerSizes.indices {
                for j in 0..<net.layerSizes[l] {
                    add("a \(s) \(l) \(j)", t.activation(sample: s, layer: l, neuron: j))
                    if l > 0 {
                        add("z \(s) \(l) \(j)", t.weightedSum(sample: s, layer: l, neuron: j))
                        add("δ \(s) \(l) \(j)", t.delta(sample: s, layer: l, neuron: j))
                    }
                }
            }
        }
        return bits
    }

    /// "" when the same, else the first difference.
    static func difference(_ a: StepTrace, _ b: StepTrace) -> String {
        let x = fingerprint(a), y = fingerprint(b)
        if x.count != y.count { return "\(x.count) numbers, want \(y.count)" }
        for (p, q) in zip(x, y) where p != q {
            return "\(p.0): \(Double(bitPattern: p.1)), want \(q.0): \(Double(bitPattern: q.1))"
        }
        return ""
    }

    /// Traces of updates 0..<count of a plain trainer, with `change` applied before update `at`.
    static func reference(_ start: Trainer, count: Int, change: (at: Int, (inout TrainingConfig) -> Void)? = nil)
        -> [StepTrace] {
        var t = start
        var out: [StepTrace] = []
        for u in 0..<count {
            if let change, change.at == u {
                var c = t.config
                change.1(&c)
                try! t.reconfigure(c)
            }
            out.append(t.recordedStep()!)
        }
        return out
    }

    /// `events`: the events built too (slow in a debug build; they are made from the numbers compared above).
    func assertSame(_ timeline: Timeline, _ reference: [StepTrace], _ what: String, events: Bool = false,
                    file: StaticString = #filePath, line: UInt = #line) {
        guard let p = timeline.position, let trace = timeline.currentTrace else {
            return XCTFail("no update on screen: \(what)", file: file, line: line)
        }
        let want = reference[p.step]
        XCTAssertEqual(trace.before.updateCount, p.step, what, file: file, line: line)
        XCTAssertEqual(Self.difference(trace, want), "", "update \(p.step): \(what)", file: file, line: line)
        XCTAssertTrue(trace.before == want.before && trace.after == want.after, what, file: file, line: line)
        if events {
            XCTAssertTrue(Array(trace) == Array(want), "events of update \(p.step): \(what)", file: file, line: line)
        }
        // the "last change" column needs the network before the update before
        if p.step > 0 {
            XCTAssertTrue(timeline.previousNetwork == reference[p.step - 1].before.network, what, file: file, line: line)
        } else {
            XCTAssertNil(timeline.previousNetwork, what, file: file, line: line)
        }
    }

    /// Forward K events, then jumps back and forth (with the interval small enough that most
    /// jumps replay from a checkpoint, and a capacity small enough that the interval doubles).
    func checkJumps(_ start: Trainer, interval: Int?, capacity: Int?, file: StaticString = #filePath, line: UInt = #line) {
        let reference = Self.reference(start, count: 200)
        let b = start.batchesPerEpoch
        var t = Timeline(trainer: start, checkpointInterval: interval, checkpointCapacity: capacity)
        let k = 3 * reference[0].count + 5
        for _ in 0..<k { t.next() }
        XCTAssertEqual(t.position?.step, 3, file: file, line: line)
        assertSame(t, reference, "stepped \(k) events", file: file, line: line)
        let epochs = 160 / b - 4 / b   // from the end of update 3; an unfinished epoch counts as the first
        t.skip(epochs: epochs)
        XCTAssertEqual(t.position, .init(step: 160, event: 0), file: file, line: line)
        assertSame(t, reference, "after skipping \(epochs) epochs", file: file, line: line)
        XCTAssertTrue(t.go(to: .update(200), training: true), file: file, line: line)
        assertSame(t, reference, "trained on to update 200", file: file, line: line)
        for target in [1, 2, 150, 17, 199, 160, 4, 123, 124, 122, 61, 1, 100, 200] {
            XCTAssertTrue(t.go(to: .update(target)), "update \(target)", file: file, line: line)
            XCTAssertEqual(t.position, .init(step: target - 1, event: 0), file: file, line: line)
            assertSame(t, reference, "go to update \(target)", events: target == 123, file: file, line: line)
        }
        t.go(to: .epoch(120 / b + 1))
        XCTAssertEqual(t.position?.step, 120, file: file, line: line)
        assertSame(t, reference, "epoch \(120 / b + 1)", file: file, line: line)
        // step back across updates from a jump: the update before, at its last event
        t.previous()
        XCTAssertEqual(t.position?.step, 119, file: file, line: line)
        XCTAssertEqual(t.position?.event, reference[119].count - 1, file: file, line: line)
        assertSame(t, reference, "one event back from update 120", file: file, line: line)
        for _ in 0..<(2 * reference[0].count) { t.next() }
        assertSame(t, reference, "two updates of events forward", file: file, line: line)
        t.forward(by: .epoch)
        assertSame(t, reference, "one epoch forward", file: file, line: line)
        t.backward(by: .epoch)
        t.backward(by: .epoch)
        assertSame(t, reference, "two epochs back", file: file, line: line)
        if let capacity {
            XCTAssertLessThanOrEqual(t.checkpointCount, capacity + 1, "one pinned start", file: file, line: line)
        }
    }

    func testJumpsSGDShuffledMiniBatches() throws {
        checkJumps(try Self.trainer(.sgd), interval: 8, capacity: 12)
    }

    func testJumpsMomentum() throws {
        checkJumps(try Self.trainer(.momentum(mu: 0.9)), interval: 4, capacity: 16)
    }

    func testJumpsAdamShuffledMiniBatches() throws {
        checkJumps(try Self.trainer(.defaultAdam), interval: 16, capacity: 6)
    }

    func testJumpsAdamFullBatchInOrderWithTheIntervalFromTheNetworkSize() throws {
        checkJumps(try Self.trainer(.defaultAdam, batch: 0, shuffle: false), interval: nil, capacity: nil)
    }

    func testJumpsWithTestLosses() throws {
        var start = try Self.trainer(.momentum(mu: 0.5))
        let test = Dataset(inputs: Array(start.data.inputs.prefix(3)), targets: Array(start.data.targets.prefix(3)))
        start = try Trainer(network: start.network, config: start.config, data: start.data, testData: test)
        checkJumps(start, interval: 32, capacity: 4)
    }

    /// A change of settings midway is a new segment: before it the old settings, after it the new.
    func testJumpsAcrossASettingsChange() throws {
        let start = try Self.trainer(.sgd)
        func change(_ c: inout TrainingConfig) {
            c.learningRate = 0.2
            c.optimizer = .defaultAdam
        }
        let reference = Self.reference(start, count: 300, change: (at: 101, change))
        var t = Timeline(trainer: start, checkpointInterval: 8, checkpointCapacity: 10)
        t.go(to: .update(101), training: true)   // update index 100, on screen
        for _ in 0..<7 { t.next() }
        try t.changeConfig(change)
        XCTAssertEqual(t.currentTrace?.before.config.learningRate, 0.05, "the update on screen keeps its settings")
        t.skip(epochs: 40)
        assertSame(t, reference, "after the change, 40 epochs on")
        for target in [50, 101, 102, 103, 250, 2, 160, 100, 104] {
            t.go(to: .update(target))
            assertSame(t, reference, "go to update \(target)", events: target == 102)
        }
        t.go(to: .update(60))
        XCTAssertEqual(t.currentTrace?.before.config.optimizer, .sgd, "before the change: the old settings")
        t.go(to: .update(150))
        XCTAssertEqual(t.currentTrace?.before.config.optimizer, .defaultAdam)

        // a second change earlier in the run forgets what came after it
        t.go(to: .update(30))
        try t.changeConfig { $0.learningRate = 0.01 }
        XCTAssertEqual(t.trainedUpdates, 30)
        XCTAssertNil(t.updateIndex(of: .update(100)), "no longer trained")
        let second = Self.reference(start, count: 80, change: (at: 30, { $0.learningRate = 0.01 }))
        t.go(to: .update(31))
        for _ in 0..<(40 * second[0].count / 2) { t.next() }
        for target in [31, 29, 45, 1, 40] {
            t.go(to: .update(target))
            assertSame(t, second, "after the second change, go to update \(target)")
        }
    }

    func testStartScreenAndTheWayBack() throws {
        let start = try Self.trainer(.sgd)
        var t = try Timeline(trainer: start)
        XCTAssertNil(t.position)
        XCTAssertFalse(t.previous(), "nothing before the start")
        t.next()
        XCTAssertEqual(t.position, .init(step: 0, event: 0))
        XCTAssertTrue(t.previous(), "from the first event to the start screen")
        XCTAssertNil(t.position)
        t.skip(epochs: 5)
        XCTAssertEqual(t.position?.step, 20)
        t.moveToStart()
        XCTAssertNil(t.position)
        XCTAssertEqual(t.shownTrainer, start, "the start screen shows the trainer the run started from")
        XCTAssertEqual(t.trainedUpdates, 21, "the run is still there")
        t.moveToNewest()
        XCTAssertEqual(t.position?.step, 20)
        // step sizes from the first event also go to the start
        t.go(to: .update(1))
        t.backward(by: .neuron)
        XCTAssertNil(t.position)
    }

    func testGoToOutOfRangeDoesNotMove() throws {
        var t = try Timeline(trainer: Self.trainer(.sgd))
        t.skip(epochs: 3)     // updates 0…12 trained (12 on screen)
        let here = t.position
        XCTAssertEqual(t.lastReachableUpdate, 13, "stepping on can show the next update (it trains one)")
        XCTAssertEqual(t.lastTrainedUpdate, 12)
        XCTAssertFalse(t.go(to: .update(14)), "not trained yet")
        XCTAssertTrue(t.go(to: .update(14), training: true))
        t.go(to: .update(13))
        XCTAssertFalse(t.go(to: .epoch(5)))
        XCTAssertFalse(t.go(to: .epoch(0)))
        XCTAssertFalse(t.go(to: .update(0)))
        XCTAssertEqual(t.position, here)
        XCTAssertTrue(t.go(to: .epoch(4)))
        XCTAssertEqual(t.position?.step, 12)
        XCTAssertEqual(t.trainedUpdates, 14)
        XCTAssertFalse(try Timeline(trainer: try Self.trainer(.sgd)).updateIndex(of: .update(1)) != nil, "nothing trained")
    }

    func testSkipCountsAnUnfinishedEpochAsTheFirst() throws {
        var t = try Timeline(trainer: Self.trainer(.sgd))
        t.go(to: .update(6), training: true)   // epoch 2, its second update
        t.skip(epochs: 1)
        XCTAssertEqual(t.position, .init(step: 8, event: 0), "the first update of epoch 3")
        t.go(to: .update(2))
        t.skip(epochs: 2)
        XCTAssertEqual(t.position?.step, 8, "a skip inside what is trained is a jump")
        XCTAssertEqual(t.trainedUpdates, 9)
        t.go(to: .update(4))      // the last update of epoch 1: it finishes the epoch
        t.skip(epochs: 1)
        XCTAssertEqual(t.position?.step, 8)
    }

    func testMarkRemembersTheShownValues() throws {
        let start = try Self.trainer(.momentum(mu: 0.9))
        var t = try Timeline(trainer: start)
        t.go(to: .update(3), training: true)
        let trace = t.currentTrace!
        let w = ParameterRef.weight(layer: 0, to: 1, from: 2)
        let updateEvent = trace.eventIndex(updateOf: w)!
        while t.position!.event < updateEvent { t.next() }
        XCTAssertEqual(t.shownValue(of: w), trace.after.network.value(of: w), "its update is on screen")
        t.setMark()
        XCTAssertEqual(t.changeSinceMark(of: w), 0)
        t.skip(epochs: 10)
        let now = t.currentTrace!.before.network.value(of: w)
        XCTAssertEqual(t.changeSinceMark(of: w), now - trace.after.network.value(of: w))
        XCTAssertTrue(t.go(to: t.mark!.position))
        XCTAssertEqual(t.position, .init(step: 2, event: updateEvent))
        // a change of settings before the mark forgets it
        t.go(to: .update(1))
        try t.changeConfig { $0.learningRate = 0.5 }
        XCTAssertNil(t.mark)
    }

    func testLastChangeIsTheEnginesDifference() throws {
        var t = try Timeline(trainer: Self.trainer(.sgd))
        let w = ParameterRef.weight(layer: 1, to: 0, from: 0)
        t.next()
        XCTAssertNil(t.lastChange(of: w), "no update made yet")
        t.go(to: .update(5), training: true)
        let before = t.currentTrace!.before.network.value(of: w)
        XCTAssertEqual(t.lastChange(of: w), before - t.previousNetwork!.value(of: w))
        t.go(to: .update(5), training: true)
        t.go(to: Timeline.Position(step: 4, event: t.currentTrace!.count - 1))
        XCTAssertEqual(t.lastChange(of: w), t.currentTrace!.after.network.value(of: w) - before)
    }

    /// The checkpoints stay within their number however long the run: the interval doubles.
    func testCheckpointsStayBounded() throws {
        var t = Timeline(trainer: try Self.trainer(.sgd), checkpointInterval: 1, checkpointCapacity: 4)
        t.skip(epochs: 200)
        XCTAssertLessThanOrEqual(t.checkpointCount, 5)
        XCTAssertGreaterThanOrEqual(t.checkpointInterval, 800 / 4)
    }

    func testDivergedRunStopsAtItsLastUpdate() throws {
        var start = try Self.trainer(.sgd)
        var settings = start.config
        settings.learningRate = 1e6
        settings.clipNorm = nil
        try start.reconfigure(settings)
        var t = try Timeline(trainer: start)
        t.skip(epochs: 1000)
        XCTAssertTrue(t.live.hasDiverged)
        XCTAssertTrue(t.isAtDivergence)
        XCTAssertEqual(t.position?.step, t.trainedUpdates - 1)
        XCTAssertFalse(t.next())
        XCTAssertFalse(t.go(to: .update(t.trainedUpdates + 1)))
    }
}

/// The loss lists that trainer copies share.
final class LossHistoryTests: XCTestCase {
    func testAppendPrefixAndCopies() {
        var a = LossHistory()
        var plain: [Double] = []
        for k in 0..<3000 {
            a.append(Double(k) * 0.5)
            plain.append(Double(k) * 0.5)
        }
        XCTAssertEqual(Array(a), plain)
        var copy = a
        copy.append(-1)
        XCTAssertEqual(a.count, 3000, "a copy's append does not show in the original")
        XCTAssertEqual(copy.last, -1)
        for n in [0, 1, 1023, 1024, 1025, 2048, 2999, 3000] {
            XCTAssertEqual(Array(a.prefix(count: n)), Array(plain.prefix(n)), "prefix \(n)")
        }
        var cut = a.prefix(count: 1024)
        cut.append(7)
        XCTAssertEqual(cut[1024], 7)
        XCTAssertEqual(a[1024], 512)
        XCTAssertEqual(LossHistory([1, 2, 3]), [1, 2, 3])
        XCTAssertNotEqual(LossHistory([1, 2, 3]), [1, 2])
    }

    func testMeanLossOverAnySpan() throws {
        var r = RunRecord(start: try TimelineJumpTests.trainer(.sgd))
        let values = (0..<50).map { 1.0 / Double($0 + 1) }
        r.append(losses: values)
        XCTAssertEqual(r.meanLoss(10, 20)!, values[10..<20].reduce(0, +) / 10, accuracy: 1e-14)
        XCTAssertEqual(r.meanLoss(0, 1), 1)
        XCTAssertNil(r.meanLoss(5, 5))
        r.append(loss: .infinity)
        XCTAssertEqual(r.meanLoss(49, 51)!, values[49], accuracy: 1e-14, "the diverged last update is left out")
    }
}

private extension Trainer {
    func withShuffle(_ on: Bool) throws -> Trainer {
        var c = config
        c.shuffle = on
        return try Trainer(network: network, config: c, data: data, testData: testData)
    }
}
