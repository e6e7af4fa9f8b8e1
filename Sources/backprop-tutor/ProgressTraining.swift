import BackpropEngine
import EventWords
import Foundation
import TerminalUI

/// Training with a progress line (`TrainingProgress`) redrawn in place on stderr about four times
/// a second, then erased. The trainer works in pieces of updates sized to take some tens of
/// milliseconds each, which gives the same numbers as training in one piece.
enum ProgressTraining {
    /// Whether to show it: stderr is a terminal (never when it is piped or redirected).
    static var wanted: Bool { isatty(STDERR_FILENO) == 1 }

    static func train(_ trainer: inout Trainer, epochs: Int, language: Language, unicode: Bool) {
        let clock = ContinuousClock(), start = clock.now
        let firstEpoch = trainer.epoch, target = trainer.epoch + epochs
        let perEpoch = trainer.data.count
        var piece = 1
        var lastDrawn = start, drawn = false
        while trainer.epoch < target && !trainer.hasDiverged {
            let before = clock.now
            trainer.train(epochs: target - trainer.epoch, updateLimit: piece)
            let took = clock.now - before
            if took < .milliseconds(20) { piece = piece <= Int.max / 2 ? piece * 2 : piece }
            if took > .milliseconds(80) { piece = max(1, piece / 2) }
            let now = clock.now
            guard now - lastDrawn >= .milliseconds(250), trainer.epoch < target else { continue }
            lastDrawn = now
            let done = (trainer.epoch - firstEpoch) * perEpoch + min(perEpoch, trainer.batchInEpoch * trainer.batchSize)
            let progress = TrainingProgress(epoch: trainer.epoch - firstEpoch, epochs: epochs,
                                            loss: trainer.epochLosses.last ?? trainer.lastBatchLoss,
                                            samplesDone: done, samplesTotal: epochs * perEpoch,
                                            seconds: seconds(now - start))
            // \r and erase to the end of the line: the line is redrawn where it was
            write(progress.line(language, unicode: unicode, width: terminalWidth() - 1))
            drawn = true
        }
        if drawn { write("") }
    }

    private static func write(_ line: String) {
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The width of the terminal on stderr (80 when it cannot be asked).
    private static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
