import BackpropEngine

/// Builds the formula lines of an event, numbers substituted. Symbols only, no words: the same
/// lines serve both languages. Split by phase: ForwardFormulas, BackwardFormulas, UpdateFormulas.
struct Formulas: Sendable {
    let notation: Notation
    let s: Symbols
    let num: NumberFormat
    let layout: FormulaLayout
    /// Outputs K, the output activation and the leaky slope: fixed facts of the network.
    let outputCount: Int
    let outputActivation: Activation
    let leakySlope: Double
    /// Neuron layers a skip connection leads into: there a neuron's name is f(z) + the skip, so
    /// a formula about f(z) alone writes it out (σ(z(h₁⁽²⁾)))
    var residualTargets: Set<Int> = []

    func lines(for event: StepEvent) -> [String] {
        switch event.kind {
        case .weightedSum(let n, let terms, let bias, let sum):
            return weightedSum(n, terms, bias, sum)
        case .activation(let n, let f, let z, let value, let softmax):
            return activation(n, f, z, value, softmax)
        case .lossShare(let o, let loss, let p, let y, let value):
            return lossShare(o, loss, p, y, value)
        case .sampleLoss(_, let shares, let value):
            return sampleLoss(shares, value)
        case .batchLoss(let reduction, let losses, let value):
            return batchLoss(reduction, losses, value)
        case .outputDelta(let n, let loss, let p, let y, let g, let d, let delta, let fused):
            return outputDelta(n, loss, p, y, g, d, delta, fused)
        case .hiddenDelta(let n, let f, let terms, let sum, let z, let a, let d, let delta):
            return hiddenDelta(n, f, terms, sum, z, a, d, delta)
        case .residualSum(let n, let f, let from, let activated, let skip, let value):
            return residualSum(n, f, from, activated, skip, value)
        case .residualDelta(let n, let f, let terms, let skip, let sum, let z, let a, let d, let delta):
            return residualDelta(n, f, terms, skip, sum, z, a, d, delta)
        case .batchStatistics(let n, let sums, let mean, let variance):
            return batchStatistics(n, sums, mean, variance)
        case .normalization(let n, let z, let mean, let variance, let inverse, let zh, let scale, let shift, let value):
            return normalization(n, z, mean, variance, inverse, zh, scale, shift, value)
        case .normalizationGradient(let n, let g, let zh, let gs, let bs, let divisor, let gg, let bg):
            return normalizationGradient(n, g, zh, gs, bs, divisor, gg, bg)
        case .normalizationDelta(let n, let g, let scale, let zh, let sum, let products, let inverse, let b, let delta):
            return normalizationDelta(n, g, scale, zh, sum, products, inverse, b, delta)
        case .weightGradient(let p, let factors, let value):
            return weightGradient(p, factors, value)
        case .biasGradient(let p, let delta, let value):
            return biasGradient(p, delta, value)
        case .gradientSum(let p, let cs, let sum, let divisor, let value):
            return gradientSum(p, cs, sum, divisor, value)
        case .clipping(let norm, let limit, let scale):
            return clipping(norm, limit, scale)
        case .update(let p, let detail):
            return update(p, detail)
        }
    }

    // MARK: shared pieces

    /// a×b of two numbers, as in a weighted sum (`first`: at the start of the expression)
    func product(_ a: Double, _ b: Double, first: Bool = false) -> String {
        (first ? num.lead(a) : num.operand(a)) + s.times + num.operand(b)
    }

    /// "a − b" of two numbers
    func difference(_ a: Double, _ b: Double) -> String { num.lead(a) + " " + s.minus + " " + num.operand(b) }

    /// Factors of a chain-rule product: "a × b × c"
    func factors(_ values: [Double]) -> String {
        values.enumerated().map { $0.offset == 0 ? num.lead($0.element) : num.operand($0.element) }
            .joined(separator: " " + s.times + " ")
    }

    /// The i-th number of a sum
    func term(_ v: Double, _ i: Int) -> String { i == 0 ? num.lead(v) : num.operand(v) }

    /// " ÷ K" when the loss divides by the number of outputs (and there is more than one)
    var perOutput: String { outputCount > 1 ? " " + s.dividedBy + " K" : "" }
    var perOutputValue: String { outputCount > 1 ? " " + s.dividedBy + " \(outputCount)" : "" }

    /// σ′, tanh′, relu′ …: the derivative's name
    func slopeName(_ f: Activation) -> String {
        switch f {
        case .sigmoid: return s.sigma + s.prime
        case .tanh: return "tanh" + s.prime
        case .relu: return "relu" + s.prime
        case .leakyRelu: return "leaky" + s.prime
        case .identity: return "id" + s.prime
        case .softmax: return "f" + s.prime
        }
    }

    /// The neuron's name, or f(z(h)) where a skip connection adds to it (h = f(z(h)) + the skip).
    func activatedName(_ n: NeuronRef, _ f: Activation) -> String {
        guard residualTargets.contains(n.layer) else { return notation.name(of: n) }
        let zn = notation.activationInput(of: n)
        switch f {
        case .sigmoid: return s.sigma + "(" + zn + ")"
        case .tanh: return "tanh(" + zn + ")"
        case .relu: return "relu(" + zn + ")"
        case .leakyRelu: return "leaky(" + zn + ")"
        case .identity, .softmax: return zn
        }
    }

    /// How f′(z) was found, e.g. σ′(z(h₁)) = h₁·(1 − h₁) = 0.5933×(1 − 0.5933) = 0.2413.
    /// `z` is known for hidden neurons only.
    func slopeLine(_ f: Activation, _ n: NeuronRef, z: Double?, a: Double, derivative d: Double,
                   lhs: String? = nil) -> [String] {
        let name = activatedName(n, f), zn = notation.activationInput(of: n)
        let head = (lhs.map { $0 + " = " } ?? "") + slopeName(f) + "(" + zn + ")"
        switch f {
        case .sigmoid:
            return layout.chain([head, name + s.dot + "(1 " + s.minus + " " + name + ")",
                                 num.operand(a) + s.times + "(1 " + s.minus + " " + num.operand(a) + ")", num.fixed(d)])
        case .tanh:
            return layout.chain([head, "1 " + s.minus + " " + name + s.squared,
                                 "1 " + s.minus + " " + num.operand(a) + s.squared, num.fixed(d)])
        case .relu, .leakyRelu, .identity, .softmax:
            var line = head + " = " + num.compact(d)
            if let z, f == .relu || f == .leakyRelu {
                line += "   (" + zn + " = " + num.fixed(z) + (z > 0 ? " > 0)" : " " + s.le + " 0)")
            }
            return [line]
        }
    }
}
