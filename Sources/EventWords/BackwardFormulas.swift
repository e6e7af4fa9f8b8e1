import BackpropEngine

/// Formulas of the backward pass: δs, gradients and the batch gradient.
extension Formulas {
    func outputDelta(_ n: NeuronRef, _ loss: Loss, _ p: Double, _ y: Double, _ g: Double, _ d: Double?,
                     _ delta: Double, _ fused: Bool) -> [String] {
        let lhs = notation.delta(of: n)
        let pName = notation.name(of: n), yName = notation.target(of: n)
        let dEdy = notation.lossGradient(of: n), dydz = notation.activationSlope(of: n)
        let chainNames = dEdy + " " + s.dot + " " + dydz
        let gap = pName + " " + s.minus + " " + yName
        if fused {
            var lines: [String]
            if loss == .bce && outputCount > 1 {
                lines = layout.chain([lhs, "(" + gap + ")" + perOutput, "(" + difference(p, y) + ")" + perOutputValue,
                                      num.fixed(delta)])
            } else {
                lines = layout.chain([lhs, gap, difference(p, y), num.fixed(delta)])
            }
            // the chain-rule factors, shown for understanding only
            if let d {
                lines += layout.chain([chainNames, factors([g, d]), num.fixed(delta)])
            } else {
                lines += layout.chain([dEdy, s.minus + yName + " / " + pName,
                                       s.minus + num.operand(y) + " / " + num.operand(p), num.fixed(g)])
            }
            return lines
        }
        guard let d else { return layout.chain([lhs, chainNames, num.fixed(delta)]) }
        var lines = layout.chain([lhs, chainNames, factors([g, d]),
                                  num.fixed(delta)])
        switch loss {
        case .halfSSE:
            lines += layout.chain([dEdy, gap, difference(p, y), num.fixed(g)])
        case .mse:
            lines += layout.chain([dEdy, "2" + s.dot + "(" + gap + ")" + perOutput,
                                   "2" + s.times + "(" + difference(p, y) + ")" + perOutputValue, num.fixed(g)])
        case .bce, .crossEntropy:
            lines += [dEdy + " = " + num.fixed(g)]
        }
        lines += slopeLine(outputActivation, n, z: nil, a: p, derivative: d, lhs: dydz)
        return lines
    }

    func hiddenDelta(_ n: NeuronRef, _ f: Activation, _ terms: [StepEvent.Product], _ sum: Double, _ z: Double,
                     _ a: Double, _ d: Double, _ delta: Double) -> [String] {
        let next = n.layer + 1
        let symbolic = layout.sum(count: terms.count) { j in
            notation.name(of: .weight(layer: n.layer, to: j, from: n.index)) + s.dot
                + notation.delta(of: NeuronRef(layer: next, index: j))
        }
        let numeric = layout.sum(count: terms.count) { product(terms[$0].left, terms[$0].right, first: $0 == 0) }
        let slope = slopeName(f) + "(" + notation.activationInput(of: n) + ")"
        var lines = layout.chain([notation.hiddenGradient(of: n), "(" + symbolic + ") " + s.dot + " " + slope,
                                  "(" + numeric + ") " + s.times + " " + num.operand(d),
                                  factors([sum, d]), num.fixed(delta)])
        lines += slopeLine(f, n, z: z, a: a, derivative: d)
        return lines
    }

    func weightGradient(_ p: ParameterRef, _ factors: [StepEvent.Factor], _ value: Double) -> [String] {
        let chainStyle = factors.contains { if case .lossGradient = $0.role { return true } else { return false } }
        let dzdw = notation.sumSlope(of: p)
        var inputLine: [String] = []
        let names = factors.map { factor -> String in
            switch factor.role {
            case .lossGradient(let n): return notation.lossGradient(of: n)
            case .activationDerivative(let n): return notation.activationSlope(of: n)
            case .delta(let n): return notation.delta(of: n)
            case .input(let n):
                guard chainStyle else { return notation.name(of: n) }
                inputLine = layout.chain([dzdw, notation.name(of: n), num.fixed(factor.value)])
                return dzdw
            }
        }
        return layout.chain([notation.gradient(of: p), names.joined(separator: " " + s.dot + " "),
                             self.factors(factors.map(\.value)), num.fixed(value)]) + inputLine
    }

    func biasGradient(_ p: ParameterRef, _ delta: Double, _ value: Double) -> [String] {
        layout.chain([notation.gradient(of: p), notation.delta(of: notation.neuron(of: p)) + " " + s.dot + " 1",
                      num.lead(delta) + " " + s.times + " 1", num.fixed(value)])
    }

    func gradientSum(_ p: ParameterRef, _ cs: [Double], _ sum: Double, _ divisor: Double?,
                     _ value: Double) -> [String] {
        let symbolic = layout.sum(count: cs.count) { notation.contribution($0) }
        let numeric = layout.sum(count: cs.count) { term(cs[$0], $0) }
        let lhs = notation.gradient(of: p)
        guard let divisor else { return layout.chain([lhs, symbolic, numeric, num.fixed(value)]) }
        let by = " " + s.dividedBy + " " + num.compact(divisor)
        return layout.chain([lhs, "(" + symbolic + ")" + by, "(" + numeric + ")" + by, num.lead(sum) + by,
                             num.fixed(value)])
    }
}
