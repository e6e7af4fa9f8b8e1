import BackpropEngine

/// The engine's rules across tables (`TrainingConfig.check`, `Loss.check(targets:)`: the loss
/// against the output activation, the targets against the loss), run by the loader and reported
/// at the key that breaks them, in the file's words. The rules themselves live in the engine,
/// which checks them again for every other caller (the playground, a test, a library user).
enum Compatibility {
    static func check(_ spec: NetworkSpec, _ training: TrainingConfig, context: ParseContext) throws(FileError) {
        let output = spec.outputActivation
        let lossGiven = context.map.keyLines["training.loss"] != nil
        let outputKey = context.map.keyLines["network.output_activation"] != nil
            ? "network.output_activation" : "network.activation"
        let key = lossGiven ? "training.loss" : outputKey
        do {
            try training.checkSettings()
            try training.check(outputActivation: output)
        } catch {
            switch error {
            case .lossNeedsOutput(let loss, let needed, let got):
                throw context.error(at: key, "loss = \"\(loss.rawValue)\" needs output_activation = "
                    + "\"\(needed.rawValue)\", got \"\(got.rawValue)\"")
            case .softmaxNeedsCrossEntropy(let loss):
                throw context.error(at: key, "output_activation = \"softmax\" is trained with loss = \"cross-entropy\" "
                    + "in this tutor, got loss = \"\(loss.rawValue)\"")
            default:
                // TrainingSection refuses these at their own keys while reading
                throw context.error(at: "training", "training: \(error)")
            }
        }
    }

    /// bce needs targets in [0, 1]; cross-entropy needs rows that are distributions (one-hot or not).
    static func check(targets: [[Double]], loss: Loss, _ r: TableReader) throws(FileError) {
        let inline = !r.has("file")
        let key = inline ? "targets" : "file"
        let file = ((try? r.string("file")) ?? nil) ?? "the file"
        let show: (Int) -> String = { k in inline ? "data.targets[\(k)]" : "data row \(k + 1) of \(file)" }
        let row: (Int) -> String = { k in "[" + targets[k].map(Format.number).joined(separator: ", ") + "]" }
        do {
            try loss.check(targets: targets)
        } catch {
            switch error {
            case .targetsOutsideZeroOne(_, let bad):
                throw r.error(key, element: inline ? bad : nil,
                              "loss = \"bce\" needs targets between 0 and 1, \(show(bad)) is \(row(bad))")
            case .targetsNotDistributions(_, let bad):
                throw r.error(key, element: inline ? bad : nil,
                              "loss = \"cross-entropy\" needs each target row to sum to 1 (one-hot or probabilities), "
                                  + "\(show(bad)) is \(row(bad))")
            default:
                throw r.error(key, "data: \(error)")
            }
        }
    }
}
