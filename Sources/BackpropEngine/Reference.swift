import CMath

// READ THIS FILE FIRST.
//
// The engine's maths in plain loops over plain arrays, one sample at a time, the way a course
// writes it (and the way micrograd would): a dense forward pass, each activation and its
// derivative, softmax, each loss and its gradient, the batch's mean or sum, the backward pass,
// clipping, weight decay and the three optimizers. No pointers, no SIMD, no buffers reused.
//
// The real work is done by Kernel.swift (fast and recorded paths alike), whose loops are blocked
// and vectorized and therefore hard to read. This file is the oracle they are tested against
// (Tests/BackpropEngineTests/KernelReferenceTests.swift): every sum here is taken in the order
// the kernels promise (Workspace's header) — inputs i = 0, 1, … then the bias; outputs
// j = 0, 1, …; samples s = 0, 1, … — so the two agree bit for bit, not merely closely.
// Nothing else in the engine calls this code.
//
// Shapes: w[l][j][i] is the weight from neuron i of layer l to neuron j of layer l+1;
// b[l][j] the bias of neuron j of layer l+1. Layer 0 is the input.
enum Reference {
    /// A network as nested arrays.
    struct Net: Equatable {
        var sizes: [Int]
        var activations: [Activation]
        var slope: Double
        var biasMode: BiasMode
        var w: [[[Double]]]
        var b: [[Double]]
        /// skip connections: a[to] = f(z[to]) + a[from]
        var residual: [ResidualSkip]

        init(_ net: Network) {
            residual = net.residual
            sizes = net.layerSizes
            activations = net.activations
            slope = net.leakySlope
            biasMode = net.biasMode
            w = net.nestedWeights
            b = net.biases
        }
    }

    /// Anything shaped like the parameters: a gradient, or the optimizer's memory.
    struct Grads: Equatable {
        var w: [[[Double]]]
        var b: [[Double]]

        init(zeroLike net: Net) {
            w = net.w.map { $0.map { [Double](repeating: 0, count: $0.count) } }
            b = net.b.map { [Double](repeating: 0, count: $0.count) }
        }
    }

    // MARK: - activations

    static func activate(_ f: Activation, _ z: Double, slope: Double) -> Double {
        switch f {
        case .identity: return z
        case .sigmoid: return 1 / (1 + bp_exp(-z))
        case .tanh: return bp_tanh(z)
        case .relu: return z > 0 ? z : 0
        case .leakyRelu: return z > 0 ? z : slope * z
        case .softmax: fatalError("softmax takes the whole layer")
        }
    }

    /// f′ written with a = f(z), as the course writes it: σ′ = a(1 − a), tanh′ = 1 − a².
    static func derivative(_ f: Activation, z: Double, a: Double, slope: Double) -> Double {
        switch f {
        case .identity: return 1
        case .sigmoid: return a * (1 - a)
        case .tanh: return 1 - a * a
        case .relu: return z > 0 ? 1 : 0
        case .leakyRelu: return z > 0 ? 1 : slope
        case .softmax: fatalError("softmax has no elementwise derivative")
        }
    }

    /// e^(z − max z) / Σ e^(z − max z); also log Σ e^z, which cross-entropy uses instead of log ŷ.
    static func softmax(_ z: [Double]) -> (a: [Double], logSumExp: Double) {
        var shift = z[0]
        for v in z where v > shift { shift = v }
        var e: [Double] = []
        var sum = 0.0
        for v in z {
            e.append(bp_exp(v - shift))
            sum += e[e.count - 1]
        }
        return (e.map { $0 / sum }, shift + bp_log(sum))
    }

    // MARK: - forward

    /// One sample's pass: z[l] and a[l] for every layer (z[0] is empty, a[0] is the input).
    struct Pass {
        var z: [[Double]]
        var a: [[Double]]
        /// f(z) of each layer, before a skip adds to it (= a where no skip leads in)
        var f: [[Double]]
        var logSumExp = 0.0
    }

    static func forward(_ net: Net, _ x: [Double]) -> Pass {
        var pass = Pass(z: [[]], a: [x], f: [x])
        for l in 0..<(net.sizes.count - 1) {
            var z: [Double] = []
            for j in 0..<net.sizes[l + 1] {
                var sum = 0.0
                for i in 0..<net.sizes[l] { sum += net.w[l][j][i] * pass.a[l][i] }
                if net.biasMode != .none { sum += net.b[l][j] }
                z.append(sum)
            }
            let f = net.activations[l]
            if f == .softmax {
                let (a, lse) = softmax(z)
                pass.a.append(a)
                pass.logSumExp = lse
            } else {
                pass.a.append(z.map { activate(f, $0, slope: net.slope) })
            }
            pass.f.append(pass.a[l + 1])
            // a residual layer: a = f(z) + the activations of the layer the skip comes from
            if let skip = net.residual.first(where: { $0.to == l + 1 }) {
                pass.a[l + 1] = z.indices.map { pass.f[l + 1][$0] + pass.a[skip.from][$0] }
            }
            pass.z.append(z)
        }
        return pass
    }

    // MARK: - loss

    /// One sample's loss: the sum over outputs k of each output's share.
    static func sampleLoss(_ loss: Loss, _ pass: Pass, target y: [Double]) -> Double {
        let p = pass.a[pass.a.count - 1], z = pass.z[pass.z.count - 1]
        let k = Double(y.count)
        var total = 0.0
        for o in y.indices {
            switch loss {
            case .mse: total += (y[o] - p[o]) * (y[o] - p[o]) / k
            case .halfSSE: total += 0.5 * ((y[o] - p[o]) * (y[o] - p[o]))
            // −[y log σ(z) + (1 − y) log(1 − σ(z))], in a form that never takes log 0
            case .bce: total += ((z[o] > 0 ? z[o] : 0) - z[o] * y[o] + bp_log1p(bp_exp(-abs(z[o])))) / k
            // −y log ŷ, with log ŷ = z − log Σ e^z
            case .crossEntropy: total += y[o] == 0 ? 0 : y[o] * (pass.logSumExp - z[o])
            }
        }
        return total
    }

    /// ∂L/∂ŷ of each output.
    static func lossGradient(_ loss: Loss, _ p: [Double], target y: [Double]) -> [Double] {
        let k = Double(y.count)
        return y.indices.map { o in
            switch loss {
            case .mse: return 2 * (p[o] - y[o]) / k
            case .halfSSE: return p[o] - y[o]
            case .bce: return (p[o] - y[o]) / (p[o] * (1 - p[o]) * k)
            case .crossEntropy: return y[o] == 0 ? 0 : -y[o] / p[o]
            }
        }
    }

    // MARK: - backward

    /// δ[l] = ∂L/∂z of every layer for one sample (δ[0] is empty).
    static func backward(_ net: Net, _ loss: Loss, _ pass: Pass, target y: [Double]) -> [[Double]] {
        let top = net.sizes.count - 1
        let p = pass.a[top], z = pass.z[top], f = net.activations[top - 1]
        var delta = [[Double]](repeating: [], count: top + 1)
        switch loss {
        // σ with bce and softmax with cross-entropy: ∂L/∂z = ŷ − y in one piece (÷K for bce's mean)
        case .bce: delta[top] = y.indices.map { (p[$0] - y[$0]) / Double(y.count) }
        case .crossEntropy: delta[top] = y.indices.map { p[$0] - y[$0] }
        case .mse, .halfSSE:
            let g = lossGradient(loss, p, target: y)
            delta[top] = y.indices.map { g[$0] * derivative(f, z: z[$0], a: p[$0], slope: net.slope) }
        }
        // δ_i of a layer below: ∂L/∂a_i · f′(z_i), where ∂L/∂a_i = Σ_j w_ji δ_j (through the layer above)
        // + ∂L/∂a of the layer a skip from this one leads into (along the skip, unchanged)
        var upstream = [[Double]](repeating: [], count: top + 1)
        for l in stride(from: top - 1, through: 1, by: -1) {
            upstream[l] = (0..<net.sizes[l]).map { i in
                var sum = 0.0
                for j in 0..<net.sizes[l + 1] { sum += net.w[l][j][i] * delta[l + 1][j] }
                if let skip = net.residual.first(where: { $0.from == l }) { sum += upstream[skip.to][i] }
                return sum
            }
            delta[l] = (0..<net.sizes[l]).map { i in
                upstream[l][i] * derivative(net.activations[l - 1], z: pass.z[l][i], a: pass.f[l][i], slope: net.slope)
            }
        }
        return delta
    }

    // MARK: - one batch

    /// Everything one update computes, kept for the tests to compare.
    struct Step {
        var passes: [Pass] = []
        var deltas: [[[Double]]] = []
        var sampleLosses: [Double] = []
        var batchLoss = 0.0
        /// Σ over the samples of ∂L_s/∂w = δ_j·a_i and ∂L_s/∂b = δ_j
        var gradientSum: Grads
        /// the gradient of the batch loss: the sum, ÷B for the mean
        var gradient: Grads
        /// after clipping and weight decay
        var applied: Grads
        var gradientNorm: Double?
    }

    /// The optimizer's memory: velocity or Adam's m (first), Adam's v (second), t and βᵗ.
    struct Memory {
        var first: Grads, second: Grads
        var t = 0
        var beta1Power = 1.0, beta2Power = 1.0

        init(zeroLike net: Net) {
            first = Grads(zeroLike: net)
            second = Grads(zeroLike: net)
        }
    }

    /// The loss and gradient of a batch, without changing anything.
    static func batch(_ net: Net, _ loss: Loss, _ reduction: Reduction, inputs: [[Double]],
                      targets: [[Double]]) -> Step {
        var step = Step(gradientSum: Grads(zeroLike: net), gradient: Grads(zeroLike: net),
                        applied: Grads(zeroLike: net))
        let n = Double(inputs.count), mean = reduction == .mean
        for s in inputs.indices {
            let pass = forward(net, inputs[s])
            let delta = backward(net, loss, pass, target: targets[s])
            let l = sampleLoss(loss, pass, target: targets[s])
            step.passes.append(pass)
            step.deltas.append(delta)
            step.sampleLosses.append(l)
            step.batchLoss += l
            for layer in 0..<(net.sizes.count - 1) {
                for j in 0..<net.sizes[layer + 1] {
                    for i in 0..<net.sizes[layer] { step.gradientSum.w[layer][j][i] += delta[layer + 1][j] * pass.a[layer][i] }
                    step.gradientSum.b[layer][j] += delta[layer + 1][j]
                }
            }
        }
        if mean { step.batchLoss /= n }
        step.gradient = step.gradientSum
        if mean {
            step.gradient.w = step.gradient.w.map { $0.map { $0.map { $0 / n } } }
            step.gradient.b = step.gradient.b.map { $0.map { $0 / n } }
        }
        // frozen biases keep their gradient (the screen shows it) but are never updated
        if net.biasMode == .none {
            step.gradientSum.b = Grads(zeroLike: net).b
            step.gradient.b = step.gradientSum.b
        }
        step.applied = step.gradient
        return step
    }

    /// One update on a batch: the gradient, clipping, weight decay, then the optimizer.
    @discardableResult
    static func update(_ net: inout Net, _ memory: inout Memory, _ config: TrainingConfig,
                       inputs: [[Double]], targets: [[Double]]) -> Step {
        var step = batch(net, config.loss, config.reduction, inputs: inputs, targets: targets)
        let trainableBiases = net.biasMode == .trainable
        var g = step.gradient
        if let limit = config.clipNorm {
            // the global L2 norm: all weights layer by layer, then the trainable biases
            var sum = 0.0
            for layer in g.w { for row in layer { for v in row { sum += v * v } } }
            if trainableBiases { for layer in g.b { for v in layer { sum += v * v } } }
            let norm = sum.squareRoot()
            step.gradientNorm = norm
            if norm > limit {
                let s = limit / norm
                g.w = g.w.map { $0.map { $0.map { $0 * s } } }
                if trainableBiases { g.b = g.b.map { $0.map { $0 * s } } }
            }
        }
        // L2 weight decay: + λ·w on the weights only
        if config.weightDecay != 0 {
            for l in g.w.indices {
                for j in g.w[l].indices {
                    for i in g.w[l][j].indices { g.w[l][j][i] += config.weightDecay * net.w[l][j][i] }
                }
            }
        }
        step.applied = g

        memory.t += 1
        if case .adam(let b1, let b2, _) = config.optimizer {
            memory.beta1Power *= b1
            memory.beta2Power *= b2
        }
        let eta = config.learningRate
        let c1 = 1 - memory.beta1Power, c2 = 1 - memory.beta2Power
        func rule(_ w: inout Double, _ g: Double, _ m: inout Double, _ v: inout Double) {
            switch config.optimizer {
            case .sgd:
                w = w - eta * g
            case .momentum(let mu):
                m = mu * m + g
                w = w - eta * m
            case .adam(let b1, let b2, let eps):
                m = b1 * m + (1 - b1) * g
                v = b2 * v + (1 - b2) * (g * g)
                let mHat = m / c1, vHat = v / c2
                w = w - eta * mHat / (vHat.squareRoot() + eps)
            }
        }
        for l in net.w.indices {
            for j in net.w[l].indices {
                for i in net.w[l][j].indices {
                    rule(&net.w[l][j][i], g.w[l][j][i], &memory.first.w[l][j][i], &memory.second.w[l][j][i])
                }
                if trainableBiases { rule(&net.b[l][j], g.b[l][j], &memory.first.b[l][j], &memory.second.b[l][j]) }
            }
        }
        return step
    }
}
