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
        let model = PlayModel(settings: settings, table: table, width: 120, height: 40, unicode: true, theme: .default)
        var trainer = model.freshTrainers()[0]
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
        var model = PlayModel(settings: PlaySettings(source: .toy(.spiral)), table: nil, width: 120, height: 40,
                              unicode: true, theme: theme)
        var trainer = model.freshTrainers()[0]
        var frames = 0, spent = 0.0
        while spent < 2 {
            trainer.train(epochs: 1)  // a new network each frame, as while training
            model.runs[0] = PlayRun(trainer: trainer)
            spent += seconds { _ = view(model) }
            frames += 1
        }
        print("playground view at 120x40 (\(name), heatmap and all panels): \(formatRate(Double(frames) / spent)) frames/s")
    }
}
