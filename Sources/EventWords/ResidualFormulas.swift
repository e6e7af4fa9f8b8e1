import BackpropEngine

/// Formulas of a residual (skip) connection: the sum on the way forward, the two paths back.
extension Formulas {
    /// f applied to a number: σ(0.1234) is written 1 / (1 + e^−0.1234), as the activation formula does
    func applied(_ f: Activation, _ z: Double) -> String {
        switch f {
        case .sigmoid: return "1 / (1 + e^" + num.fixed(-z) + ")"
        case .tanh: return "tanh(" + num.fixed(z) + ")"
        case .relu: return "max(0, " + num.fixed(z) + ")"
        case .leakyRelu: return z > 0 ? num.fixed(z) : num.compact(leakySlope) + s.times + num.operand(z)
        case .identity, .softmax: return num.fixed(z)
        }
    }

    /// h₁⁽²⁾ = σ(z(h₁⁽²⁾)) + h₁ = 0.6225 + 0.5000 = 1.1225
    func residualSum(_ n: NeuronRef, _ f: Activation, _ from: NeuronRef, _ activated: Double, _ skip: Double,
                     _ value: Double) -> [String] {
        layout.chain([notation.name(of: n), activatedName(n, f) + " + " + notation.name(of: from),
                      num.lead(activated) + " + " + num.operand(skip), num.fixed(value)])
    }

    /// ∂E/∂h₁ = (w·δ + …) + ∂E/∂h₁⁽²⁾ = through + along = sum, then δ(h₁) = ∂E/∂h₁ · f′(z(h₁)).
    func residualDelta(_ n: NeuronRef, _ f: Activation, _ terms: [StepEvent.Product], _ skip: StepEvent.SkipGradient,
                       _ sum: Double, _ z: Double, _ a: Double, _ d: Double, _ delta: Double) -> [String] {
        let next = n.layer + 1
        let symbolic = layout.sum(count: terms.count) { j in
            notation.name(of: .weight(layer: n.layer, to: j, from: n.index)) + s.dot
                + notation.delta(of: NeuronRef(layer: next, index: j))
        }
        let numeric = layout.sum(count: terms.count) { product(terms[$0].left, terms[$0].right, first: $0 == 0) }
        let gradient = notation.lossGradient(of: n)
        var lines = layout.chain([gradient, "(" + symbolic + ") + " + notation.lossGradient(of: skip.to),
                                  "(" + numeric + ") + " + num.operand(skip.alongSkip),
                                  num.lead(skip.throughLayer) + " + " + num.operand(skip.alongSkip), num.fixed(sum)])
        let slope = slopeName(f) + "(" + notation.activationInput(of: n) + ")"
        lines += layout.chain([notation.hiddenGradient(of: n), gradient + " " + s.dot + " " + slope, factors([sum, d]),
                               num.fixed(delta)])
        lines += slopeLine(f, n, z: z, a: a, derivative: d)
        return lines
    }
}
