import BackpropEngine

/// Formulas of the update phase: clipping and the optimizers' rules.
extension Formulas {
    func clipping(_ norm: Double, _ limit: Double, _ scale: Double?) -> [String] {
        let length = s.normBar + "g" + s.normBar
        let definition = length + " = " + s.sqrt + "(" + s.sum + " g" + s.squared + ")"
        guard let scale else {
            return layout.chain([definition, num.fixed(norm) + " " + s.le + " " + num.compact(limit)])
        }
        return layout.chain([definition, num.fixed(norm) + " > " + num.compact(limit)])
            + layout.chain(["g " + s.assign + " g" + s.times + "limit / " + length,
                            "g" + s.times + num.compactOperand(limit) + " / " + num.operand(norm),
                            "g" + s.times + num.operand(scale)])
    }

    func update(_ p: ParameterRef, _ u: UpdateDetail) -> [String] {
        let w = notation.name(of: p)
        let lr = num.compactOperand(u.learningRate)
        let step = w + " " + s.assign + " " + w + " " + s.minus + " " + s.eta + s.dot
        let oldMinus = num.fixed(u.old) + " " + s.minus + " " + lr + s.times
        switch u.optimizer {
        case .sgd:
            return layout.chain([step + "g", oldMinus + num.operand(u.gradient), num.fixed(u.new)])
        case .momentum(let mu):
            return layout.chain(["v " + s.assign + " " + s.mu + s.dot + "v + g",
                                 num.compactOperand(mu) + s.times + num.operand(u.firstBefore) + " + "
                                    + num.operand(u.gradient), num.fixed(u.firstAfter)])
                + layout.chain([step + "v", oldMinus + num.operand(u.firstAfter), num.fixed(u.new)])
        case .adam(let beta1, let beta2, let epsilon):
            let b1 = num.compactOperand(beta1), b2 = num.compactOperand(beta2)
            let t = s.sup(String(u.step))
            let oneMinus = "(1 " + s.minus + " "
            let g = num.operand(u.gradient)
            return layout.chain(["m " + s.assign + " " + s.beta1 + s.dot + "m + " + oneMinus + s.beta1 + ")" + s.dot + "g",
                                 b1 + s.times + num.operand(u.firstBefore) + " + " + oneMinus + b1 + ")" + s.times + g,
                                 num.fixed(u.firstAfter)])
                + layout.chain(["v " + s.assign + " " + s.beta2 + s.dot + "v + " + oneMinus + s.beta2 + ")" + s.dot
                                    + "g" + s.squared,
                                b2 + s.times + num.operand(u.secondBefore) + " + " + oneMinus + b2 + ")" + s.times + g
                                    + s.squared,
                                num.fixed(u.secondAfter)])
                + layout.chain([s.mHat + " = m / " + oneMinus + s.beta1 + s.supT + ")",
                                num.lead(u.firstAfter) + " / " + oneMinus + b1 + t + ")", num.fixed(u.firstCorrected)])
                + layout.chain([s.vHat + " = v / " + oneMinus + s.beta2 + s.supT + ")",
                                num.lead(u.secondAfter) + " / " + oneMinus + b2 + t + ")",
                                num.fixed(u.secondCorrected)])
                + layout.chain([step + s.mHat + " / (" + s.root(s.vHat) + " + " + s.epsilon + ")",
                                oldMinus + num.operand(u.firstCorrected) + " / (" + s.root(num.operand(u.secondCorrected))
                                    + " + " + num.compact(epsilon) + ")",
                                num.fixed(u.new)])
        }
    }
}
