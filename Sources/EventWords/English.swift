import BackpropEngine

/// Every English word of the event texts. Plain ASCII except for the symbols it is given,
/// so ASCII mode stays ASCII.
struct English: Wording {
    func say(_ phrase: Phrase, _ s: Symbols) -> String {
        switch phrase {
        case .phase(let p):
            switch p {
            case .forward: return "FORWARD"
            case .loss: return "LOSS"
            case .backward: return "BACKWARD"
            case .update: return "UPDATE"
            }
        case .activationName(let f):
            switch f {
            case .identity: return "identity"
            case .sigmoid: return "sigmoid"
            case .tanh: return "tanh"
            case .relu: return "ReLU"
            case .leakyRelu: return "leaky ReLU"
            case .softmax: return "softmax"
            }
        case .lossName(let l):
            switch l {
            case .halfSSE: return "half squared error"
            case .mse: return "mean squared error"
            case .bce: return "binary cross-entropy"
            case .crossEntropy: return "cross-entropy"
            }
        case .optimizerName(let o):
            switch o {
            case .sgd: return "SGD"
            case .momentum: return "momentum"
            case .adam: return "Adam"
            }
        case .sample(let n):
            return "sample \(n + 1)"

        case .weightedSumTitle(let n): return "Weighted sum of \(n)"
        case .activationTitle(let n, let f): return "Activation of \(n): \(say(.activationName(f), s))"
        case .lossShareTitle(let o): return "Loss share of \(o)"
        case .sampleLossTitle: return "Loss of the sample"
        case .batchLossTitle: return "Loss of the batch"
        case .outputDeltaTitle(let n): return "\(s.delta) of the output \(n)"
        case .hiddenDeltaTitle(let n): return "\(s.delta) of the hidden neuron \(n)"
        case .residualSumTitle(let n): return "Skip connection into \(n)"
        case .batchStatisticsTitle(let n): return "Batch mean and variance for \(n)"
        case .normalizationTitle(let n): return "Batch normalization of \(n)"
        case .normalizationGradientTitle(let n): return "Gradients of \(n)'s \(s.gammaName) and \(s.betaName)"
        case .normalizationDeltaTitle(let n): return "\(s.delta) of \(n) through the normalization"
        case .residualDeltaTitle(let n): return "\(s.delta) of \(n): two paths back"
        case .weightGradientTitle(let p): return "Gradient of the weight \(p)"
        case .biasGradientTitle(let p): return "Gradient of the bias \(p)"
        case .gradientSumTitle(let p): return "Batch gradient of \(p)"
        case .clippingTitle: return "Gradient clipping"
        case .updateTitle(let p, let o): return "Update of \(p) (\(say(.optimizerName(o), s)))"

        case .weightedSum(let n, let fromInputs, let inputs, let bias, let sum, let z):
            let source = fromInputs ? "the inputs \(inputs) of the input layer"
                                    : "the activations \(inputs) of the previous layer"
            let plusBias = bias.map { ", then adds its bias \($0)" } ?? ""
            return "\(n) multiplies each of \(source) by the weight of its connection and adds the products up"
                + "\(plusBias). The result, \(sum) = \(z), is the weighted sum that goes into the activation function."
        case .activation(let n, let f, let sum, let z, let v, let positive, let isOutput, let slope):
            let prediction = isOutput && f != .softmax ? " This is the network's prediction \(n)." : ""
            return activation(n, f, sum, z, v, positive, isOutput, slope, s) + prediction
        case .lossShare(let o, let y, let loss, let p, let t, let targetIsZero, let k):
            return lossShare(o, y, loss, p, t, targetIsZero, k, s)
        case .sampleLoss(let outputs, let single, let v):
            let sum = single ? "The loss of this sample is the share of its only output \(outputs)"
                : "The loss function adds up the shares of all outputs (\(outputs))"
            return sum + ": E = \(v). This one number"
                + " says how wrong the network is on this sample, and training tries to make it smaller."
        case .batchLoss(let reduction, let count, let v):
            switch reduction {
            case .mean:
                return "The batch loss is the mean of the \(count) sample losses, \(v). Averaging keeps it on the"
                    + " same scale whatever the batch size."
            case .sum:
                return "The batch loss is the sum of the \(count) sample losses, \(v)."
            }
        case .outputDelta(let n, let sum, let d, let y, let t, let relation, let sign, let fused, let loss, let f):
            let where_: String
            switch relation {
            case .above: where_ = "The output \(n) is too high (target \(t))"
            case .below: where_ = "The output \(n) is too low (target \(t))"
            case .equal: where_ = "The output \(n) is exactly on its target \(t)"
            }
            let link = relation.agrees(with: sign) ? ", so " : ", and "
            let how: String
            if !fused {
                how = "By the chain rule, \(d) = \(s.derivative(of: "E", by: n)) \(s.dot) "
                    + "\(s.derivative(of: n, by: sum)): how fast the error changes with \(n), times the slope of"
                    + " the \(say(.activationName(f), s)) activation."
            } else if loss == .bce {
                how = "With a sigmoid output and binary cross-entropy the two chain-rule factors cancel,"
                    + " leaving the simple form \(n) \(s.minus) \(y)."
            } else {
                how = "With softmax outputs and cross-entropy the chain rule through the whole softmax collapses"
                    + " to the simple form \(n) \(s.minus) \(y)."
            }
            return where_ + link + signOfDelta(d, sum, sign) + " " + how
        case .hiddenDelta(let n, let sum, let d, let downstream, let f, let sign, let flat):
            let why = "\(n) has no target of its own, so its share of the blame comes from the neurons it feeds"
                + " (\(downstream)): their \(s.delta) values, each times the weight of the connection, are added up"
                + " and multiplied by the slope of the \(say(.activationName(f), s)) activation at \(sum). This is"
                + " backpropagation: the chain rule carried one layer further back."
            let result = flat ? "Here the slope is 0, so \(d) = 0 and the weights into \(n) learn nothing from"
                + " this sample." : signOfDelta(d, sum, sign)
            return why + " " + result
        case .residualSum(let n, let f, let skip, let fv, let sv, let v):
            return "A residual (skip) connection adds the activation of \(skip) = \(sv), carried along the skip from an"
                + " earlier layer, to what the activation function gave, \(f) = \(fv): \(n) = \(v). The layer only has to learn a change to"
                + " \(skip), and on the way back the gradient can take the skip around the layer."
        case .residualDelta(let n, let sum, let d, let g, let t, let tg, let through, let along, let f, let sign, let flat):
            let why = "\(n) feeds the error along two paths, so its gradient \(g) is the sum of both: through the next"
                + " layer (each \(s.delta) above times its weight, \(through)), and along the skip connection into \(t),"
                + " which passes \(tg) = \(along) back unchanged, with no weight and no activation slope to shrink it."
                + " That second path is why a deep network with skips keeps its first layers' gradients. Then \(d) is"
                + " \(g) times the slope of the \(say(.activationName(f), s)) activation at \(sum)."
            let result = flat ? "Here the slope is 0, so \(d) = 0." : signOfDelta(d, sum, sign)
            return why + " " + result
        case .batchStatistics(let z, let mu, let v, let count, let mv, let vv):
            return "Batch normalization looks at \(z) in all \(count) samples of the batch at once: their mean is"
                + " \(mu) = \(mv), and their variance, the mean squared distance from it, is \(v) = \(vv)."
                + " Every sample's \(z) is measured against these two numbers."
        case .normalization(let z, let zh, let u, let g, let b, let zv, let zhv, let uv, let eps):
            return "This sample's \(z) = \(zv) has the batch mean taken off and is divided by the batch's spread"
                + " \(s.root(s.varianceEpsilon)) (ε = \(eps) keeps the division safe): \(zh) = \(zhv), so over the batch these"
                + " values have mean 0 and variance 1. A learned scale \(g) and shift \(b) then give \(u) = \(uv),"
                + " what the activation receives. However the weights before it grow or shrink, the activation keeps"
                + " getting values near 0, where a sigmoid's slope is near its largest, 0.25, instead of near 0."
        case .normalizationGradient(let u, let zh, let g, let b, let count, let reduction):
            let rule = reduction == .mean ? "averaged" : "added up"
            return "\(g) multiplies \(zh), so its gradient is \(s.derivative(of: "E", by: u))\(s.dot)\(zh); \(b) is"
                + " added, so its gradient is \(s.derivative(of: "E", by: u)) itself. Both are \(rule) over the \(count)"
                + " samples of the batch, and the optimizer updates \(g) and \(b) like weights."
        case .normalizationDelta(let n, let z, let d, let zh, let count):
            return "\(z) of this sample changes its own \(zh), but also the batch mean and variance, which all \(count)"
                + " samples' \(zh) use. So \(d) has three terms: this sample's own gradient (B times \(s.derivative(of: "E", by: zh))),"
                + " minus the sum of the batch's (its share in the mean), minus \(zh) times the sum of"
                + " \(s.derivative(of: "E", by: zh))\(s.dot)\(zh) (its share in the variance), all divided by"
                + " B\(s.dot)\(s.root(s.varianceEpsilon)). This is the gradient the weights into \(n) learn from."
        case .weightGradient(let p, let to, let sum, let toDelta, let from, let chain, let sign):
            let how = chain
                ? "By the chain rule, the effect of \(p) on the error is the product of the links along the path"
                    + " \(p) \(s.arrow) \(sum) \(s.arrow) \(to) \(s.arrow) E: how E changes with \(to), how \(to)"
                    + " changes with \(sum), and how \(sum) changes with \(p), which is \(from), the value \(p) multiplies."
                : "The gradient of \(p) is \(toDelta), the error signal of the neuron it feeds, times \(from), the"
                    + " value it carries: a weight carrying a large value into a neuron with a large error gets a"
                    + " large gradient."
            return how + " " + signOfGradient(p, sign)
        case .biasGradient(let p, let n, let sum, let d, let sign):
            return "A bias enters \(sum) with a factor of 1, so its gradient is simply \(d), the error signal of its"
                + " neuron \(n). " + signOfGradient(p, sign)
        case .gradientSum(let p, let count, let cs, let reduction):
            let rule = reduction == .mean ? "mean" : "sum"
            return "Each of the \(count) samples of the batch gave its own gradient for \(p) (\(cs)). The batch"
                + " loss is the \(rule) of the sample losses, so the batch gradient is the \(rule) of these"
                + " contributions."
        case .clipping(let norm, let limit, let scale):
            let length = "The length of the whole gradient, \(s.normBar)g\(s.normBar) = \(norm),"
            guard let scale else { return length + " is within the limit \(limit), so the gradient is used as it is." }
            return length + " is more than the limit \(limit), so every component is multiplied by the same"
                + " factor \(scale): the direction is kept and only the step gets shorter. This guards training"
                + " against exploding gradients."
        case .update(let p, let optimizer, let lr, let old, let new, let direction):
            let rule: String
            switch optimizer {
            case .sgd:
                rule = "Gradient descent steps against the gradient: \(p) loses \(s.eta) times its gradient g,"
                    + " with the learning rate \(s.eta) = \(lr)."
            case .momentum:
                rule = "Momentum keeps a velocity v for \(p): the previous velocity times \(s.mu), plus the new"
                    + " gradient. \(p) then moves by \(s.eta)\(s.dot)v (learning rate \(s.eta) = \(lr)), so steps"
                    + " grow while the gradient keeps its sign and calm down when it flips."
            case .adam:
                rule = "Adam keeps running averages of the gradient (m) and of its square (v), corrects their pull"
                    + " toward 0 in the first steps (\(s.mHat), \(s.vHat)), and moves \(p) by \(s.eta)\(s.dot)"
                    + "\(s.mHat) / (\(s.root(s.vHat)) + \(s.epsilon)) with the learning rate \(s.eta) = \(lr):"
                    + " every parameter gets its own step size."
            }
            let moved: String
            switch direction {
            case .down: moved = "\(p) goes down from \(old) to \(new)."
            case .up: moved = "\(p) goes up from \(old) to \(new)."
            case .same: moved = "\(p) stays at \(old)."
            }
            return rule + " " + moved
        }
    }

    private func activation(_ n: String, _ f: Activation, _ sum: String, _ z: String, _ v: String, _ positive: Bool,
                            _ isOutput: Bool, _ slope: String, _ s: Symbols) -> String {
        switch f {
        case .sigmoid:
            return "The sigmoid activation function squashes \(sum) = \(z) into the range 0 to 1, so \(n) = \(v)."
                + " Its smooth slope is what will let the gradient flow back through \(n)."
        case .tanh:
            return "The tanh activation function squashes \(sum) = \(z) into the range \(s.minus)1 to 1, centred on 0,"
                + " so \(n) = \(v)."
        case .relu:
            return positive ? "ReLU lets a positive \(sum) through unchanged, so \(n) = \(sum) = \(v)."
                : "ReLU turns \(sum) = \(z), which is not positive, into 0, so \(n) = \(v). Its slope there is 0 too:"
                    + " no gradient will flow back through \(n) for this sample."
        case .leakyRelu:
            return positive ? "Leaky ReLU lets a positive \(sum) through unchanged, so \(n) = \(sum) = \(v)."
                : "Leaky ReLU multiplies the negative \(sum) = \(z) by the small slope \(slope), so \(n) = \(v). Unlike"
                    + " ReLU it still lets a little gradient flow back."
        case .identity:
            return isOutput ? "The output layer uses the identity: \(n) is simply \(sum) = \(v), as usual when the"
                + " network predicts a number (regression)." : "The identity passes \(sum) on unchanged: \(n) = \(v)."
        case .softmax:
            return "Softmax turns the weighted sums of the whole output layer into probabilities that add up to 1;"
                + " \(n) gets \(v). The largest sum is subtracted from each before e is raised to it, so that"
                + " nothing overflows; that does not change the result."
        }
    }

    private func lossShare(_ o: String, _ y: String, _ loss: Loss, _ p: String, _ t: String, _ targetIsZero: Bool,
                           _ k: Int, _ s: Symbols) -> String {
        switch loss {
        case .halfSSE:
            return "The loss function compares the prediction \(o) = \(p) with the target \(y) = \(t). Half the"
                + " squared difference is this output's share of the error: big misses cost much more than small"
                + " ones, and the factor \(s.half) makes the derivative simply \(o) \(s.minus) \(y)."
        case .mse:
            let divided = k > 1 ? ", divided by the number of outputs (\(k))," : ""
            return "The loss function compares the prediction \(o) = \(p) with the target \(y) = \(t). The squared"
                + " difference\(divided) is this output's share of the mean squared error."
        case .bce:
            return "Binary cross-entropy compares the prediction \(o) = \(p) with the target \(y) = \(t): the share"
                + " is small when \(o) is close to the target and grows without limit as \(o) nears the wrong end"
                + " (0 or 1)."
        case .crossEntropy:
            return targetIsZero
                ? "The target \(y) is 0, so \(o) adds nothing to the cross-entropy directly. It is still pushed"
                    + " down through the softmax, which shares one total of 1 among all outputs."
                : "Cross-entropy charges \(s.minus)log of the probability given to the right answer (\(o) = \(p),"
                    + " target \(y) = \(t)): the less probability the network gives the right class, the larger"
                    + " the loss."
        }
    }

    private func signOfDelta(_ d: String, _ z: String, _ sign: Sign) -> String {
        switch sign {
        case .positive: return "\(d) is positive: a higher \(z) would mean a higher error, and gradient descent will push \(z) down."
        case .negative: return "\(d) is negative: a higher \(z) would mean a lower error, and gradient descent will push \(z) up."
        case .zero: return "\(d) is 0: a small change of \(z) does not change the error, and nothing is learned here."
        case .undefined: return "\(d) is not a number: training has diverged."
        }
    }

    private func signOfGradient(_ p: String, _ sign: Sign) -> String {
        switch sign {
        case .positive: return "It is positive: increasing \(p) would increase the error, so gradient descent will make \(p) smaller."
        case .negative: return "It is negative: increasing \(p) would decrease the error, so gradient descent will make \(p) larger."
        case .zero: return "It is 0, so this gives \(p) no reason to change."
        case .undefined: return "It is not a number: training has diverged."
        }
    }
}
