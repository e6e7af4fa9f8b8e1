import BackpropEngine

/// The `compare` list of a `[lesson]`: variants of the lesson's network and training, each
/// trained headlessly from scratch on the lesson's data for `epochs` epochs.
public struct ComparisonSpec: Sendable, Equatable {
    public struct Variant: Sendable, Equatable {
        /// `compare.<name>.loss`; lowercase letters, digits and -.
        public var name: String
        /// For the plot's legend; the name when not given.
        public var label: Localized?
        public var network: NetworkSpec
        public var training: TrainingConfig
    }

    public var variants: [Variant]
    /// `compare_epochs`, else `training.epochs`.
    public var epochs: Int
}

/// One run of a comparison, after training.
public struct ComparisonRun: Sendable, Equatable {
    public var name: String
    public var label: Localized?
    /// The loss of each epoch (as the `loss-curve`): the points of this run's curve.
    public var epochLosses: [Double]
    /// The test loss at the start of each epoch, when the lesson has test data.
    public var testLosses: [Double]
    /// The loss of the trained network on the training data.
    public var finalLoss: Double
    public var accuracy: Double
    public var testAccuracy: Double?
    /// Where the run stopped being finite (then its curve ends there).
    public var divergence: Divergence?
    /// Gradient norms of the first update: per weight layer, in total, and the clipping factor.
    public var firstGradientNorms: [Double]
    public var firstGradientNorm: Double
    public var firstClipScale: Double
    public var learningRate: Double
    public var clipNorm: Double?

    /// The legend text in a language.
    public func title(_ language: LessonLanguage) -> String { label?.text(language) ?? name }
}

/// The runs of a lesson's comparison: what the `compare` focus draws as loss curves on one plot,
/// and what `compare.<name>.…` placeholders show.
public struct Comparison: Sendable, Equatable {
    public var epochs: Int
    public var runs: [ComparisonRun]

    public func run(named name: String) -> ComparisonRun? { runs.first { $0.name == name } }

    /// Trains every variant (deterministic: same spec, same numbers).
    public static func compute(_ spec: ComparisonSpec, data: Dataset, testData: Dataset?) throws(EngineError) -> Comparison {
        var runs: [ComparisonRun] = []
        for v in spec.variants { runs.append(try run(v, epochs: spec.epochs, data: data, testData: testData)) }
        return Comparison(epochs: spec.epochs, runs: runs)
    }

    /// The comparison of a lesson file, nil when its lesson has no `compare` list. The variants
    /// were checked when the file was read; an engine error comes back as file:line.
    public static func compute(for file: NetworkFile) throws(FileError) -> Comparison? {
        guard let spec = file.lesson?.comparison else { return nil }
        return try file.place.check { () throws(EngineError) in try compute(spec, data: file.data, testData: file.testData) }
    }

    static func run(_ v: ComparisonSpec.Variant, epochs: Int, data: Dataset, testData: Dataset?) throws(EngineError) -> ComparisonRun {
        var trainer = try Trainer(network: v.network.build(), config: v.training, data: data, testData: testData)
        let first = trainer.recordedStep()
        // an epoch under way counts as the first, as in `epochs:` advances
        if epochs - trainer.epoch > 0 { trainer.train(epochs: epochs - trainer.epoch) }
        let net = trainer.network
        return ComparisonRun(
            name: v.name, label: v.label, epochLosses: Array(trainer.epochLosses), testLosses: Array(trainer.testLosses),
            finalLoss: trainer.loss(), accuracy: ClassifiedSet(network: net, data: data).accuracy,
            testAccuracy: testData.map { ClassifiedSet(network: net, data: $0).accuracy }, divergence: trainer.divergence,
            firstGradientNorms: first.map { GradientNorms.perLayer($0.gradient) } ?? [],
            firstGradientNorm: first.map { GradientNorms.total($0.gradient, biasMode: net.biasMode) } ?? .nan,
            firstClipScale: first?.clipScale ?? 1, learningRate: v.training.learningRate, clipNorm: v.training.clipNorm)
    }

    /// A `compare.<name>.<value>` number.
    public func value(_ variant: String, _ value: ComparisonValue) -> Double? {
        guard let r = run(named: variant) else { return nil }
        switch value {
        case .loss: return r.finalLoss
        case .firstLoss: return r.epochLosses.first
        case .accuracy: return r.accuracy
        case .testAccuracy: return r.testAccuracy
        case .diverged: return Double(r.divergence?.epoch ?? 0)
        case .gradientNorm(let l?): return l >= 1 && l <= r.firstGradientNorms.count ? r.firstGradientNorms[l - 1] : nil
        case .gradientNorm(nil): return r.firstGradientNorm
        case .clipScale: return r.firstClipScale
        case .learningRate: return r.learningRate
        case .clipNorm: return r.clipNorm
        }
    }
}
