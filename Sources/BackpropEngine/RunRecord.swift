/// What a timeline keeps of a whole training run so that any update of it can be shown again:
/// checkpoints of the trainer at intervals (parameters, optimizer memory, sample order and
/// shuffler, counters) and the batch loss of every update. Training is deterministic, so the
/// state before any update is a checkpoint replayed on the fast path, bit for bit.
///
/// The interval starts small and doubles (dropping every other checkpoint) whenever the
/// checkpoints would pass their memory budget, so a run of any length stays within it; the
/// first checkpoint and the first state of each segment (settings changed midway) are kept.
struct RunRecord: Sendable {
    struct Checkpoint: Sendable {
        /// the trainer before update `update`, without its loss lists (see Trainer.withoutHistory)
        var trainer: Trainer
        var epochLosses: Int
        var testLosses: Int
        /// the start of the run or of a segment: never dropped
        var pinned: Bool
        var update: Int { trainer.updateCount }
    }

    /// Oldest first; the first is the start of the run.
    private(set) var checkpoints: [Checkpoint] = []
    /// Updates between checkpoints (a power of two).
    private(set) var interval: Int
    /// Unpinned checkpoints allowed before the interval doubles.
    let capacity: Int
    private var pinned = 1
    /// Batch loss of each update of the run, measured before its update.
    private(set) var losses = LossHistory()
    /// sums[k]: the sum of the finite losses of updates 0..<k (for averages over any span).
    private(set) var sums: LossHistory = [0]

    /// Memory the checkpoints of one run may take.
    static let budgetBytes = 16 << 20

    /// `interval` and `capacity` are chosen from the network's size unless given (tests give them).
    init(start: Trainer, interval: Int? = nil, capacity: Int? = nil) {
        // replaying one interval should be worth a call of the fast path (about 2^17 multiply-adds)
        var i = 1
        while i < 1 << 20 && i * max(start.updateWork, 1) < 1 << 17 { i *= 2 }
        self.interval = interval ?? i
        self.capacity = capacity ?? max(64, Self.budgetBytes / max(start.snapshotBytes, 1))
        checkpoints = [Self.checkpoint(start, pinned: true)]
    }

    /// Updates in the run.
    var count: Int { losses.count }

    /// The first update after `u` that should get a checkpoint.
    func nextCheckpoint(after u: Int) -> Int { (u / interval + 1) * interval }

    /// Notes the batch losses of the next updates of the run.
    mutating func append(losses new: [Double]) {
        for loss in new { append(loss: loss) }
    }

    mutating func append(loss: Double) {
        losses.append(loss)
        sums.append(sums[sums.count - 1] + (loss.isFinite ? loss : 0))
    }

    /// Keeps the trainer as a checkpoint when it stands on the interval.
    mutating func offer(_ trainer: Trainer) {
        let u = trainer.updateCount
        guard u % interval == 0, u > checkpoints[checkpoints.count - 1].update else { return }
        checkpoints.append(Self.checkpoint(trainer, pinned: false))
        if checkpoints.count - pinned > capacity { thin() }
    }

    /// The start of a segment: the trainer with its new settings replaces any checkpoint at its update.
    mutating func pin(_ trainer: Trainer) {
        let u = trainer.updateCount
        checkpoints.removeAll { $0.update >= u }
        checkpoints.append(Self.checkpoint(trainer, pinned: true))
        pinned = checkpoints.reduce(0) { $0 + ($1.pinned ? 1 : 0) }
    }

    /// Forgets everything after the first `updates` updates.
    mutating func truncate(keeping updates: Int) {
        checkpoints.removeAll { $0.update > updates && $0.update > 0 }
        pinned = checkpoints.reduce(0) { $0 + ($1.pinned ? 1 : 0) }
        if losses.count > updates {
            losses = losses.prefix(count: updates)
            sums = sums.prefix(count: updates + 1)
        }
    }

    /// The trainer at the last checkpoint at or before update `u`, with the loss lists it had,
    /// taken from `later` (a later state of the same run, e.g. the newest).
    func restore(atOrBefore u: Int, later: Trainer) -> Trainer {
        var lo = 0, hi = checkpoints.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if checkpoints[mid].update <= u { lo = mid } else { hi = mid - 1 }
        }
        let c = checkpoints[lo]
        var t = c.trainer
        t.restoreHistory(from: later, epochLosses: c.epochLosses, testLosses: c.testLosses)
        return t
    }

    /// The start of the run.
    var start: Trainer { checkpoints[0].trainer }

    /// Mean of the finite batch losses of updates a..<b (nil when there are none).
    func meanLoss(_ a: Int, _ b: Int) -> Double? {
        guard a < b, b <= losses.count else { return nil }
        var n = b - a
        // only the run's last update can be non-finite (training stops there)
        if !losses[b - 1].isFinite { n -= 1 }
        return n > 0 ? (sums[b] - sums[a]) / Double(n) : nil
    }

    // MARK: -


    private mutating func thin() {
        interval *= 2
        let i = interval
        checkpoints.removeAll { !$0.pinned && $0.update % i != 0 }
    }

    private static func checkpoint(_ trainer: Trainer, pinned: Bool) -> Checkpoint {
        let (t, e, tests) = trainer.withoutHistory
        return Checkpoint(trainer: t, epochLosses: e, testLosses: tests, pinned: pinned)
    }
}
