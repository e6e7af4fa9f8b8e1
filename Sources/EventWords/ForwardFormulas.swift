import BackpropEngine

/// Formulas of the forward pass and of the loss.
extension Formulas {
    func weightedSum(_ n: NeuronRef, _ terms: [StepEvent.Product], _ bias: Double?, _ sum: Double) -> [String] {
        let l = n.layer - 1
        var symbolic = layout.sum(count: terms.count) { i in
            notation.name(of: .weight(layer: l, to: n.index, from: i)) + s.dot
                + notation.name(of: NeuronRef(layer: l, index: i))
        }
        var numeric = layout.sum(count: terms.count) { i in product(terms[i].left, terms[i].right, first: i == 0) }
        if let bias {
            symbolic += " + " + notation.name(of: .bias(layer: l, neuron: n.index))
            numeric += " + " + num.operand(bias)
        }
        return layout.chain([notation.weightedSum(of: n), symbolic, numeric, num.fixed(sum)])
    }

    func activation(_ n: NeuronRef, _ f: Activation, _ z: Double, _ value: Double,
                    _ softmax: StepEvent.SoftmaxDetail?) -> [String] {
        let zn = notation.activationInput(of: n)
        let result = num.fixed(value)
        // where a skip leads in, this is f(z) alone: the next event adds the skip
        if residualTargets.contains(n.layer) && f != .softmax {
            return layout.chain([activatedName(n, f), applied(f, z), result])
        }
        let name = notation.name(of: n)
        switch f {
        case .sigmoid:
            return layout.chain([name + " = " + s.sigma + "(" + zn + ")", "1 / (1 + e^" + num.fixed(-z) + ")", result])
        case .tanh:
            return layout.chain([name + " = tanh(" + zn + ")", "tanh(" + num.fixed(z) + ")", result])
        case .relu:
            return layout.chain([name + " = max(0, " + zn + ")", "max(0, " + num.fixed(z) + ")", result])
        case .leakyRelu:
            if z > 0 { return [name + " = " + zn + " = " + result + "   (" + zn + " > 0)"] }
            let slope = num.compact(leakySlope)
            var lines = layout.chain([name + " = " + slope + s.dot + zn, slope + s.times + num.operand(z), result])
            lines[lines.count - 1] += "   (" + zn + " " + s.le + " 0)"
            return lines
        case .identity:
            return [name + " = " + zn + " = " + result]
        case .softmax:
            guard let d = softmax else { return [name + " = softmax(" + zn + ") = " + result] }
            let m = "m", zk = notation.weightedSumOfAnyOutput
            let exp = "e^(" + zn + s.minus + m + ")"
            return layout.chain([name + " = " + exp + " / " + s.sum + s.subK + " e^(" + zk + s.minus + m + ")",
                                 "e^(" + difference(z, d.shift) + ") / " + num.operand(d.denominator),
                                 num.lead(d.exponential) + " / " + num.operand(d.denominator), result])
                + [m + " = max" + s.subK + " " + zk + " = " + num.fixed(d.shift)]
        }
    }

    func lossShare(_ o: NeuronRef, _ loss: Loss, _ p: Double, _ y: Double, _ value: Double) -> [String] {
        let yName = notation.target(of: o), pName = notation.name(of: o)
        let lhs = notation.lossShare(of: o)
        let gap = "(" + yName + " " + s.minus + " " + pName + ")" + s.squared
        let gapValue = "(" + difference(y, p) + ")" + s.squared
        switch loss {
        case .halfSSE:
            return layout.chain([lhs, s.half + s.dot + gap, s.half + s.times + gapValue, num.fixed(value)])
        case .mse:
            return layout.chain([lhs, gap + perOutput, gapValue + perOutputValue, num.fixed(value)])
        case .bce:
            let symbolic = s.minus + "[" + yName + s.dot + "log(" + pName + ") + (1 " + s.minus + " " + yName + ")"
                + s.dot + "log(1 " + s.minus + " " + pName + ")]" + perOutput
            let numeric = s.minus + "[" + num.operand(y) + s.times + "log(" + num.fixed(p) + ") + ("
                + difference(1, y) + ")" + s.times + "log(" + difference(1, p) + ")]" + perOutputValue
            return layout.chain([lhs, symbolic, numeric, num.fixed(value)])
        case .crossEntropy:
            return layout.chain([lhs, s.minus + yName + s.dot + "log(" + pName + ")",
                                 s.minus + num.operand(y) + s.times + "log(" + num.fixed(p) + ")", num.fixed(value)])
        }
    }

    func sampleLoss(_ shares: [Double], _ value: Double) -> [String] {
        let top = notation.outputLayer
        let symbolic = layout.sum(count: shares.count) { notation.lossShare(of: NeuronRef(layer: top, index: $0)) }
        let numeric = layout.sum(count: shares.count) { term(shares[$0], $0) }
        if shares.count == 1 { return layout.chain(["E", symbolic, num.fixed(value)]) }
        return layout.chain(["E", symbolic, numeric, num.fixed(value)])
    }

    func batchLoss(_ reduction: Reduction, _ losses: [Double], _ value: Double) -> [String] {
        var symbolic = layout.sum(count: losses.count) { notation.sampleLoss($0) }
        var numeric = layout.sum(count: losses.count) { term(losses[$0], $0) }
        if reduction == .mean {
            let divisor = " " + s.dividedBy + " \(losses.count)"
            symbolic = "(" + symbolic + ")" + divisor
            numeric = "(" + numeric + ")" + divisor
        }
        return layout.chain([s.total, symbolic, numeric, num.fixed(value)])
    }
}
