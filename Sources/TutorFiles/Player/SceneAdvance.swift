import BackpropEngine

/// Moves a timeline as a scene's `advance` says.
enum SceneAdvance {
    /// The moved timeline, and whether a `to:` target was reached (within two updates).
    static func apply(_ advance: Advance, to start: Timeline) -> (Timeline, reached: Bool) {
        var t = start
        switch advance {
        case .none:
            return (t, true)
        case .by(let size, let count):
            for _ in 0..<count { t.forward(by: size) }
            return (t, true)
        case .epochs(let n):
            t.skip(epochs: n)
            return (t, true)
        case .goTo(let target):
            return t.go(to: target, training: true) ? (t, true) : (start, false)
        case .toPhase(let phase):
            return seek(t) { event, _ in event.phase == phase }
        case .toValue(let name):
            return seek(t) { event, trace in EventLocator.event(event, computes: name, batchCount: trace.batchCount) }
        }
    }

    /// Forward one event at a time until `found`; gives up after two more updates (staying put).
    private static func seek(_ start: Timeline, _ found: (StepEvent, StepTrace) -> Bool) -> (Timeline, reached: Bool) {
        if let e = start.currentEvent, let t = start.currentTrace, found(e, t) { return (start, true) }
        var t = start
        let limit = (start.currentTrace?.after.updateCount ?? start.live.updateCount) + 2
        while t.next() {
            guard let trace = t.currentTrace, let event = t.currentEvent else { break }
            if found(event, trace) { return (t, true) }
            if trace.after.updateCount > limit { break }
        }
        return (start, false)
    }
}
