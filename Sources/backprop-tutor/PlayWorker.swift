import BackpropEngine
import Foundation
import TerminalUI

/// Trains the playground's runs on their own thread, in chunks of whole epochs on the engine's
/// fast path, and publishes a `PlaySnapshot` after each chunk. The screen's loop reads the
/// latest snapshot; it never waits for training. All shared state sits in one `Mutex`.
final class PlayWorker: Sendable {
    private struct State {
        /// the runs as last trained (their curves go on from chunk to chunk)
        var runs: [PlayRun] = []
        var configs: [TrainingConfig] = []
        var generation = 0
        var running = false
        /// epochs to train while paused (the "one epoch" key)
        var pendingEpochs = 0
        /// epochs per second at most; nil for no limit
        var speed: Double? = 100
        var latest: PlaySnapshot?
        /// true while a chunk is being trained outside the lock
        var busy = false
        var stopped = false
    }

    private let state = Locked(State())
    /// Seconds of training per chunk: short enough for ≥ 10 snapshots a second.
    static let chunkSeconds = 0.05

    init() {}

    /// Starts the thread.
    func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "play-trainer"
        thread.start()
    }

    func stop() { state.withLock { $0.stopped = true } }

    /// New runs (after a reset or a change of settings); older snapshots are dropped.
    func replace(_ runs: [PlayRun], generation: Int, speed: Double?) {
        state.withLock {
            $0.runs = runs
            $0.configs = runs.map(\.trainer.config)
            $0.generation = generation
            $0.speed = speed
            $0.pendingEpochs = 0
            $0.latest = nil
        }
    }

    /// Settings that apply from the next chunk (chunks are whole epochs).
    func configure(_ configs: [TrainingConfig], speed: Double?) {
        state.withLock {
            $0.configs = configs
            $0.speed = speed
        }
    }

    func setRunning(_ running: Bool) { state.withLock { $0.running = running } }

    func trainOneEpoch() { state.withLock { $0.pendingEpochs += 1 } }

    /// The newest snapshot not yet taken.
    func takeSnapshot() -> PlaySnapshot? {
        state.withLock { s in
            defer { s.latest = nil }
            return s.latest
        }
    }

    /// Pauses and waits for a chunk under way to end; returns the runs as they stand.
    func pauseAndWait() -> (generation: Int, runs: [PlayRun]) {
        state.withLock { $0.running = false; $0.pendingEpochs = 0 }
        while state.withLock({ $0.busy }) { usleep(1000) }
        return state.withLock { ($0.generation, $0.runs) }
    }

    private func loop() {
        var epochsPerChunk = 1.0
        while true {
            // take work
            let job: (runs: [PlayRun], trainers: [Trainer], generation: Int, epochs: Int, speed: Double?)? = state.withLock { s in
                if s.stopped { return nil }
                guard !s.runs.isEmpty, s.running || s.pendingEpochs > 0 else { return ([], [], 0, 0, nil) }
                var trainers = s.runs.map(\.trainer)
                // the screen's update checked these settings on its own trainers (`reconfigure`)
                for k in trainers.indices where k < s.configs.count && trainers[k].config != s.configs[k] {
                    try? trainers[k].reconfigure(s.configs[k])
                }
                var epochs = s.pendingEpochs
                if s.running {
                    var n = epochsPerChunk
                    if let speed = s.speed { n = min(n, max(1, speed * Self.chunkSeconds)) }
                    epochs = max(1, Int(n))
                }
                s.pendingEpochs = 0
                s.busy = true
                return (s.runs, trainers, s.generation, epochs, s.speed)
            }
            guard var work = job else { return }
            if work.epochs == 0 {
                usleep(5000)
                continue
            }
            // train outside the lock
            let started = ContinuousClock.now
            for k in work.trainers.indices { work.trainers[k].train(epochs: work.epochs) }
            let seconds = max(1e-6, (ContinuousClock.now - started).seconds)
            // what the student sees: the engine's pace, or the speed limit when that is lower
            let rate = min(Double(work.epochs) / seconds, work.speed ?? .infinity)
            // aim the next chunk at chunkSeconds of work
            epochsPerChunk = min(100_000, max(1, Double(work.epochs) * Self.chunkSeconds / seconds))
            let runs = zip(work.trainers, work.runs).map { PlayRun(trainer: $0, epochsPerSecond: rate, continuing: $1) }
            state.withLock { s in
                s.busy = false
                guard s.generation == work.generation else { return }
                s.runs = runs
                s.latest = PlaySnapshot(generation: work.generation, runs: runs)
                if work.trainers.allSatisfy(\.hasDiverged) { s.running = false }
            }
            // keep to the speed limit
            if let speed = work.speed {
                let due = Double(work.epochs) / speed
                let spent = (ContinuousClock.now - started).seconds
                if due > spent { usleep(UInt32(min(1, due - spent) * 1_000_000)) }
            }
        }
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}

/// A value behind a lock. (Synchronization's Mutex would do, but linking that module into the
/// test bundle makes test discovery crash on this toolchain.)
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
