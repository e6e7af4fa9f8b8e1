import BackpropEngine
import Foundation
import TerminalUI
import TutorFiles

/// What `train` prints: the numbers of a finished run, as JSON or as text.
struct TrainingReport {
    let file: NetworkFile
    let trainer: Trainer
    var testLosses: [Double] { Array(trainer.testLosses) }

    var outputs: [[Double]] { trainer.network.predict(batch: file.data.inputs) }

    func accuracy(on set: Dataset) -> Double? {
        guard file.classCount != nil, set.count > 0 else { return nil }
        return ClassifiedSet(network: trainer.network, data: set).accuracy
    }

    var json: JSON {
        let net = trainer.network
        var fields: [(String, JSON)] = [
            ("epochs", .int(trainer.epoch)),
            ("loss", .numbers(Array(trainer.epochLosses))),
            ("final_loss", .number(trainer.loss())),
            ("weights", .array(net.nestedWeights.map { .matrix($0) })),
            ("biases", net.biasMode == .none ? .array(net.biases.map { _ in .array([]) }) : .matrix(net.biases)),
            ("outputs", .matrix(outputs)),
        ]
        if let test = file.testData {
            fields.append(("test_loss", .numbers(testLosses)))
            fields.append(("final_test_loss", .number(trainer.loss(on: test))))
        }
        if let acc = accuracy(on: file.data) { fields.append(("accuracy", .number(acc))) }
        if let test = file.testData, let acc = accuracy(on: test) { fields.append(("test_accuracy", .number(acc))) }
        if let d = trainer.divergence {
            fields.append(("diverged", .object([("epoch", .int(d.epoch)), ("update", .int(d.update))])))
        }
        return .object(fields)
    }

    func text(elapsed: Duration, ascii: Bool, words: CommandText = CommandText(.en)) -> String {
        var lines: [String] = [words.title(of: file), words.summary(of: file), ""]
        var series = [LossCurveText.Series(name: words.trainingLossSeries, values: Array(trainer.epochLosses))]
        if !testLosses.isEmpty { series.append(.init(name: words.testLossSeries, values: testLosses)) }
        lines += LossCurveText.render(series: series, width: 72, height: 14, ascii: ascii,
                                      xLabel: words.epochAxis, emptyText: words.noData)
        lines.append("")
        // label and value rows, the values in one column (labels padded by display width)
        var rows: [(String, String)] = []
        let losses = trainer.epochLosses
        if let first = losses.first { rows.append((words.firstEpochLoss, formatCompact(first))) }
        rows.append((words.finalLoss(epochs: trainer.epoch), formatCompact(trainer.loss())))
        if let test = file.testData { rows.append((words.finalTestLoss, formatCompact(trainer.loss(on: test)))) }
        if let acc = accuracy(on: file.data) { rows.append((words.trainingAccuracy, percent(acc))) }
        if let test = file.testData, let acc = accuracy(on: test) { rows.append((words.testAccuracy, percent(acc))) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        rows.append((words.time, words.seconds(seconds)))
        let labelWidth = max(28, (rows.map { displayWidth(of: $0.0) }.max() ?? 0) + 1)
        lines += rows.map { $0.0.padded(labelWidth) + $0.1 }
        if let d = trainer.divergence {
            lines.append("")
            lines.append(words.diverged(epoch: d.epoch, update: d.update,
                                        learningRate: formatCompact(file.training.learningRate)))
        }
        if file.data.count <= 16 {
            lines.append("")
            lines.append(words.outputTableHeader)
            for (k, out) in outputs.enumerated() {
                let input = file.data.inputs[k].map(formatCompact).joined(separator: ", ")
                let output = out.map { String(format: "%.4f", $0) }.joined(separator: ", ")
                let target = file.data.targets[k].map(formatCompact).joined(separator: ", ")
                lines.append("  [\(input)] → [\(output)]  ([\(target)])")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func percent(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }
}

extension String {
    /// This text followed by spaces up to `width` terminal columns (Japanese characters take two).
    func padded(_ width: Int) -> String {
        let w = displayWidth(of: self)
        return w >= width ? self : self + String(repeating: " ", count: width - w)
    }
}
