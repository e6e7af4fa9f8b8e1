import BackpropEngine
import Foundation
import NetworkNaming

/// A number of the engine that narration and quizzes can name: `out.h1`, `grad.w5`, `loss`.
/// Spelled in files with the placeholder names of `NetworkNaming` (see `ValueNames`).
public enum ValueName: Hashable, Sendable {
    /// out.x1 (= input.x1), out.h1, out.o1: the activation (the input value for x)
    case activation(NeuronRef)
    /// z.h1: the weighted sum
    case weightedSum(NeuronRef)
    /// delta.h1: δ(h₁) = ∂E/∂z(h₁)
    case delta(NeuronRef)
    /// dE.o1: ∂E/∂ŷ of an output
    case lossGradient(NeuronRef)
    /// slope.h1: the activation's derivative f′(z)
    case slope(NeuronRef)
    /// target.o1
    case target(NeuronRef)
    /// loss.o1: the share of an output in the sample loss
    case lossShare(NeuronRef)
    /// loss.sample1: the loss of sample n (from 1) of the batch
    case sampleLoss(Int)
    /// grad.w5: the gradient of the batch loss
    case gradient(ParameterRef)
    /// w.w5, b.b1: the value used in the current step (before its update)
    case value(ParameterRef)
    /// new.w5: the value after the current step's update
    case newValue(ParameterRef)
    /// loss: the batch loss of the current step
    case loss
    /// epoch: the 1-based epoch of the current step
    case epoch
    /// update: the 1-based number of the current update
    case update
    /// lr: the learning rate
    case learningRate
    /// accuracy: the fraction of training samples classified right (0…1)
    case accuracy
    /// samples: the number of training samples
    case samples
    /// gradnorm: L2 norm of the batch gradient (weights and trainable biases, before clipping);
    /// gradnorm.layer1: of the weights of weight layer 1 (into layer 1) only. See GradientNorms.swift.
    case gradientNorm(layer: Int?)
    /// clipscale: the factor the gradient was multiplied by in this step (1 when not clipped)
    case clipScale
    /// clip: training.clip_norm
    case clipNorm
    /// accuracy.test: the fraction of test samples classified right (0…1)
    case testAccuracy
    /// compare.adam.loss…: a number of one run of the lesson's comparison (see Comparison.swift)
    case comparison(variant: String, ComparisonValue)
    /// cost.numerical, cost.784-128-64-10.ratio: the work of one gradient (see CostValueNames.swift)
    case cost(layers: [Int]?, CostValue)
}

/// The spellings of value names for one network: a value kind and the placeholder spelling
/// `NetworkNaming` gives its neuron or parameter (`z.h1`, `grad.w5`, `out.o0` for the digit 0,
/// `grad.W2_3_7` in a large network), so a lesson names what the screen shows.
public struct ValueNames: Sendable {
    public let naming: NetworkNaming
    /// The names of the lesson's comparison runs (`compare` in [lesson]), for `compare.<name>.…`.
    public var variants: [String] = []

    public init(naming: NetworkNaming) {
        self.naming = naming
    }

    /// The names of the network a trainer trains (its data's classes number the outputs).
    public init(trainer: Trainer) {
        self.init(naming: NetworkNaming(trainer: trainer))
    }

    public var layerSizes: [Int] { naming.layerSizes }
    public var biasMode: BiasMode { naming.biasMode }

    /// Names that take no argument.
    public static let scalars: [String: ValueName] = [
        "loss": .loss, "epoch": .epoch, "update": .update, "lr": .learningRate,
        "accuracy": .accuracy, "samples": .samples,
    ]
    /// Prefixes before a dot, and what follows them.
    public static let prefixes: [(name: String, takes: String)] = [
        ("out", "a neuron"), ("input", "an input"), ("z", "a neuron after the inputs"),
        ("delta", "a neuron after the inputs"), ("dE", "an output"), ("slope", "a neuron after the inputs"),
        ("target", "an output"), ("loss", "an output or sampleN"), ("grad", "a weight or bias"),
        ("w", "a weight"), ("b", "a bias"), ("new", "a weight or bias"),
    ]

    var outputLayer: Int { layerSizes.count - 1 }

    // MARK: spelling

    public func spelling(of n: NeuronRef) -> String { naming.neuron(n, .placeholder) }

    public func spelling(of p: ParameterRef) -> String { naming.parameter(p, .placeholder) }

    public func spelling(of name: ValueName) -> String {
        switch name {
        case .activation(let n): return "out." + spelling(of: n)
        case .weightedSum(let n): return "z." + spelling(of: n)
        case .delta(let n): return "delta." + spelling(of: n)
        case .lossGradient(let n): return "dE." + spelling(of: n)
        case .slope(let n): return "slope." + spelling(of: n)
        case .target(let n): return "target." + spelling(of: n)
        case .lossShare(let n): return "loss." + spelling(of: n)
        case .sampleLoss(let k): return "loss.sample\(k)"
        case .gradient(let p): return "grad." + spelling(of: p)
        case .value(let p):
            if case .bias = p { return "b." + spelling(of: p) }
            return "w." + spelling(of: p)
        case .newValue(let p): return "new." + spelling(of: p)
        case .loss: return "loss"
        case .epoch: return "epoch"
        case .update: return "update"
        case .learningRate: return "lr"
        case .accuracy: return "accuracy"
        case .samples: return "samples"
        case .gradientNorm, .clipScale, .clipNorm, .testAccuracy, .comparison: return extendedSpelling(of: name)
        case .cost(let layers, let value): return costSpelling(layers: layers, value)
        }
    }

    // MARK: reading

    /// x1, h1, h1_2 (also h1^(2)), o1.
    public func neuron(_ s: String) -> NeuronRef? { naming.neuron(named: s) }

    /// w5, b1 (W2_3_7, b2_3 in a large network).
    public func parameter(_ s: String) -> ParameterRef? { naming.parameter(named: s) }

    /// Reads a name, or says what is wrong with it (with a suggestion).
    public func parse(_ text: String) -> Result<ValueName, ValueNameError> {
        let s = text.trimmingCharacters(in: .whitespaces)
        if let scalar = Self.scalars[s] { return .success(scalar) }
        if let extended = parseExtended(s) { return extended }
        if let cost = parseCost(s) { return cost }
        guard let dot = s.firstIndex(of: ".") else { return .failure(unknown(s)) }
        let prefix = String(s[..<dot]), arg = String(s[s.index(after: dot)...])
        guard Self.prefixes.contains(where: { $0.name == prefix }) else { return .failure(unknown(s)) }
        let n = neuron(arg), p = parameter(arg)
        let result: ValueName?
        switch prefix {
        case "out": result = n.map { .activation($0) }
        case "input": result = n.flatMap { $0.layer == 0 ? .activation($0) : nil }
        case "z": result = n.flatMap { $0.layer > 0 ? .weightedSum($0) : nil }
        case "delta": result = n.flatMap { $0.layer > 0 ? .delta($0) : nil }
        case "slope": result = n.flatMap { $0.layer > 0 ? .slope($0) : nil }
        case "dE": result = n.flatMap { $0.layer == outputLayer ? .lossGradient($0) : nil }
        case "target": result = n.flatMap { $0.layer == outputLayer ? .target($0) : nil }
        case "loss":
            if arg.hasPrefix("sample"), let k = Self.index(String(arg.dropFirst(6))) {
                result = .sampleLoss(k)
            } else {
                result = n.flatMap { $0.layer == outputLayer ? .lossShare($0) : nil }
            }
        case "grad": result = p.map { .gradient($0) }
        case "new": result = p.map { .newValue($0) }
        case "w": result = p.flatMap { if case .weight = $0 { return .value($0) } else { return nil } }
        case "b": result = p.flatMap { if case .bias = $0 { return .value($0) } else { return nil } }
        default: result = nil
        }
        if let result { return .success(result) }
        return .failure(unknown(s))
    }

    /// Every name of this network (for suggestions); weights are left out of big networks.
    public var allSpellings: [String] {
        var names = Self.scalars.keys.sorted()
        var neurons: [NeuronRef] = []
        for (l, size) in layerSizes.enumerated() where size <= 64 {
            neurons += (0..<size).map { NeuronRef(layer: l, index: $0) }
        }
        for n in neurons {
            let s = spelling(of: n)
            names.append("out." + s)
            if n.layer == 0 { names.append("input." + s); continue }
            names += ["z." + s, "delta." + s, "slope." + s]
            if n.layer == outputLayer { names += ["dE." + s, "target." + s, "loss." + s] }
        }
        let params = (0..<(layerSizes.count - 1)).flatMap { l -> [ParameterRef] in
            guard layerSizes[l] * layerSizes[l + 1] <= 256 else { return [] }
            var refs: [ParameterRef] = []
            for j in 0..<layerSizes[l + 1] {
                for i in 0..<layerSizes[l] { refs.append(.weight(layer: l, to: j, from: i)) }
            }
            if biasMode != .none { refs += (0..<layerSizes[l + 1]).map { .bias(layer: l, neuron: $0) } }
            return refs
        }
        for p in params {
            let s = spelling(of: p)
            names += ["grad." + s, "new." + s, (s.hasPrefix("w") ? "w." : "b.") + s]
        }
        return names + ["loss.sample1"] + extendedSpellings
    }

    /// What is wrong with `s`, with a close name when there is one.
    private func unknown(_ s: String) -> ValueNameError {
        if let close = Suggestion.closest(to: s, among: allSpellings) {
            return ValueNameError(name: s, message: "unknown value \"\(s)\"; did you mean \"\(close)\"?")
        }
        let prefix = s.split(separator: ".").first.map(String.init) ?? s
        if let kind = Self.prefixes.first(where: { $0.name == prefix }) {
            return ValueNameError(name: s, message: "unknown value \"\(s)\": \(prefix). is followed by \(kind.takes) of this "
                + "network (\(range()))")
        }
        let all = Self.scalars.keys.sorted() + Self.prefixes.map { $0.name + ".…" }
        return ValueNameError(name: s, message: "unknown value \"\(s)\"; expected one of: " + all.joined(separator: ", "))
    }

    /// "x1…x2, h1…h2, o1…o2, w1…w8, b1…b4"
    private func range() -> String { naming.placeholderRanges }

    /// A 1-based index written with digits only, no leading zero.
    static func index(_ s: String) -> Int? {
        guard !s.isEmpty, !s.hasPrefix("0"), s.allSatisfy({ $0.isASCII && $0.isNumber }), let k = Int(s), k >= 1 else {
            return nil
        }
        return k
    }
}

/// Why a value name names nothing.
public struct ValueNameError: Error, Equatable, Sendable {
    public var name: String
    public var message: String
}
