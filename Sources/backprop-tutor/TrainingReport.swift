import BackpropEngine
import Foundation
import TutorFiles

/// What `train` prints: the numbers of a finished run, as JSON or as text.
struct TrainingReport {
    let file: NetworkFile
    let trainer: Trainer
    var testLosses: [Double] { trainer.testLosses }

    var outputs: [[Double]] { trainer.network.predict(batch: file.data.inputs) }

    func accuracy(on set: Dataset) -> Double? {
        guard file.classCount != nil, set.count > 0 else { return nil }
        let predictions = trainer.network.predict(batch: set.inputs)
        let right = zip(predictions, set.targets).filter { argmax($0.0) == argmax($0.1) }.count
        return Double(right) / Double(set.count)
    }

    var json: JSON {
        let net = trainer.network
        var fields: [(String, JSON)] = [
            ("epochs", .int(trainer.epoch)),
            ("loss", .numbers(trainer.epochLosses)),
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

    func text(elapsed: Duration, ascii: Bool) -> String {
        var lines: [String] = [file.title, file.summaryLine, ""]
        var series = [LossCurveText.Series(name: "training loss", values: trainer.epochLosses)]
        if !testLosses.isEmpty { series.append(.init(name: "test loss", values: testLosses)) }
        lines += LossCurveText.render(series: series, width: 72, height: 14, ascii: ascii)
        lines.append("")
        let losses = trainer.epochLosses
        if let first = losses.first { lines.append("loss in epoch 1:".padded(28) + formatCompact(first)) }
        lines.append("final loss (\(trainer.epoch) epochs):".padded(28) + formatCompact(trainer.loss()))
        if let test = file.testData { lines.append("final test loss:".padded(28) + formatCompact(trainer.loss(on: test))) }
        if let acc = accuracy(on: file.data) { lines.append("training accuracy:".padded(28) + percent(acc)) }
        if let test = file.testData, let acc = accuracy(on: test) { lines.append("test accuracy:".padded(28) + percent(acc)) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        lines.append("time:".padded(28) + String(format: "%.3f s", seconds))
        if let d = trainer.divergence {
            lines.append("")
            lines.append("Training diverged in epoch \(d.epoch) (update \(d.update)): the loss or a weight is no longer "
                + "a finite number. Try a smaller learning rate (now \(formatCompact(file.training.learningRate))).")
        }
        if file.data.count <= 16 {
            lines.append("")
            lines.append("input → output (target)")
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

func argmax(_ v: [Double]) -> Int {
    var best = 0
    for k in v.indices where v[k] > v[best] { best = k }
    return best
}

extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
