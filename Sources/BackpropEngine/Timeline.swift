/// Moving through a whole training run one recorded event at a time, forward and back, at any
/// step size, or straight to any update. The run keeps checkpoints (`RunRecord`), so any update
/// of it can be shown again: the state before it is replayed from the nearest checkpoint on the
/// fast path, then the update is recorded — the same numbers, bit for bit, as when it was first
/// reached by stepping. The few updates around the screen are kept recorded.
public struct Timeline: Sendable {
    /// How far one press of "next" goes.
    public enum Granularity: String, CaseIterable, Sendable {
        case event, neuron, layer, phase, sample, update, epoch
    }

    public struct Position: Equatable, Sendable {
        /// the update on screen: its index in the run (0 for the first update)
        public var step: Int
        /// index of the event within that update
        public var event: Int

        public init(step: Int, event: Int) {
            self.step = step
            self.event = event
        }
    }

    /// A place to go to, numbered from 1 as the screen shows them.
    public enum Target: Equatable, Sendable {
        /// the first event of this epoch
        case epoch(Int)
        /// the first event of this update
        case update(Int)
    }

    /// A marked place and the parameters as they were shown there.
    public struct Mark: Sendable {
        public let position: Position?
        public let parameters: Parameters
    }

    /// The trainer after the newest update of the run: where new updates come from.
    public private(set) var live: Trainer
    /// The event on screen; nil on the start screen, before the first event.
    public private(set) var position: Position?
    /// The update on screen, recorded.
    public private(set) var currentTrace: StepTrace?
    /// The network before the update ahead of the one on screen (nil for the first update).
    public private(set) var previousNetwork: Network?
    public private(set) var mark: Mark?
    var run: RunRecord
    /// Updates recorded lately, newest last: stepping back and forth over them costs nothing.
    private var nearby: [Recorded] = []

    struct Recorded: Sendable {
        var trace: StepTrace
        var previousNetwork: Network?
        var update: Int { trace.before.updateCount }
    }

    /// Updates kept recorded around the screen (fewer when they would take more than
    /// `NetworkSize.maxTimelineBytes`).
    static let nearbyCount = 8

    /// Throws when one recorded step of this trainer would be over `NetworkSize.maxRecordedStepBytes`.
    public init(trainer: Trainer) throws(EngineError) {
        try trainer.checkRecording()
        live = trainer
        run = RunRecord(start: trainer)
    }

    /// With the checkpoints' interval and number fixed (tests).
    init(trainer: Trainer, checkpointInterval: Int?, checkpointCapacity: Int?) {
        live = trainer
        run = RunRecord(start: trainer, interval: checkpointInterval, capacity: checkpointCapacity)
    }

    /// Checkpoints kept and the updates between them (for tests and benchmarks).
    public var checkpointCount: Int { run.checkpoints.count }
    public var checkpointInterval: Int { run.interval }

    public var currentEvent: StepEvent? { position.map { currentTrace![$0.event] } }

    /// The trainer as the screen should show it: before the current update; at the start, the
    /// trainer the run started from.
    public var shownTrainer: Trainer { currentTrace?.before ?? startTrainer }

    /// The trainer the run started from (the start screen).
    public var startTrainer: Trainer { run.start }

    /// Updates in the run so far (trained, shown or not).
    public var trainedUpdates: Int { live.updateCount }

    public var batchesPerEpoch: Int { live.batchesPerEpoch }

    /// Whether training can no longer go forward (divergence at the newest update).
    public var isAtDivergence: Bool {
        guard let p = position else { return false }
        return live.hasDiverged && p.step == live.updateCount - 1 && p.event == currentTrace!.count - 1
    }

    /// The last update the screen can go to (0-based): the newest one trained, or the next one
    /// when training can go on (showing it trains it). Nil when there is none.
    public var lastReachableUpdate: Int? {
        live.hasDiverged ? (live.updateCount > 0 ? live.updateCount - 1 : nil) : live.updateCount
    }

    // MARK: moving one event

    /// One event forward; past the newest update, the next one is trained and recorded.
    /// Returns false when training cannot go on (it diverged).
    @discardableResult
    public mutating func next() -> Bool {
        guard let p = position else { return show(0, event: .first) }
        if p.event + 1 < currentTrace!.count {
            position!.event += 1
            return true
        }
        return show(p.step + 1, event: .first)
    }

    /// One event back; from the first event of the run, to the start screen. Returns false on
    /// the start screen.
    @discardableResult
    public mutating func previous() -> Bool {
        guard let p = position else { return false }
        if p == Position(step: 0, event: 0) {
            moveToStart()
            return true
        }
        return stepBack()
    }

    /// One event back, stopping at the first event of the run.
    private mutating func stepBack() -> Bool {
        guard let p = position else { return false }
        if p.event > 0 {
            position!.event -= 1
            return true
        }
        return p.step > 0 && show(p.step - 1, event: .last)
    }

    // MARK: moving by a step size

    /// Forward by a step size: to the last event of the next group (a neuron's sum and activation,
    /// a layer, a phase, a sample), or to the first event of the next update or epoch.
    public mutating func forward(by size: Granularity) {
        switch size {
        case .event:
            next()
        case .update:
            show(position.map { $0.step + 1 } ?? 0, event: .first)
        case .epoch:
            guard let p = position else { show(0, event: .first); return }
            let b = batchesPerEpoch
            let target = (p.step / b + 1) * b
            if target > live.updateCount && !live.hasDiverged {
                extendRun(to: target)
            }
            if !show(target, event: .first), let last = lastReachableUpdate, last > p.step {
                show(last, event: .last)
            }
        default:
            if position == nil {
                guard next() else { return }
            } else {
                let key = groupKey(size)
                while next() { if groupKey(size) != key { break } }
            }
            let newKey = groupKey(size)
            while let p = position, p.event + 1 < currentTrace!.count {
                position!.event += 1
                if groupKey(size) != newKey { position!.event -= 1; break }
            }
        }
    }

    /// Back by a step size: to the last event of the previous group, or the first event of the
    /// previous update or epoch. From the first event of the run, to the start screen.
    public mutating func backward(by size: Granularity) {
        guard let p = position else { return }
        if p == Position(step: 0, event: 0) { moveToStart(); return }
        switch size {
        case .event:
            previous()
        case .update:
            if p.event > 0 {
                position!.event = 0
            } else {
                show(p.step - 1, event: .first)
            }
        case .epoch:
            let b = batchesPerEpoch
            var first = p.step / b * b
            if p == Position(step: first, event: 0) { first -= b }
            show(first, event: .first)
        default:
            let key = groupKey(size)
            while stepBack() { if groupKey(size) != key { return } }
        }
    }

    /// To the first event of the next phase (forward, loss, backward, update).
    public mutating func nextPhase() {
        guard let phase = currentEvent?.phase else { next(); return }
        while next() { if currentEvent!.phase != phase { return } }
    }

    /// Back to the first event of this phase; if already there, of the phase before.
    public mutating func startOfPhase() {
        guard let phase = currentEvent?.phase else { return }
        let sample = position.map { currentTrace!.sample(at: $0.event) }
        func samePhase(_ t: Timeline) -> Bool {
            t.currentEvent?.phase == phase && t.position.map { t.currentTrace!.sample(at: $0.event) } == sample
        }
        var probe = self
        if probe.stepBack() && samePhase(probe) {
            while samePhase(probe) { self = probe; if !probe.stepBack() { break } }
        } else if probe.position != position {
            // at the start already: go to the start of the phase before
            self = probe
            let before = probe.currentEvent?.phase
            let beforeSample = probe.position.map { probe.currentTrace!.sample(at: $0.event) }
            while probe.stepBack(), probe.currentEvent?.phase == before,
                  probe.position.map({ probe.currentTrace!.sample(at: $0.event) }) == beforeSample {
                self = probe
            }
        }
    }

    /// The start screen: the network as the run started, before its first event.
    public mutating func moveToStart() {
        if let p = position, let trace = currentTrace { remember(trace, at: p.step) }
        position = nil
        currentTrace = nil
        previousNetwork = nil
    }

    /// The start screen (kept for the old name of the Home key's move).
    public mutating func moveToFirst() { moveToStart() }

    /// The last event of the newest update of the run.
    public mutating func moveToNewest() {
        if live.updateCount > 0 { show(live.updateCount - 1, event: .last) }
    }

    // MARK: going to a place

    /// The newest update trained (0-based), nil before the first.
    public var lastTrainedUpdate: Int? { live.updateCount > 0 ? live.updateCount - 1 : nil }

    /// The update index (0-based) of a target, or nil when it is not in the run (not trained yet).
    public func updateIndex(of target: Target) -> Int? {
        guard let last = lastTrainedUpdate else { return nil }
        let u: Int
        switch target {
        case .epoch(let n): u = (n - 1) * batchesPerEpoch
        case .update(let n): u = n - 1
        }
        return u >= 0 && u <= last ? u : nil
    }

    /// To the first event of an epoch or update of the run. With `training`, the run is trained on
    /// the fast path as far as needed (a lesson opening at epoch 500); without, a target that is
    /// not trained yet changes nothing and gives false.
    @discardableResult
    public mutating func go(to target: Target, training: Bool = false) -> Bool {
        if training {
            let u: Int
            switch target {
            case .epoch(let n): u = (n - 1) * batchesPerEpoch
            case .update(let n): u = n - 1
            }
            guard u >= 0 else { return false }
            if u > live.updateCount { extendRun(to: u) }
            return show(u, event: .first)
        }
        guard let u = updateIndex(of: target) else { return false }
        return show(u, event: .first)
    }

    /// To a position (the start screen for nil), as `mark` remembers it.
    @discardableResult
    public mutating func go(to place: Position?) -> Bool {
        guard let place else { moveToStart(); return true }
        return show(place.step, event: .index(place.event))
    }

    /// Trains `count` epochs from the end of the update on screen (an epoch it leaves unfinished
    /// counting as the first), on the fast path where the run has not been trained yet, then shows
    /// the first event of the update after them (the run's last, when it diverged before).
    public mutating func skip(epochs count: Int) {
        guard count > 0 else { return }
        let b = batchesPerEpoch
        let done = position.map { $0.step + 1 } ?? 0
        let target = (done / b + count) * b
        if target > live.updateCount { extendRun(to: target) }
        if !show(target, event: .first), let last = lastReachableUpdate {
            show(last, event: .last)
        }
    }

    // MARK: marks

    /// Marks the place on screen, with the parameters as shown there.
    public mutating func setMark() {
        mark = Mark(position: position, parameters: shownParameters)
    }

    public mutating func clearMark() { mark = nil }

    // MARK: changing the run

    /// Back to the start with this trainer (a restart, or a new network).
    public mutating func restart(with trainer: Trainer) throws(EngineError) {
        self = try Timeline(trainer: trainer)
    }

    /// Changes the training settings from the next update on: a new segment of the run. The
    /// updates after the one on screen are forgotten, since they were made with the old settings;
    /// the ones before keep theirs. Settings the engine refuses (`Trainer.reconfigure`) change nothing.
    public mutating func changeConfig(_ change: (inout TrainingConfig) -> Void) throws(EngineError) {
        let kept = position.map { $0.step + 1 } ?? 0
        // the state the new settings start from, checked with them before anything is forgotten
        var base = kept < live.updateCount ? currentTrace?.after ?? run.start : live
        var config = base.config
        change(&config)
        try base.reconfigure(config)
        if kept < live.updateCount {
            live = currentTrace?.after ?? run.start
            run.truncate(keeping: kept)
            nearby.removeAll { $0.update >= kept }
            if let m = mark, let p = m.position, p.step >= kept { mark = nil }
        }
        try live.reconfigure(config)
        run.pin(live)
    }

    // MARK: internals

    enum EventChoice { case first, last, index(Int) }

    /// Shows update `u` at one of its events, recording it (and training it first when it is
    /// the next one of the run). False, and nothing changes, when it cannot be reached.
    @discardableResult
    private mutating func show(_ u: Int, event: EventChoice) -> Bool {
        guard let entry = recorded(u) else { return false }
        if let p = position, let trace = currentTrace, p.step != u { remember(trace, at: p.step) }
        currentTrace = entry.trace
        previousNetwork = entry.previousNetwork
        let k: Int
        switch event {
        case .first: k = 0
        case .last: k = entry.trace.count - 1
        case .index(let i): k = max(0, min(i, entry.trace.count - 1))
        }
        position = Position(step: u, event: k)
        return true
    }

    /// Update `u` recorded: kept nearby, or recorded from the update before it, from the newest
    /// state of the run, or from a checkpoint replayed on the fast path.
    private mutating func recorded(_ u: Int) -> Recorded? {
        guard u >= 0, let last = lastReachableUpdate, u <= last else { return nil }
        if let p = position, p.step == u, let trace = currentTrace { return Recorded(trace: trace, previousNetwork: previousNetwork) }
        if let k = nearby.lastIndex(where: { $0.update == u }) { return nearby.remove(at: k) }
        let lender = currentTrace ?? nearby.last?.trace
        if u == live.updateCount {
            // the next update of the run
            let previous: Network?
            if let t = currentTrace, t.before.updateCount == u - 1 {
                previous = t.before.network
            } else if u > 0 {
                previous = run.restore(atOrBefore: u - 1, later: live).replayed(to: u - 1).network
            } else {
                previous = nil
            }
            guard let trace = live.recordedStep(reusing: lender) else { return nil }
            live = trace.after
            run.append(loss: trace.batchLoss)
            run.offer(live)
            return Recorded(trace: trace, previousNetwork: previous)
        }
        // the state before u: a checkpoint at u (every segment starts with one), the update on
        // screen when it is the one before, or a checkpoint replayed
        var trainer: Trainer
        let previous: Network?
        let onScreen = currentTrace.flatMap { $0.before.updateCount == u - 1 ? $0 : nil }
        let checkpoint = run.restore(atOrBefore: u, later: live)
        if checkpoint.updateCount == u {
            trainer = checkpoint
            previous = onScreen?.before.network
                ?? (u > 0 ? run.restore(atOrBefore: u - 1, later: live).replayed(to: u - 1).network : nil)
        } else if let onScreen {
            trainer = onScreen.after
            previous = onScreen.before.network
        } else {
            trainer = checkpoint.replayed(to: u - 1)
            previous = trainer.network
            trainer.train(updates: 1)
        }
        guard let trace = trainer.recordedStep(reusing: lender) else { return nil }
        return Recorded(trace: trace, previousNetwork: previous)
    }

    /// Keeps an update recorded nearby (it was on screen).
    private mutating func remember(_ trace: StepTrace, at u: Int) {
        nearby.removeAll { $0.update == u }
        nearby.append(Recorded(trace: trace, previousNetwork: previousNetwork))
        let keep = keptNearby(like: trace)
        if nearby.count > keep { nearby.removeFirst(nearby.count - keep) }
    }

    /// How many updates like `trace` are kept nearby: `nearbyCount`, or as many as fit in
    /// `NetworkSize.maxTimelineBytes` (at least 2, to step back and forth once).
    private func keptNearby(like trace: StepTrace) -> Int {
        let net = trace.before.network
        let bytes = (try? NetworkSize(layerSizes: net.layerSizes))?
            .recordedStepBytes(batch: trace.batchCount, biasMode: net.biasMode, clipping: trace.before.config.clipNorm != nil)
        return min(Self.nearbyCount, max(2, NetworkSize.maxTimelineBytes / max(1, bytes ?? Int.max)))
    }

    /// Trains the run on the fast path until it has `target` updates, keeping checkpoints on the way.
    private mutating func extendRun(to target: Int) {
        while live.updateCount < target && !live.hasDiverged {
            let stop = min(target, run.nextCheckpoint(after: live.updateCount))
            var losses: [Double]? = []
            live.train(updates: stop - live.updateCount, losses: &losses)
            run.append(losses: losses!)
            run.offer(live)
        }
    }

    private struct GroupKey: Equatable {
        var step: Int
        var sample: Int?
        var phase: StepEvent.Phase?
        var layer: Int?
        var neuron: Int?
    }

    private func groupKey(_ size: Granularity) -> GroupKey {
        guard let p = position, let t = currentTrace else { return GroupKey(step: -1) }
        switch size {
        case .neuron:
            return GroupKey(step: p.step, sample: t.sample(at: p.event), phase: t.phase(at: p.event),
                            neuron: t.neuronKey(at: p.event))
        case .layer:
            return GroupKey(step: p.step, sample: t.sample(at: p.event), phase: t.phase(at: p.event),
                            layer: t.layer(at: p.event))
        case .phase:
            return GroupKey(step: p.step, sample: t.sample(at: p.event), phase: t.phase(at: p.event))
        case .sample:
            return GroupKey(step: p.step, sample: t.sample(at: p.event))
        case .event, .update, .epoch:
            return GroupKey(step: p.step)
        }
    }
}

extension Trainer {
    /// This trainer moved on the fast path until it has made `u` updates.
    func replayed(to u: Int) -> Trainer {
        var t = self
        if u > t.updateCount { t.train(updates: u - t.updateCount) }
        return t
    }
}
