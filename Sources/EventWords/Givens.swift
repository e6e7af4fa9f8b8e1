import BackpropEngine

/// A value an event's computation starts from, with its name as the formulas write it.
public struct GivenValue: Equatable, Sendable {
    public var name: String
    public var value: Double
    /// A count (passes, parameters, epochs), shown as a whole number rather than to 4 decimals.
    public var isCount: Bool

    public init(name: String, value: Double, isCount: Bool = false) {
        self.name = name
        self.value = value
        self.isCount = isCount
    }
}

extension EventWords {
    /// A given value as the panel beside a quiz shows it.
    public func format(_ given: GivenValue) -> String {
        given.isCount ? numbers.count(given.value) : format(given.value)
    }

    /// What the event computes from: the numbers a student needs to do the step by hand (the
    /// weights and inputs of a weighted sum, the prediction and target of a δ, the factors of a
    /// gradient), never the event's own results. In the order the formula uses them.
    public func givens(for event: StepEvent) -> [GivenValue] {
        let n = notation
        func g(_ name: String, _ value: Double) -> GivenValue { GivenValue(name: name, value: value) }
        switch event.kind {
        case .weightedSum(let neuron, let terms, let bias, _):
            let l = neuron.layer - 1
            var out: [GivenValue] = []
            for (i, t) in terms.enumerated() {
                out.append(g(n.name(of: .weight(layer: l, to: neuron.index, from: i)), t.left))
                out.append(g(n.name(of: NeuronRef(layer: l, index: i)), t.right))
            }
            if let bias { out.append(g(n.name(of: .bias(layer: l, neuron: neuron.index)), bias)) }
            return out
        case .activation(let neuron, _, let z, _, _):
            return [g(n.weightedSum(of: neuron), z)]
        case .lossShare(let o, _, let p, let y, _), .outputDelta(let o, _, let p, let y, _, _, _, _):
            return [g(n.name(of: o), p), g(n.target(of: o), y)]
        case .sampleLoss(_, let shares, _):
            let outputs = layerSizes.count - 1
            return shares.enumerated().map { g(n.lossShare(of: NeuronRef(layer: outputs, index: $0.offset)), $0.element) }
        case .batchLoss(_, let losses, _):
            return losses.enumerated().map { g(n.sampleLoss($0.offset), $0.element) }
        case .hiddenDelta(let neuron, let f, let terms, _, let z, let a, _, _):
            var out: [GivenValue] = []
            for (j, t) in terms.enumerated() {
                out.append(g(n.name(of: .weight(layer: neuron.layer, to: j, from: neuron.index)), t.left))
                out.append(g(n.delta(of: NeuronRef(layer: neuron.layer + 1, index: j)), t.right))
            }
            switch f {
            case .sigmoid, .tanh: out.append(g(formulas(shorten: true).activatedName(neuron, f), a))
            default: out.append(g(n.weightedSum(of: neuron), z))
            }
            return out
        case .residualSum(let neuron, let f, let from, let activated, let skip, _):
            return [g(formulas(shorten: true).activatedName(neuron, f), activated), g(n.name(of: from), skip)]
        case .residualDelta(let neuron, let f, let terms, let skip, _, let z, let a, _, _):
            var out: [GivenValue] = []
            for (j, t) in terms.enumerated() {
                out.append(g(n.name(of: .weight(layer: neuron.layer, to: j, from: neuron.index)), t.left))
                out.append(g(n.delta(of: NeuronRef(layer: neuron.layer + 1, index: j)), t.right))
            }
            out.append(g(n.lossGradient(of: skip.to), skip.alongSkip))
            switch f {
            case .sigmoid, .tanh: out.append(g(formulas(shorten: true).activatedName(neuron, f), a))
            default: out.append(g(n.weightedSum(of: neuron), z))
            }
            return out
        case .batchStatistics(let neuron, let sums, _, _):
            return sums.map { g(n.weightedSum(of: neuron), $0) }
        case .normalization(let neuron, let z, let mean, let variance, _, _, let scale, let shift, _):
            return [g(n.weightedSum(of: neuron), z), g(n.batchMean(of: neuron), mean), g(n.batchVariance(of: neuron), variance),
                    g(n.name(of: .scale(layer: neuron.layer - 1, neuron: neuron.index)), scale),
                    g(n.name(of: .shift(layer: neuron.layer - 1, neuron: neuron.index)), shift)]
        case .normalizationGradient(let neuron, let upstream, let normalized, _, _, _, _, _):
            let du = symbols.derivative(of: "E", by: n.scaledSum(of: neuron))
            return zip(upstream, normalized).flatMap { [g(du, $0.0), g(n.normalizedSum(of: neuron), $0.1)] }
        case .normalizationDelta(let neuron, let upstream, let scale, let normalized, let sum, let products, let inverse, _, _):
            return [g(symbols.derivative(of: "E", by: n.scaledSum(of: neuron)), upstream),
                    g(n.name(of: .scale(layer: neuron.layer - 1, neuron: neuron.index)), scale),
                    g(n.normalizedSum(of: neuron), normalized), g(symbols.sum + "∂E/∂ẑ", sum),
                    g(symbols.sum + "∂E/∂ẑ·ẑ", products), g("1/√(σ²+ε)", inverse)]
        case .weightGradient(_, let factors, _):
            return factors.map { factor in
                switch factor.role {
                case .lossGradient(let o): return g(n.lossGradient(of: o), factor.value)
                case .activationDerivative(let o): return g(n.activationSlope(of: o), factor.value)
                case .delta(let o): return g(n.delta(of: o), factor.value)
                case .input(let i): return g(n.name(of: i), factor.value)
                }
            }
        case .biasGradient(let p, let delta, _):
            return [g(n.delta(of: n.neuron(of: p)), delta)]
        case .gradientSum(_, let contributions, _, _, _):
            return contributions.enumerated().map { g(n.contribution($0.offset), $0.element) }
        case .clipping(let norm, let limit, _):
            return [g(symbols.normBar + "g" + symbols.normBar, norm), g("limit", limit)]
        case .update(let p, let d):
            return [g(n.name(of: p), d.old), g(n.gradient(of: p), d.gradient), g(symbols.eta, d.learningRate)]
        }
    }
}
