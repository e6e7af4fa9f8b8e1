import BackpropEngine

/// A number of one run of a lesson's comparison: `compare.<name>.<value>`.
public enum ComparisonValue: Hashable, Sendable {
    /// loss: the loss of the trained network on the training data, after all epochs
    case loss
    /// loss.first: the loss of the first epoch (the curve's first point)
    case firstLoss
    /// accuracy, accuracy.test: after all epochs, on the training / test data
    case accuracy
    case testAccuracy
    /// diverged: the (1-based) epoch in which the run stopped being finite; 0 when it never did
    case diverged
    /// gradnorm, gradnorm.layer2: of the run's first update (as `gradnorm` of the main timeline)
    case gradientNorm(layer: Int?)
    /// clipscale: the clipping factor of the run's first update (1 when not clipped)
    case clipScale
    /// lr, clip: the run's learning rate and clip_norm
    case learningRate
    case clipNorm

    static let words: [String: ComparisonValue] = [
        "loss": .loss, "loss.first": .firstLoss, "accuracy": .accuracy, "accuracy.test": .testAccuracy,
        "diverged": .diverged, "gradnorm": .gradientNorm(layer: nil), "clipscale": .clipScale,
        "lr": .learningRate, "clip": .clipNorm,
    ]

    var spelling: String {
        switch self {
        case .loss: return "loss"
        case .firstLoss: return "loss.first"
        case .accuracy: return "accuracy"
        case .testAccuracy: return "accuracy.test"
        case .diverged: return "diverged"
        case .gradientNorm(let l?): return "gradnorm.layer\(l)"
        case .gradientNorm(nil): return "gradnorm"
        case .clipScale: return "clipscale"
        case .learningRate: return "lr"
        case .clipNorm: return "clip"
        }
    }
}

/// The names added for lessons 7–11: gradient norms, clipping, test accuracy, comparisons.
extension ValueNames {
    func extendedSpelling(of name: ValueName) -> String {
        switch name {
        case .gradientNorm(let l?): return "gradnorm.layer\(l)"
        case .gradientNorm(nil): return "gradnorm"
        case .clipScale: return "clipscale"
        case .clipNorm: return "clip"
        case .testAccuracy: return "accuracy.test"
        case .comparison(let v, let value): return "compare.\(v).\(value.spelling)"
        default: return spelling(of: name)
        }
    }

    /// Weight layers are numbered 1…L: layer k holds the weights into neuron layer k.
    var weightLayerCount: Int { layerSizes.count - 1 }

    /// `gradnorm.layerK` and `compare.<name>.<value>`; nil when `s` is not one of these forms.
    func parseExtended(_ s: String) -> Result<ValueName, ValueNameError>? {
        if let scalar = Self.extendedScalars[s] { return .success(scalar) }
        if s.hasPrefix("gradnorm.") {
            guard let l = layerNumber(String(s.dropFirst("gradnorm.".count))) else {
                return .failure(ValueNameError(name: s, message: "unknown value \"\(s)\": gradnorm. is followed by "
                    + "layer1…layer\(weightLayerCount) (the weights into that layer)"))
            }
            return .success(.gradientNorm(layer: l))
        }
        guard s.hasPrefix("compare.") else { return nil }
        let rest = s.dropFirst("compare.".count)
        guard let dot = rest.firstIndex(of: ".") else {
            return .failure(ValueNameError(name: s, message: "unknown value \"\(s)\": write compare.<name>.<value>, "
                + "e.g. compare.\(variants.first ?? "adam").loss"))
        }
        let variant = String(rest[..<dot]), what = String(rest[rest.index(after: dot)...])
        guard variants.contains(variant) else {
            if variants.isEmpty {
                return .failure(ValueNameError(name: s, message: "unknown value \"\(s)\": the lesson has no compare list "
                    + "(compare = [{ name = \"…\", … }] in [lesson])"))
            }
            return .failure(ValueNameError(name: s, message: "unknown value \"\(s)\": no run \"\(variant)\" in compare"
                + Suggestion.hint(for: variant, among: variants)))
        }
        if let value = ComparisonValue.words[what] { return .success(.comparison(variant: variant, value)) }
        if what.hasPrefix("gradnorm."), let l = layerNumber(String(what.dropFirst("gradnorm.".count))) {
            return .success(.comparison(variant: variant, .gradientNorm(layer: l)))
        }
        let all = ComparisonValue.words.keys.sorted() + ["gradnorm.layer1"]
        return .failure(ValueNameError(name: s, message: "unknown value \"\(s)\": compare.\(variant). is followed by "
            + "one of: " + all.joined(separator: ", ") + Suggestion.hint(for: what, among: all)))
    }

    /// "layer2" → 2 when this network has weight layer 2.
    private func layerNumber(_ s: String) -> Int? {
        guard s.hasPrefix("layer"), let k = Self.index(String(s.dropFirst(5))), k <= weightLayerCount else { return nil }
        return k
    }

    /// Names without an argument added with these (kept apart so older messages stay the same).
    static let extendedScalars: [String: ValueName] = [
        "gradnorm": .gradientNorm(layer: nil), "clipscale": .clipScale, "clip": .clipNorm,
        "accuracy.test": .testAccuracy, "accuracy.train": .accuracy,
    ]

    var extendedSpellings: [String] {
        // names that always have a value once a step is recorded (`clip` and `accuracy.test` need
        // clip_norm and test data; `accuracy.train` is spelled `accuracy`), as the placeholder
        // tests expect of every name listed
        var out = ["clipscale", "gradnorm"] + (1...max(1, weightLayerCount)).map { "gradnorm.layer\($0)" }
        for v in variants {
            out += ComparisonValue.words.keys.sorted().map { "compare.\(v).\($0)" }
            out += (1...max(1, weightLayerCount)).map { "compare.\(v).gradnorm.layer\($0)" }
        }
        return out
    }
}
