import BackpropEngine

/// Checks across tables: the loss against the output activation, the targets against the loss.
enum Compatibility {
    static func check(_ spec: NetworkSpec, _ training: TrainingConfig, context: ParseContext) throws(FileError) {
        let output = spec.outputActivation
        let lossGiven = context.map.keyLines["training.loss"] != nil
        let outputKey = context.map.keyLines["network.output_activation"] != nil
            ? "network.output_activation" : "network.activation"
        let key = lossGiven ? "training.loss" : outputKey
        if let needed = training.loss.requiredOutputActivation, needed != output {
            throw context.error(at: key, "loss = \"\(training.loss.rawValue)\" needs output_activation = "
                + "\"\(needed.rawValue)\", got \"\(output.rawValue)\"")
        }
        if output == .softmax && training.loss != .crossEntropy {
            throw context.error(at: key, "output_activation = \"softmax\" is trained with loss = \"cross-entropy\" "
                + "in this tutor, got loss = \"\(training.loss.rawValue)\"")
        }
    }

    /// bce needs targets in [0, 1]; cross-entropy needs rows that are distributions (one-hot or not).
    static func check(targets: [[Double]], loss: Loss, _ r: TableReader) throws(FileError) {
        let inline = !r.has("file")
        let key = inline ? "targets" : "file"
        let file = ((try? r.string("file")) ?? nil) ?? "the file"
        let show: (Int) -> String = { k in inline ? "data.targets[\(k)]" : "data row \(k + 1) of \(file)" }
        let row: (Int) -> String = { k in "[" + targets[k].map(Format.number).joined(separator: ", ") + "]" }
        if loss == .bce, let bad = targets.firstIndex(where: { $0.contains { $0 < 0 || $0 > 1 } }) {
            throw r.error(key, element: inline ? bad : nil,
                          "loss = \"bce\" needs targets between 0 and 1, \(show(bad)) is \(row(bad))")
        }
        if loss == .crossEntropy,
           let bad = targets.firstIndex(where: { t in t.contains { $0 < 0 } || abs(t.reduce(0, +) - 1) > 1e-6 }) {
            throw r.error(key, element: inline ? bad : nil,
                          "loss = \"cross-entropy\" needs each target row to sum to 1 (one-hot or probabilities), "
                              + "\(show(bad)) is \(row(bad))")
        }
    }
}
