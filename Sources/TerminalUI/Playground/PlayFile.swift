import BackpropEngine

/// The playground's settings and trained network as a network file (TOML) that `open` and
/// `train` load: explicit weights and biases, the training settings, and the data — inline for
/// a generated set, `file = …` for a CSV, `images = …` and `labels = …` for IDX files. Numbers are written in Swift's shortest round-trip
/// form, so loading gives back the same network bit for bit.
public enum PlayFile {
    /// The file's text. `dataFile` is what `file =` says for CSV data (a path the loader will
    /// find, relative to the saved file or absolute); unused for generated sets.
    public static func text(_ model: PlayModel, dataFile: String?) -> String {
        let s = model.settings, t = model.main.trainer, net = t.network
        var out: [String] = []
        out.append("# Saved by `backprop-tutor play` after \(t.epoch) epoch\(t.epoch == 1 ? "" : "s"): the settings and the trained weights.")
        out.append("# `backprop-tutor train FILE` trains on from these weights; `open FILE` steps through it.")
        out.append("title = \(quoted("Playground: \(s.source.name), epoch \(t.epoch)"))")
        out.append("")
        out.append("[network]")
        out.append("layers = \(list(net.layerSizes.map(String.init)))")
        out.append("activation = \(quoted(s.hidden.isEmpty ? "sigmoid" : s.activation.rawValue))")
        out.append("output_activation = \(quoted(net.activations.last!.rawValue))")
        out.append("seed = \(s.seed)")
        if !net.residual.isEmpty {
            out.append("residual = " + list(net.residual.map { "[\($0.from), \($0.to)]" }))
        }
        if !net.batchNormLayers.isEmpty { out.append("batch_norm = " + list(net.batchNormLayers.map(String.init))) }
        out.append("weights = [")
        for (l, matrix) in net.nestedWeights.enumerated() {
            out.append("  # layer \(l + 1): \(net.layerSizes[l + 1]) × \(net.layerSizes[l]), weights[l][to][from]")
            out.append("  [")
            for row in matrix { out.append("    " + list(row.map(number)) + ",") }
            out.append("  ],")
        }
        out.append("]")
        out.append("biases = [")
        for row in net.biases { out.append("  " + list(row.map(number)) + ",") }
        out.append("]")
        out.append("")
        out.append("[training]")
        out.append("loss = \(quoted(s.loss.rawValue))")
        out.append("optimizer = \(quoted(s.optimizer.name))")
        out.append("learning_rate = \(number(s.learningRate))")
        out.append("batch_size = \(s.batchSize)")
        out.append("shuffle = true")
        out.append("epochs = \(max(1, t.epoch))")
        if s.l2 > 0 { out.append("weight_decay = \(number(s.l2))") }
        out.append("")
        out.append("[data]")
        switch s.source {
        case .toy(let kind):
            let all = Dataset(inputs: model.data.train.inputs + model.data.test.inputs,
                              targets: model.data.train.targets + model.data.test.targets)
            out.append("# \(kind.rawValue), \(all.count) points, noise \(number(s.noise)), seed \(s.seed): "
                + "the training points, then the test points")
            out.append("inputs = [")
            for x in all.inputs { out.append("  " + list(x.map(number)) + ",") }
            out.append("]")
            out.append("targets = " + list(all.targets.map { number($0[0]) }))
            if model.data.test.count > 0 {
                out.append("# the file's split is drawn from the seed again, so its test points may differ")
                out.append("test_fraction = \(number(s.testFraction))")
            }
        case .builtin, .csv, .idx:
            if case .idx(let images, let labels) = s.source {
                out.append("images = \(quoted(images))")
                out.append("labels = \(quoted(labels))")
            } else {
                out.append("file = \(quoted(dataFile ?? ""))")
            }
            if case .csv(_, let column?) = s.source { out.append("target_column = \(column)") }
            if case .classes(let n) = model.data.task { out.append("classes = \(n)") }
            out.append("scale = \(quoted(model.table?.scale ?? "none"))")
            if s.testFraction > 0 { out.append("test_fraction = \(number(s.testFraction))") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Why the model cannot be saved now, if it cannot.
    public static func problem(_ model: PlayModel) -> String? {
        let net = model.main.trainer.network
        if model.main.trainer.hasDiverged || !net.parameters.allValues.allSatisfy(\.isFinite) {
            return model.text.cannotSaveDiverged
        }
        // γ, β and the running statistics have changed from their start, and the file cannot hold them
        if !net.batchNormLayers.isEmpty && model.main.trainer.epoch > 0 { return model.text.cannotSaveBatchNorm }
        return nil
    }

    /// Shortest round-trip decimal, as TOML reads it ("1.0", "-0.25", "1e-05").
    static func number(_ x: Double) -> String {
        var s = "\(x)"
        if !s.contains(".") && !s.contains("e") && !s.contains("n") && !s.contains("i") { s += ".0" }
        return s
    }

    static func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}
