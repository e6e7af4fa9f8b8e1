import BackpropEngine

/// Formulas of batch normalization (BatchNorm.swift): the batch's statistics and each sample's
/// normalized value on the way forward; the gradients of γ and β and the three-term δ back.
extension Formulas {
    /// μ(h₁) = Σ z(h₁) / B = (…) / B = μ, and σ²(h₁) = Σ (z(h₁) − μ)² / B = (…) / B = σ²
    func batchStatistics(_ n: NeuronRef, _ sums: [Double], _ mean: Double, _ variance: Double) -> [String] {
        let z = notation.weightedSum(of: n), mu = notation.batchMean(of: n), by = " " + s.dividedBy + " \(sums.count)"
        let values = layout.sum(count: sums.count) { term(sums[$0], $0) }
        var lines = layout.chain([mu, s.sum + " " + z + by, "(" + values + ")" + by, num.fixed(mean)])
        let squares = layout.sum(count: sums.count) { "(" + difference(sums[$0], mean) + ")" + s.squared }
        lines += layout.chain([notation.batchVariance(of: n), s.sum + " (" + z + " " + s.minus + " " + mu + ")" + s.squared + by,
                               "(" + squares + ")" + by, num.fixed(variance)])
        return lines
    }

    /// ẑ(h₁) = (z(h₁) − μ(h₁)) / √(σ²(h₁) + ε) = …, then u(h₁) = γ(h₁)·ẑ(h₁) + β(h₁) = …
    func normalization(_ n: NeuronRef, _ z: Double, _ mean: Double, _ variance: Double, _ inverse: Double,
                       _ normalized: Double, _ scale: Double, _ shift: Double, _ value: Double) -> [String] {
        let zh = notation.normalizedSum(of: n), eps = s.ascii ? "eps" : "ε"
        let gamma = notation.name(of: .scale(layer: n.layer - 1, neuron: n.index))
        let beta = notation.name(of: .shift(layer: n.layer - 1, neuron: n.index))
        var lines = layout.chain([zh, "(" + notation.weightedSum(of: n) + " " + s.minus + " " + notation.batchMean(of: n) + ") / "
                                    + s.root("(" + notation.batchVariance(of: n) + " + " + eps + ")"),
                                  "(" + difference(z, mean) + ") / " + s.root("(" + num.fixed(variance) + " + " + num.compact(BatchNorm.epsilon) + ")"),
                                  num.fixed(normalized)])
        lines += layout.chain([notation.scaledSum(of: n), gamma + s.dot + zh + " + " + beta,
                               num.lead(scale) + s.times + num.operand(normalized) + " + " + num.operand(shift), num.fixed(value)])
        return lines
    }

    /// ∂E/∂γ = Σ ∂E/∂u·ẑ (÷ B) and ∂E/∂β = Σ ∂E/∂u (÷ B)
    func normalizationGradient(_ n: NeuronRef, _ g: [Double], _ zh: [Double], _ scaleSum: Double, _ shiftSum: Double,
                               _ divisor: Double?, _ scaleGradient: Double, _ shiftGradient: Double) -> [String] {
        let dEdu = s.derivative(of: "E", by: notation.scaledSum(of: n))
        let gamma = ParameterRef.scale(layer: n.layer - 1, neuron: n.index), beta = ParameterRef.shift(layer: n.layer - 1, neuron: n.index)
        let by = divisor.map { " " + s.dividedBy + " " + num.compact($0) } ?? ""
        let products = layout.sum(count: g.count) { product(g[$0], zh[$0], first: $0 == 0) }
        let plain = layout.sum(count: g.count) { term(g[$0], $0) }
        var lines = layout.chain([notation.gradient(of: gamma), s.sum + " " + dEdu + s.dot + notation.normalizedSum(of: n) + by,
                                  "(" + products + ")" + by, num.fixed(scaleGradient)])
        lines += layout.chain([notation.gradient(of: beta), s.sum + " " + dEdu + by, "(" + plain + ")" + by, num.fixed(shiftGradient)])
        return lines
    }

    /// ∂E/∂ẑ = ∂E/∂u·γ, then δ = (1/(B·√(σ² + ε)))·(B·∂E/∂ẑ − Σ ∂E/∂ẑ − ẑ·Σ ∂E/∂ẑ·ẑ)
    func normalizationDelta(_ n: NeuronRef, _ g: Double, _ scale: Double, _ zh: Double, _ sum: Double, _ products: Double,
                            _ inverse: Double, _ b: Int, _ delta: Double) -> [String] {
        // g = ∂E/∂ẑ, short enough for the three terms to fit a line
        let zhName = notation.normalizedSum(of: n), dEdzh = s.derivative(of: "E", by: zhName)
        let gamma = notation.name(of: .scale(layer: n.layer - 1, neuron: n.index))
        let dzh = g * scale
        var lines = layout.chain(["g = " + dEdzh, s.derivative(of: "E", by: notation.scaledSum(of: n)) + s.dot + gamma,
                                  num.lead(g) + s.times + num.operand(scale), num.fixed(dzh)])
        let root = s.root(s.varianceEpsilon)
        lines += layout.chain([notation.delta(of: n),
                               "(B" + s.dot + "g " + s.minus + " " + s.sum + "g " + s.minus + " " + zhName + s.dot + s.sum + "g"
                                + s.dot + "ẑ) " + s.times + " 1/" + root + " / B",
                               "(\(b)" + s.times + num.operand(dzh) + " " + s.minus + " " + num.operand(sum) + " " + s.minus + " "
                                + num.operand(zh) + s.times + num.operand(products) + ") " + s.times + " " + num.operand(inverse)
                                + " / \(b)",
                               num.fixed(delta)])
        lines.append(s.sum + "g = " + num.fixed(sum) + "   " + s.sum + "g" + s.dot + "ẑ = " + num.fixed(products) + "   1/" + root
                     + " = " + num.fixed(inverse))
        return lines
    }
}
