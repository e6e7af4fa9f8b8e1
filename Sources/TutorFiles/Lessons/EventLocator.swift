import BackpropEngine

/// Which recorded event computes a named value: for `to:grad.w5` (move the engine there) and for
/// the worked computation shown after a wrong answer (EventWords turns the event into a formula).
public enum EventLocator {
    /// Whether `event` is the one that computes `name`.
    public static func event(_ event: StepEvent, computes name: ValueName, batchCount: Int) -> Bool {
        switch (name, event.kind) {
        case (.activation(let n), .activation(let m, _, _, _, _)),
             (.activation(let n), .residualSum(let m, _, _, _, _, _)),
             (.slope(let n), .activation(let m, _, _, _, _)),
             (.delta(let n), .residualDelta(let m, _, _, _, _, _, _, _, _)),
             (.weightedSum(let n), .weightedSum(let m, _, _, _)),
             (.delta(let n), .outputDelta(let m, _, _, _, _, _, _, _)),
             (.lossGradient(let n), .outputDelta(let m, _, _, _, _, _, _, _)),
             (.delta(let n), .hiddenDelta(let m, _, _, _, _, _, _, _)),
             (.lossShare(let n), .lossShare(let m, _, _, _, _)):
            return n == m
        case (.gradient(let p), .gradientSum(let q, _, _, _, _)):
            return p == q
        case (.gradient(let p), .weightGradient(let q, _, _)), (.gradient(let p), .biasGradient(let q, _, _)):
            return p == q && batchCount == 1
        case (.newValue(let p), .update(let q, _)):
            return p == q
        case (.sampleLoss(let k), .sampleLoss):
            return event.sample == k - 1
        case (.loss, .batchLoss):
            return true
        case (.loss, .sampleLoss):
            return batchCount == 1
        default:
            return false
        }
    }

    /// Position in `trace` of the event computing `name` (for the sample `sample` when the value
    /// belongs to one sample), if the step has one.
    public static func position(of name: ValueName, in trace: StepTrace, sample: Int = 0) -> Int? {
        let phase: StepEvent.Phase
        switch name {
        case .activation(let n) where n.layer == 0: return nil
        // where a skip leads in, the activation is known once the skip is added (not at f(z))
        case .activation(let n) where trace.before.network.skip(into: n.layer) != nil:
            return trace.eventIndex(activationOf: n, sample: sample)
        case .activation, .slope, .weightedSum: phase = .forward
        case .lossShare, .sampleLoss, .loss: phase = .loss
        case .delta, .lossGradient, .gradient: phase = .backward
        case .newValue: phase = .update
        default: return nil
        }
        var p = 0
        while p < trace.count {
            if trace.phase(at: p) == phase, trace.sample(at: p) == nil || trace.sample(at: p) == sample,
               event(trace[p], computes: name, batchCount: trace.batchCount) {
                return p
            }
            p += 1
        }
        return nil
    }

    /// The event computing `name` in the step the timeline shows.
    public static func event(for name: ValueName, timeline: Timeline) -> StepEvent? {
        guard let t = timeline.currentTrace else { return nil }
        return position(of: name, in: t, sample: timeline.currentEvent?.sample ?? 0).map { t[$0] }
    }
}
