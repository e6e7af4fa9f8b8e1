import ArgumentParser
import BackpropEngine
import Foundation
import TerminalBackend
import TutorFiles

/// Prints to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Loads a network file, or prints its error (file:line:column: message) and exits with code 2.
func loadOrExit(_ path: String) throws -> NetworkFile {
    try orExit { () throws(FileError) in try NetworkFile.load(path: path) }
}

/// The value, or the file error printed (file:line: message) and exit code 2. `terminal`, when
/// the screen is on, is stopped first so that the message is readable.
func orExit<T>(stopping terminal: Terminal? = nil, _ body: () throws(FileError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        terminal?.stop()
        printError("\(error)")
        throw ExitCode(2)
    }
}

enum OptimizerName: String, ExpressibleByArgument, CaseIterable {
    case sgd, momentum, adam

    var optimizer: Optimizer {
        switch self {
        case .sgd: return .sgd
        case .momentum: return .momentum(mu: Optimizer.defaultMomentum)
        case .adam: return Optimizer.defaultAdam
        }
    }
}

/// Command-line overrides of a file's training settings.
struct TrainingOverrides: ParsableArguments {
    @Option(help: "Epochs to train (default: the file's training.epochs).")
    var epochs: Int?

    @Option(name: .customLong("learning-rate"), help: "Learning rate η.")
    var learningRate: Double?

    @Option(help: "Optimizer, with its default settings.")
    var optimizer: OptimizerName?

    @Option(help: "Seed for the random initial weights (when the file gives none) and the shuffling.")
    var seed: UInt64?

    func validate() throws {
        if let epochs, epochs < 0 { throw ValidationError("--epochs must be 0 or more, got \(epochs)") }
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw ValidationError("--learning-rate must be a positive number, got \(learningRate)")
        }
    }

    /// The file with the overrides applied, and the number of epochs to run.
    func apply(to file: NetworkFile) -> (NetworkFile, epochs: Int) {
        var file = file
        if let learningRate { file.training.learningRate = learningRate }
        if let optimizer { file.training.optimizer = optimizer.optimizer }
        if let seed { file.reseed(seed) }
        return (file, epochs ?? file.training.epochs)
    }
}

extension NetworkFile {
    /// "3-4-1 sigmoid · half-sse (sum) · sgd η 0.5 · full batch of 4"
    var summaryLine: String {
        summary { samples, batchSize in
            batchSize.map { "batches of \($0) from \(samples)" } ?? "full batch of \(samples)"
        }
    }

    /// The summary line with the batching put in words by `batchWords(samples, batch size or nil
    /// for the full batch)`: the only part of it that is not symbols and names.
    func summary(batchWords: (Int, Int?) -> String) -> String {
        // from the spec: `check` never builds the network
        let sizes = spec.layerSizes.map(String.init).joined(separator: "-")
        let acts = spec.activations.map(\.rawValue)
        let actText = Set(acts).count == 1 ? acts[0] : acts.joined(separator: "/")
        let t = training
        let full = t.batchSize <= 0 || t.batchSize >= data.count
        let batch = batchWords(data.count, full ? nil : t.batchSize)
        return "\(sizes) \(actText) · \(t.loss.rawValue) (\(t.reduction.rawValue)) · "
            + "\(t.optimizer.name) η \(formatCompact(t.learningRate)) · \(batch)"
    }
}

/// A short decimal: up to 6 significant digits, no trailing zeros.
func formatCompact(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
    var s = String(format: "%.6g", x)
    if s.contains("e") { return s }
    if s.contains(".") {
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
    }
    return s
}
