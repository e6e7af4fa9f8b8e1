import ArgumentParser
import BackpropEngine
import Foundation
import TutorFiles

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a network file without the screen; print the loss curve and a summary.",
        discussion: """
            --json prints one object: epochs, loss (loss[k] is the training loss measured during \
            epoch k+1, before that epoch's updates, averaged over its batches), final_loss, weights \
            and biases (in the file's layout), and outputs (the trained network on every training input). \
            While it trains, a terminal shows a progress line on stderr (epoch, loss, samples per \
            second, time left); nothing of it when stderr is piped or with --json.
            """
    )

    @Argument(help: "A network or lesson file (TOML).")
    var file: String

    @OptionGroup var overrides: TrainingOverrides

    @Flag(help: "Print one JSON object instead of text (and no progress line).")
    var json = false

    @Flag(help: "Draw the loss curve with ASCII characters only.")
    var ascii = false

    @Option(help: "Language of the text: en or ja (default: from the locale). --json is never translated.")
    var lang: LanguageOption?

    @ParentCommand var root: BackpropTutor

    func run() throws {
        let (file, epochs) = overrides.apply(to: try loadOrExit(file))
        var trainer = try orExit { () throws(FileError) in try file.trainer() }
        let words = CommandText(lang ?? root.common.lang)
        let plain = ascii || root.common.ascii || !terminalIsUTF8()
        let started = ContinuousClock.now
        if !json && ProgressTraining.wanted {
            ProgressTraining.train(&trainer, epochs: epochs, language: words.language, unicode: !plain)
        } else {
            trainer.train(epochs: epochs)
        }
        let elapsed = ContinuousClock.now - started
        let report = TrainingReport(file: file, trainer: trainer)
        if json {
            print(report.json.text)
        } else {
            print(report.text(elapsed: elapsed, ascii: plain, words: words))
        }
    }
}

/// Whether the locale asks for UTF-8 (LC_ALL, then LC_CTYPE, then LANG).
func terminalIsUTF8() -> Bool {
    let env = ProcessInfo.processInfo.environment
    let value = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
    let lower = value.lowercased()
    return lower.contains("utf-8") || lower.contains("utf8")
}
