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
        /// batch normalization's γ[l][j], β[l][j] (empty where weight layer l is not normalized),
        /// and the running mean and variance evaluation uses
        var gamma: [[Double]], beta: [[Double]]
        var runningMean: [[Double]], runningVariance: [[Double]]

        init(_ net: Network) {
            residual = net.residual
            gamma = net.parameters.scales
            beta = net.parameters.shifts
            runningMean = net.runningMean.isEmpty ? net.parameters.scales.map { _ in [] } : net.runningMean
            runningVariance = net.runningVariance.isEmpty ? net.parameters.scales.map { _ in [] } : net.runningVariance
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
        var gamma: [[Double]], beta: [[Double]]

        init(zeroLike net: Net) {
            w = net.w.map { $0.map { [Double](repeating: 0, count: $0.count) } }
            b = net.b.map { [Double](repeating: 0, count: $0.count) }
            gamma = net.gamma.map { [Double](repeating: 0, count: $0.count) }
            beta = gamma
        }
    }

    /// Whether weight layer l (into neuron layer l + 1) is batch-normalized.
    static func normalized(_ net: Net, _ l: Int) -> Bool { !net.gamma[l].isEmpty }

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

    /// One sample's pass: z[l] and a[l] for every layer (z[0] is empty, a[0] is the input);
    /// u[l] what f receives (z, or γ·ẑ + β where normalized) and ẑ[l] (empty where not normalized).
    struct Pass {
        var z: [[Double]]
        var a: [[Double]]
        /// f(u) of each layer, before a skip adds to it (= a where no skip leads in)
        var f: [[Double]]
        var u: [[Double]] = [[]]
        var zHat: [[Double]] = [[]]
        var logSumExp = 0.0
    }

    /// A normalized layer's statistics over the batch, per neuron.
    struct Statistics {
        var mean: [Double], variance: [Double]
    }

    /// The batch's passes, layer by layer (batch normalization needs every sample's z of a layer
    /// before any sample's activation there). `training`: normalize with the batch's mean and
    /// variance (returned per weight layer, empty where not normalized), else the running ones.
    static func forward(_ net: Net, batch inputs: [[Double]], training: Bool = true) -> ([Pass], [Statistics]) {
        var passes = inputs.map { Pass(z: [[]], a: [$0], f: [$0]) }
        var stats: [Statistics] = []
        let count = Double(inputs.count)
        for l in 0..<(net.sizes.count - 1) {
            let n = net.sizes[l + 1]
            for s in passes.indices {
                var z: [Double] = []
                for j in 0..<n {
                    var sum = 0.0
                    for i in 0..<net.sizes[l] { sum += net.w[l][j][i] * passes[s].a[l][i] }
                    // a normalized layer has no bias: β takes its place
                    if net.biasMode != .none && !normalized(net, l) { sum += net.b[l][j] }
                    z.append(sum)
                }
                passes[s].z.append(z)
            }
            var stat = Statistics(mean: [], variance: [])
            if normalized(net, l) {
                // μ = Σ z / B, σ² = Σ (z − μ)² / B, ẑ = (z − μ)/√(σ² + ε), u = γ·ẑ + β
                for j in 0..<n {
                    var mu = net.runningMean[l][j], variance = net.runningVariance[l][j]
                    if training {
                        var sum = 0.0
                        for p in passes { sum += p.z[l + 1][j] }
                        mu = sum / count
                        var squares = 0.0
                        for p in passes { let d = p.z[l + 1][j] - mu; squares += d * d }
                        variance = squares / count
                    }
                    stat.mean.append(mu)
                    stat.variance.append(variance)
                }
                for s in passes.indices {
                    let zHat = (0..<n).map { j in (passes[s].z[l + 1][j] - stat.mean[j]) * (1 / (stat.variance[j] + BatchNorm.epsilon).squareRoot()) }
                    passes[s].zHat.append(zHat)
                    passes[s].u.append((0..<n).map { j in net.gamma[l][j] * zHat[j] + net.beta[l][j] })
                }
            } else {
                for s in passes.indices {
                    passes[s].zHat.append([])
                    passes[s].u.append(passes[s].z[l + 1])
                }
            }
            stats.append(stat)
            let f = net.activations[l]
            for s in passes.indices {
                let u = passes[s].u[l + 1]
                if f == .softmax {
                    let (a, lse) = softmax(u)
                    passes[s].a.append(a)
                    passes[s].logSumExp = lse
                } else {
                    passes[s].a.append(u.map { activate(f, $0, slope: net.slope) })
                }
                passes[s].f.append(passes[s].a[l + 1])
                // a residual layer: a = f(u) + the activations of the layer the skip comes from
                if let skip = net.residual.first(where: { $0.to == l + 1 }) {
                    passes[s].a[l + 1] = u.indices.map { passes[s].f[l + 1][$0] + passes[s].a[skip.from][$0] }
                }
            }
        }
        return (passes, stats)
    }

    /// One sample's pass as the network evaluates it (normalized layers: the running statistics).
    static func forward(_ net: Net, _ x: [Double]) -> Pass {
        forward(net, batch: [x], training: false).0[0]
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

    /// The backward pass of a batch: δ[l] = ∂L/∂z of every layer for each sample (δ[0] is empty),
    /// and the Σ over the batch of ∂L/∂γ and ∂L/∂β of each normalized layer (per weight layer).
    static func backward(_ net: Net, _ loss: Loss, _ passes: [Pass], targets: [[Double]])
        -> (deltas: [[[Double]]], gamma: [[Double]], beta: [[Double]]) {
        let top = net.sizes.count - 1
        let f = net.activations[top - 1]
        let b = passes.count
        var deltas = [[[Double]]](repeating: [[Double]](repeating: [], count: top + 1), count: b)
        var gamma = net.gamma.map { [Double](repeating: 0, count: $0.count) }, beta = gamma
        for s in 0..<b {
            let p = passes[s].a[top], z = passes[s].z[top], y = targets[s]
            switch loss {
            // σ with bce and softmax with cross-entropy: ∂L/∂z = ŷ − y in one piece (÷K for bce's mean)
            case .bce: deltas[s][top] = y.indices.map { (p[$0] - y[$0]) / Double(y.count) }
            case .crossEntropy: deltas[s][top] = y.indices.map { p[$0] - y[$0] }
            case .mse, .halfSSE:
                let g = lossGradient(loss, p, target: y)
                deltas[s][top] = y.indices.map { g[$0] * derivative(f, z: z[$0], a: p[$0], slope: net.slope) }
            }
        }
        // ∂L/∂a_i of a layer below = Σ_j w_ji δ_j (through the layer above) + ∂L/∂a of the layer a
        // skip from this one leads into (along the skip, unchanged); ∂L/∂u_i = ∂L/∂a_i · f′(u_i),
        // which is δ_i unless the layer is normalized
        var upstream = [[[Double]]](repeating: [[Double]](repeating: [], count: top + 1), count: b)
        for l in stride(from: top - 1, through: 1, by: -1) {
            var du: [[Double]] = []
            for s in 0..<b {
                upstream[s][l] = (0..<net.sizes[l]).map { i in
                    var sum = 0.0
                    for j in 0..<net.sizes[l + 1] { sum += net.w[l][j][i] * deltas[s][l + 1][j] }
                    if let skip = net.residual.first(where: { $0.from == l }) { sum += upstream[s][skip.to][i] }
                    return sum
                }
                du.append((0..<net.sizes[l]).map { i in
                    upstream[s][l][i] * derivative(net.activations[l - 1], z: passes[s].u[l][i], a: passes[s].f[l][i],
                                                   slope: net.slope)
                })
            }
            guard normalized(net, l - 1) else {
                for s in 0..<b { deltas[s][l] = du[s] }
                continue
            }
            // batch normalization (BatchNorm.swift): ∂L/∂γ = Σ_s g·ẑ, ∂L/∂β = Σ_s g, ∂L/∂ẑ = g·γ, and
            // δ = (1/(B·√(σ² + ε)))·(B·∂L/∂ẑ − Σ_s ∂L/∂ẑ − ẑ·Σ_s ∂L/∂ẑ·ẑ)
            let count = Double(b)
            for s in 0..<b { deltas[s][l] = [Double](repeating: 0, count: net.sizes[l]) }
            for i in 0..<net.sizes[l] {
                let g = net.gamma[l - 1][i]
                var sum = 0.0, products = 0.0
                for s in 0..<b {
                    gamma[l - 1][i] += du[s][i] * passes[s].zHat[l][i]
                    beta[l - 1][i] += du[s][i]
                    sum += du[s][i] * g
                    products += du[s][i] * g * passes[s].zHat[l][i]
                }
                let mu = passes.map { $0.z[l][i] }.reduce(0, +) / count
                var squares = 0.0
                for p in passes { let d = p.z[l][i] - mu; squares += d * d }
                let inverse = 1 / (squares / count + BatchNorm.epsilon).squareRoot()
                for s in 0..<b {
                    deltas[s][l][i] = inverse / count * ((count * (du[s][i] * g) - sum) - passes[s].zHat[l][i] * products)
                }
            }
        }
        return (deltas, gamma, beta)
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
        /// each normalized layer's batch mean and variance (per weight layer; empty elsewhere)
        var statistics: [Statistics] = []
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
        let (passes, statistics) = forward(net, batch: inputs)
        let (deltas, gamma, beta) = backward(net, loss, passes, targets: targets)
        step.statistics = statistics
        for s in inputs.indices {
            let pass = passes[s], delta = deltas[s]
            let l = sampleLoss(loss, pass, target: targets[s])
            step.passes.append(pass)
            step.deltas.append(delta)
            step.sampleLosses.append(l)
            step.batchLoss += l
            for layer in 0..<(net.sizes.count - 1) {
                for j in 0..<net.sizes[layer + 1] {
                    for i in 0..<net.sizes[layer] { step.gradientSum.w[layer][j][i] += delta[layer + 1][j] * pass.a[layer][i] }
                    // a normalized layer has no bias
                    if !normalized(net, layer) { step.gradientSum.b[layer][j] += delta[layer + 1][j] }
                }
            }
        }
        step.gradientSum.gamma = gamma
        step.gradientSum.beta = beta
        if mean { step.batchLoss /= n }
        step.gradient = step.gradientSum
        if mean {
            step.gradient.w = step.gradient.w.map { $0.map { $0.map { $0 / n } } }
            step.gradient.b = step.gradient.b.map { $0.map { $0 / n } }
            step.gradient.gamma = step.gradient.gamma.map { $0.map { $0 / n } }
            step.gradient.beta = step.gradient.beta.map { $0.map { $0 / n } }
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
            // the global L2 norm: all weights layer by layer, then the trainable biases (not those of
            // normalized layers: they have none), then γ and β layer by layer
            var sum = 0.0
            for layer in g.w { for row in layer { for v in row { sum += v * v } } }
            if trainableBiases { for (l, layer) in g.b.enumerated() where !normalized(net, l) { for v in layer { sum += v * v } } }
            for l in g.gamma.indices {
                for v in g.gamma[l] { sum += v * v }
                for v in g.beta[l] { sum += v * v }
            }
            let norm = sum.squareRoot()
            step.gradientNorm = norm
            if norm > limit {
                let s = limit / norm
                g.w = g.w.map { $0.map { $0.map { $0 * s } } }
                if trainableBiases { g.b = g.b.map { $0.map { $0 * s } } }
                g.gamma = g.gamma.map { $0.map { $0 * s } }
                g.beta = g.beta.map { $0.map { $0 * s } }
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
                if trainableBiases && !normalized(net, l) {
                    rule(&net.b[l][j], g.b[l][j], &memory.first.b[l][j], &memory.second.b[l][j])
                }
            }
            for j in net.gamma[l].indices {
                rule(&net.gamma[l][j], g.gamma[l][j], &memory.first.gamma[l][j], &memory.second.gamma[l][j])
                rule(&net.beta[l][j], g.beta[l][j], &memory.first.beta[l][j], &memory.second.beta[l][j])
                // the running statistics move toward the batch's: m·running + (1 − m)·batch
                let m = BatchNorm.momentum, stat = step.statistics[l]
                net.runningMean[l][j] = m * net.runningMean[l][j] + (1 - m) * stat.mean[j]
                net.runningVariance[l][j] = m * net.runningVariance[l][j] + (1 - m) * stat.variance[j]
            }
        }
        return step
    }
}
