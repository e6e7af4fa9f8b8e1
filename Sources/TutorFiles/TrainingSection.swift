import BackpropEngine

/// Reads `[training]` (every key optional) into a `TrainingConfig`.
enum TrainingSection {
    static let keys = ["loss", "reduction", "optimizer", "learning_rate", "momentum", "beta1", "beta2",
                       "epsilon", "batch_size", "shuffle", "epochs", "clip_norm", "weight_decay"]

    /// `r` is nil when the file has no `[training]` table: all defaults.
    static func read(_ r: TableReader?, network: NetworkSpec) throws(FileError) -> TrainingConfig {
        let defaultLoss: Loss = network.outputActivation == .softmax ? .crossEntropy : .mse
        var config = TrainingConfig(loss: defaultLoss, reduction: .mean, optimizer: .sgd, learningRate: 0.1,
                                    batchSize: 0, shuffle: false, epochs: 1000, clipNorm: nil,
                                    weightDecay: 0, shuffleSeed: network.seed)
        guard let r else { return config }

        config.loss = try r.choice("loss", what: "loss", Loss.allCases.map { ($0.rawValue, $0) }) ?? defaultLoss
        config.reduction = try r.choice("reduction", what: "reduction",
                                        Reduction.allCases.map { ($0.rawValue, $0) }) ?? .mean

        let name = try r.choice("optimizer", what: "optimizer", ["sgd", "momentum", "adam"].map { ($0, $0) }) ?? "sgd"
        try r.reject("momentum", unless: name == "momentum", "with optimizer = \"momentum\"")
        for key in ["beta1", "beta2", "epsilon"] {
            try r.reject(key, unless: name == "adam", "with optimizer = \"adam\"")
        }
        switch name {
        case "momentum":
            config.optimizer = .momentum(mu: try fraction(r, "momentum", Optimizer.defaultMomentum))
        case "adam":
            let beta1 = try fraction(r, "beta1", 0.9), beta2 = try fraction(r, "beta2", 0.999)
            let epsilon = try positive(r, "epsilon") ?? 1e-8
            config.optimizer = .adam(beta1: beta1, beta2: beta2, epsilon: epsilon)
        default:
            config.optimizer = .sgd
        }

        config.learningRate = try positive(r, "learning_rate") ?? 0.1
        if let b = try r.integer("batch_size") {
            guard b >= 0 else {
                throw r.error("batch_size", "training.batch_size must be 0 (the whole data set) or more, got \(b)")
            }
            config.batchSize = b
        }
        config.shuffle = try r.bool("shuffle") ?? false
        if let e = try r.integer("epochs") {
            guard e >= 1 else { throw r.error("epochs", "training.epochs must be at least 1, got \(e)") }
            config.epochs = e
        }
        config.clipNorm = try positive(r, "clip_norm")
        if let d = try r.number("weight_decay") {
            guard d >= 0 else { throw r.error("weight_decay", "training.weight_decay must be 0 or more, got \(Format.number(d))") }
            config.weightDecay = d
        }
        return config
    }

    /// A number > 0.
    private static func positive(_ r: TableReader, _ key: String) throws(FileError) -> Double? {
        guard let v = try r.number(key) else { return nil }
        guard v > 0 else { throw r.error(key, "\(r.path(key)) must be greater than 0, got \(Format.number(v))") }
        return v
    }

    /// A number in [0, 1).
    private static func fraction(_ r: TableReader, _ key: String, _ fallback: Double) throws(FileError) -> Double {
        guard let v = try r.number(key) else { return fallback }
        guard v >= 0 && v < 1 else {
            throw r.error(key, "\(r.path(key)) must be at least 0 and less than 1, got \(Format.number(v))")
        }
        return v
    }
}

enum Format {
    /// A number as a teacher wrote it: `0.5`, `-1`, `1e-08`.
    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }
}
