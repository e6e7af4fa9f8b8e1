import BackpropEngine
import Foundation
import TerminalUI

/// `play --benchmark`: epochs per second on the fast path for spiral (2-8-8-1) and digits
/// (64-32-10), and frames per second of the playground's view (heatmap included) at 120x40.
/// Figures, not a test: build with -c release for numbers worth quoting.
func runPlayBenchmark() {
    func seconds(_ body: () -> Void) -> Double {
        let start = ContinuousClock.now
        body()
        return (ContinuousClock.now - start).seconds
    }
    func epochsPerSecond(_ source: PlayDataSource, hidden: [Int], minimum: Double) -> (Double, Int) {
        var settings = PlaySettings(source: source)
        settings.hidden = hidden
        settings.activation = source == .toy(.spiral) ? .tanh : .relu
        settings.learningRate = 0.01
        let table: PlayTable? = { if case .builtin(let b) = source { return PlayTable.builtin(b) } else { return nil } }()
        let model = playModel(settings, table, theme: .default)
        var trainer = model.runs[0].trainer
        var epochs = 0, spent = 0.0
        while spent < minimum {
            spent += seconds { trainer.train(epochs: 10) }
            epochs += 10
        }
        return (Double(epochs) / spent, trainer.data.count)
    }
    let spiral = epochsPerSecond(.toy(.spiral), hidden: [8, 8], minimum: 2)
    print("spiral 2-8-8-1, \(spiral.1) training points, batch 32, adam: \(Int(spiral.0)) epochs/s")
    let digits = epochsPerSecond(.builtin(.digits), hidden: [32], minimum: 3)
    print("digits 64-32-10, \(digits.1) training images, batch 32, adam: \(formatRate(digits.0)) epochs/s")

    for (name, theme) in [("colour", Theme.default), ("mono", Theme.mono)] {
        var model = playModel(PlaySettings(source: .toy(.spiral)), nil, theme: theme)
        var trainer = model.runs[0].trainer
        var frames = 0, spent = 0.0
        while spent < 2 {
            trainer.train(epochs: 1)  // a new network each frame, as while training
            model.runs[0] = PlayRun(trainer: trainer)
            spent += seconds { _ = view(model) }
            frames += 1
        }
        print("playground view at 120x40 (\(name), heatmap and all panels): \(formatRate(Double(frames) / spent)) frames/s")
    }

    for speed in [PlaySettings(source: .builtin(.digits)).speed, nil] {
        let r = keyResponseWhileDigitsTrains(speed: speed, keys: 200)
        print("key response while digits 64-32-10 trains (speed \(speed.map { "\(Int($0)) epochs/s" } ?? "max"), "
              + "\(r.epochs) epochs during \(r.keys) keys): median \(String(format: "%.2f", r.median)) ms, "
              + "p99 \(String(format: "%.2f", r.p99)) ms, worst \(String(format: "%.2f", r.worst)) ms")
    }
}

/// The playground's loop (`runPlayLoop`) without a terminal: a `PlayWorker` trains digits
/// 64-32-10 as `play --dataset digits --layers 32` does after space; between keys the loop takes
/// snapshots and draws them, as on screen. Each synthetic key (down, up, …) is timed from "key
/// received" through `update`, the latest snapshot, the worker commands and `view`, to the frame
/// in its `Buffer` (the terminal's own write is not included). Times in ms.
private func keyResponseWhileDigitsTrains(speed: Double?, keys: Int)
    -> (median: Double, p99: Double, worst: Double, epochs: Int, keys: Int) {
    var settings = PlaySettings(source: .builtin(.digits))
    settings.hidden = [32]
    settings.speed = speed
    var model = playModel(settings, PlayTable.builtin(.digits), theme: .default)
    let worker = PlayWorker()
    worker.replace(model.runs, generation: model.generation, speed: model.settings.speed)
    worker.start()
    defer { worker.stop() }
    // the commands runPlayLoop's perform sends to the worker (save and step in do not occur here)
    func perform(_ commands: [PlayCommand]) {
        for command in commands {
            switch command {
            case .restart:
                worker.replace(model.runs, generation: model.generation, speed: model.settings.speed)
                worker.setRunning(model.running)
            case .configure: worker.configure(model.configs, speed: model.settings.speed)
            case .setRunning(let running): worker.setRunning(running)
            case .trainEpoch: worker.trainOneEpoch()
            case .save, .stepIn: break
            }
        }
    }
    var frame = view(model)
    perform(update(&model, .key(.character(" "))))  // space: training starts
    precondition(model.running, "space did not start training")
    let startEpoch = model.main.trainer.epoch
    var times: [Double] = []
    let frameTime = Duration.milliseconds(30)
    var lastDraw = ContinuousClock.now
    for k in 0..<keys {
        // idle between keys (15–35 ms), as the loop is: snapshots in, a frame at most every 30 ms
        let nextKey = ContinuousClock.now + .milliseconds(15 + (k * 7) % 21)
        var dirty = false
        while ContinuousClock.now < nextKey {
            if dirty && ContinuousClock.now - lastDraw >= frameTime {
                frame = view(model)
                lastDraw = ContinuousClock.now
                dirty = false
            }
            usleep(2000)  // stands in for readKey's wait
            if let snapshot = worker.takeSnapshot() {
                perform(update(&model, .snapshot(snapshot)))
                dirty = true
            }
        }
        // a key arrives
        let received = ContinuousClock.now
        var commands = update(&model, .key(k % 2 == 0 ? .down : .up))
        if let snapshot = worker.takeSnapshot() { commands += update(&model, .snapshot(snapshot)) }
        perform(commands)
        frame = view(model)
        times.append((ContinuousClock.now - received).seconds * 1000)
        lastDraw = ContinuousClock.now
    }
    precondition(frame.width == 120 && frame.height == 40)
    // the last snapshot, for the epoch count
    usleep(100_000)
    if let snapshot = worker.takeSnapshot() { _ = update(&model, .snapshot(snapshot)) }
    times.sort()
    let p99 = times[min(times.count - 1, Int((Double(times.count) * 0.99).rounded(.up)) - 1)]
    return (times[times.count / 2], p99, times.last!, model.main.trainer.epoch - startEpoch, times.count)
}

/// A 120x40 playground for the figures (its settings are the benchmark's own, always trainable).
private func playModel(_ settings: PlaySettings, _ table: PlayTable?, theme: Theme) -> PlayModel {
    do {
        return try PlayModel(settings: settings, table: table, width: 120, height: 40, unicode: true, theme: theme)
    } catch {
        printError("play --benchmark: \(error)")
        exit(2)
    }
}
