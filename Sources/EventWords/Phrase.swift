import BackpropEngine

/// Everything a sentence or title can say, as data. Each language (English.swift,
/// Japanese.swift) turns a phrase into words in one switch, so all the strings of a language
/// live in one file and lessons can reuse them. Names and numbers arrive already written.
enum Phrase: Sendable {
    // single words
    case phase(StepEvent.Phase)
    case activationName(Activation)
    case lossName(Loss)
    case optimizerName(Optimizer)
    case sample(Int)

    // titles
    case weightedSumTitle(neuron: String)
    case activationTitle(neuron: String, function: Activation)
    case lossShareTitle(output: String)
    case sampleLossTitle
    case batchLossTitle
    case outputDeltaTitle(neuron: String)
    case hiddenDeltaTitle(neuron: String)
    case residualSumTitle(neuron: String)
    case batchStatisticsTitle(neuron: String)
    case normalizationTitle(neuron: String)
    case normalizationGradientTitle(neuron: String)
    case normalizationDeltaTitle(neuron: String)
    case residualDeltaTitle(neuron: String)
    case weightGradientTitle(parameter: String)
    case biasGradientTitle(parameter: String)
    case gradientSumTitle(parameter: String)
    case clippingTitle
    case updateTitle(parameter: String, optimizer: Optimizer)

    // sentences
    // `sum` is the name of the neuron's weighted sum, z(h₁); `z` its value
    case weightedSum(neuron: String, fromInputLayer: Bool, inputs: String, bias: String?, sum: String, z: String)
    case activation(neuron: String, function: Activation, sum: String, z: String, value: String, positive: Bool,
                    isOutput: Bool, slope: String)
    case lossShare(output: String, target: String, loss: Loss, prediction: String, targetValue: String,
                   targetIsZero: Bool, outputs: Int)
    case sampleLoss(outputs: String, single: Bool, value: String)
    case batchLoss(reduction: Reduction, count: Int, value: String)
    case outputDelta(neuron: String, sum: String, delta: String, target: String, targetValue: String,
                     relation: Relation, sign: Sign, fused: Bool, loss: Loss, function: Activation)
    case hiddenDelta(neuron: String, sum: String, delta: String, downstream: String, function: Activation, sign: Sign,
                     flat: Bool)
    // `activated` is f(z(h)) written out, `skip` the neuron the skip comes from; values already formatted
    case residualSum(neuron: String, activated: String, skip: String, activatedValue: String, skipValue: String,
                     value: String)
    // `gradient` is ∂E/∂h, `target` the neuron the skip leads into and `targetGradient` its ∂E/∂a
    case residualDelta(neuron: String, sum: String, delta: String, gradient: String, target: String,
                       targetGradient: String, through: String, along: String, function: Activation, sign: Sign,
                       flat: Bool)
    // batch normalization: names of z, μ, σ², ẑ, u, γ, β and δ of one neuron, then values
    case batchStatistics(sum: String, mean: String, variance: String, count: Int, meanValue: String,
                         varianceValue: String)
    case normalization(sum: String, normalized: String, scaled: String, scale: String, shift: String, z: String,
                       normalizedValue: String, value: String, epsilon: String)
    case normalizationGradient(scaled: String, normalized: String, scale: String, shift: String, count: Int,
                               reduction: Reduction)
    case normalizationDelta(neuron: String, sum: String, delta: String, normalized: String, count: Int)
    case weightGradient(parameter: String, to: String, sum: String, toDelta: String, from: String, chain: Bool,
                        sign: Sign)
    case biasGradient(parameter: String, neuron: String, sum: String, delta: String, sign: Sign)
    case gradientSum(parameter: String, count: Int, contributions: String, reduction: Reduction)
    case clipping(norm: String, limit: String, scale: String?)
    case update(parameter: String, optimizer: Optimizer, learningRate: String, old: String, new: String,
                direction: Direction)
}

/// The sign of a value, for a sign word.
enum Sign: Sendable {
    case positive, negative, zero, undefined
    init(_ v: Double) {
        if v.isNaN { self = .undefined } else if v > 0 { self = .positive } else if v < 0 { self = .negative } else { self = .zero }
    }
}

/// A prediction against its target.
enum Relation: Sendable {
    case above, below, equal
    init(prediction p: Double, target y: Double) {
        self = p > y ? .above : (p < y ? .below : .equal)
    }
    /// Whether the sign of δ is the one this relation leads to (for a "so" instead of a "but").
    func agrees(with sign: Sign) -> Bool {
        switch (self, sign) {
        case (.above, .positive), (.below, .negative), (.equal, .zero): return true
        default: return false
        }
    }
}

/// Where a parameter moved.
enum Direction: Sendable {
    case up, down, same
    init(old: Double, new: Double) {
        self = new > old ? .up : (new < old ? .down : .same)
    }
}

/// The words of one language.
protocol Wording: Sendable {
    func say(_ phrase: Phrase, _ s: Symbols) -> String
}

extension Language {
    var wording: any Wording {
        switch self {
        case .en: return English()
        case .ja: return Japanese()
        }
    }
}
