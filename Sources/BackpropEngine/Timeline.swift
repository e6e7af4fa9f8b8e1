/// Moving through training one recorded event at a time, forward and back, at any step size.
/// Steps already shown are kept (as StepTraces), so going back shows exactly the numbers shown
/// before, across updates and epochs; going forward past the newest step records a new one.
public struct Timeline: Sendable {
    /// How far one press of "next" goes.
    public enum Granularity: String, CaseIterable, Sendable {
        case event, neuron, layer, phase, sample, update, epoch
    }

    public struct Position: Equatable, Sendable {
        /// index into `steps`
        public var step: Int
        /// index of the event within that step
        public var event: Int

        public init(step: Int, event: Int) {
            self.step = step
            self.event = event
        }
    }

    /// The trainer after the newest recorded step: where new steps come from.
    public private(set) var live: Trainer
    /// Recorded steps, oldest first. After `skip(epochs:)` there is a gap between two of them.
    public private(set) var steps: [StepTrace] = []
    /// The event on screen; nil before the first event.
    public private(set) var position: Position?
    /// Oldest steps are dropped beyond this many (the screen cannot go back further).
    public var capacity: Int

    public init(trainer: Trainer, capacity: Int = 500) {
        live = trainer
        self.capacity = capacity
    }

    public var currentTrace: StepTrace? { position.map { steps[$0.step] } }
    public var currentEvent: StepEvent? { position.map { steps[$0.step][$0.event] } }

    /// The trainer as the screen should show it: before the current step's update.
    public var shownTrainer: Trainer { currentTrace?.before ?? live }

    /// Whether training can no longer go forward (divergence at the newest step).
    public var isAtDivergence: Bool {
        guard let p = position else { return live.hasDiverged }
        return p.step == steps.count - 1 && p.event == steps[p.step].count - 1 && live.hasDiverged
    }

    // MARK: moving

    /// One event forward; records a new step at the end of history. Returns false when training
    /// cannot go on (it diverged).
    @discardableResult
    public mutating func next() -> Bool {
        guard let p = position else { return enterStep(0) }
        if p.event + 1 < steps[p.step].count {
            position = Position(step: p.step, event: p.event + 1)
            return true
        }
        return enterStep(p.step + 1)
    }

    /// One event back. Returns false at the very beginning of what is kept.
    @discardableResult
    public mutating func previous() -> Bool {
        guard let p = position else { return false }
        if p.event > 0 {
            position = Position(step: p.step, event: p.event - 1)
        } else if p.step > 0 {
            position = Position(step: p.step - 1, event: steps[p.step - 1].count - 1)
        } else {
            return false
        }
        return true
    }

    /// Forward by a step size: to the last event of the next group (a neuron's sum and activation,
    /// a layer, a phase, a sample), or to the first event of the next update or epoch.
    public mutating func forward(by size: Granularity) {
        switch size {
        case .event:
            next()
        case .update:
            let start = position?.step
            while next() { if position!.step != start && position!.event == 0 { break } }
        case .epoch:
            let epoch = currentTrace?.epochNumber
            if let p = position, p.step == steps.count - 1 {
                // finish this epoch on the fast path, then show the next one
                live.finishEpoch()
                _ = enterStep(steps.count)
                return
            }
            while next() {
                if currentTrace?.epochNumber != epoch && position!.event == 0 { break }
            }
        default:
            if position == nil {
                guard next() else { return }
            } else {
                let key = groupKey(size)
                while next() { if groupKey(size) != key { break } }
            }
            let newKey = groupKey(size)
            while let p = position, p.event + 1 < steps[p.step].count {
                position!.event += 1
                if groupKey(size) != newKey { position!.event -= 1; break }
            }
        }
    }

    /// Back by a step size: to the last event of the previous group, or the first event of the
    /// previous update or epoch.
    public mutating func backward(by size: Granularity) {
        guard position != nil else { return }
        switch size {
        case .event:
            previous()
        case .update:
            if position!.event > 0 {
                position!.event = 0
            } else if position!.step > 0 {
                position = Position(step: position!.step - 1, event: 0)
            }
        case .epoch:
            var first = firstStepOfEpoch(containing: position!.step)
            if position == Position(step: first, event: 0) {
                guard first > 0 else { return }
                first = firstStepOfEpoch(containing: first - 1)
            }
            position = Position(step: first, event: 0)
        default:
            let key = groupKey(size)
            while previous() { if groupKey(size) != key { return } }
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
        let sample = position.map { steps[$0.step].sample(at: $0.event) }
        func samePhase(_ t: Timeline) -> Bool {
            t.currentEvent?.phase == phase && t.position.map { t.steps[$0.step].sample(at: $0.event) } == sample
        }
        var probe = self
        if probe.previous() && samePhase(probe) {
            while samePhase(probe) { self = probe; if !probe.previous() { break } }
        } else if probe.position != position {
            // at the start already: go to the start of the phase before
            self = probe
            let before = probe.currentEvent?.phase
            let beforeSample = probe.position.map { probe.steps[$0.step].sample(at: $0.event) }
            while probe.previous(), probe.currentEvent?.phase == before,
                  probe.position.map({ probe.steps[$0.step].sample(at: $0.event) }) == beforeSample {
                self = probe
            }
        }
    }

    /// The first event of the oldest step kept.
    public mutating func moveToFirst() {
        if !steps.isEmpty { position = Position(step: 0, event: 0) }
    }

    /// The last event of the newest step recorded.
    public mutating func moveToNewest() {
        if let last = steps.indices.last { position = Position(step: last, event: steps[last].count - 1) }
    }

    /// Trains `count` epochs on the fast path from the newest state (finishing the current epoch
    /// first), then shows the first event of the step after them.
    public mutating func skip(epochs count: Int) {
        truncateAfterCurrent()
        live.train(epochs: count)
        _ = enterStep(steps.count)
    }

    /// Back to the start with this trainer (a restart, or a new network).
    public mutating func restart(with trainer: Trainer) {
        live = trainer
        steps = []
        position = nil
    }

    /// Changes the training settings from the next update on. Steps recorded after the current
    /// one are forgotten, since they were made with the old settings.
    public mutating func changeConfig(_ change: (inout TrainingConfig) -> Void) {
        truncateAfterCurrent()
        change(&live.config)
    }

    // MARK: internals

    /// Drops recorded steps after the current one and continues from the current step's end.
    private mutating func truncateAfterCurrent() {
        guard let p = position, p.step < steps.count - 1 else { return }
        live = steps[p.step].after
        steps.removeSubrange((p.step + 1)...)
    }

    /// Moves to the first event of step `index`, recording it when it is new.
    private mutating func enterStep(_ index: Int) -> Bool {
        if index < steps.count {
            position = Position(step: index, event: 0)
            return true
        }
        guard let trace = live.recordedStep(reusing: steps.last) else { return false }
        live = trace.after
        steps.append(trace)
        var newIndex = steps.count - 1
        if steps.count > capacity {
            steps.removeFirst(steps.count - capacity)
            newIndex = steps.count - 1
        }
        position = Position(step: newIndex, event: 0)
        return true
    }

    /// The oldest kept step of the same epoch as step `index`, with no gap in between.
    private func firstStepOfEpoch(containing index: Int) -> Int {
        var k = index
        while k > 0 && steps[k - 1].epochNumber == steps[index].epochNumber
            && steps[k - 1].after.updateCount + 1 == steps[k].after.updateCount {
            k -= 1
        }
        return k
    }

    private struct GroupKey: Equatable {
        var step: Int
        var sample: Int?
        var phase: StepEvent.Phase?
        var layer: Int?
        var neuron: Int?
    }

    private func groupKey(_ size: Granularity) -> GroupKey {
        guard let p = position else { return GroupKey(step: -1) }
        let t = steps[p.step]
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
