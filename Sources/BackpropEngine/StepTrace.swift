import CMath

/// One recorded update: the state before and after, every intermediate array of the batch, and
/// the ordered list of events that explain it. Events are built on demand from the stored
/// arrays (a 64-32-10 step has tens of thousands), so recording costs little more than the fast
/// path and moving to any event, forward or back, is immediate.
public struct StepTrace: Sendable, RandomAccessCollection {
    /// Trainer before and after this update (snapshots to return to).
    public let before: Trainer
    public let after: Trainer
    /// Data indices of the batch's samples, in order.
    public let sampleIndices: [Int]
    public let inputs: [[Double]]
    public let targets: [[Double]]
    public let batchLoss: Double
    /// Global gradient norm (only when clipping is on) and the factor applied (when it clipped).
    public let gradientNorm: Double?
    public let clipScale: Double?
    /// Σ over the batch of per-sample gradients, and the gradient of the batch loss.
    public let gradientSum: Parameters
    public let gradient: Parameters
    /// The gradient as applied: after clipping and weight decay.
    public let appliedGradient: Parameters

    /// a, z, δ, ∂L/∂ŷ, the sample losses and log Σ e^z, in one block laid out by `table`.
    private let values: [Double]
    /// The events' order and index, and the block's layout: shared by every step of the same shape.
    let table: EventTable
    /// The workspace the step ran in, for the next recorded step to reuse.
    let workspaceSlot: WorkspaceSlot

    var a: RecordedLayers { RecordedLayers(values: values, offsets: table.aOffset) }
    var z: RecordedLayers { RecordedLayers(values: values, offsets: table.zOffset) }
    var delta: RecordedLayers { RecordedLayers(values: values, offsets: table.deltaOffset) }
    /// f(z) before a skip adds to it, and ∂L/∂a (Workspace.activated, .upstream)
    var activated: RecordedLayers { RecordedLayers(values: values, offsets: table.activatedOffset) }
    var upstream: RecordedLayers { RecordedLayers(values: values, offsets: table.upstreamOffset) }
    /// batch normalization's u = γ·ẑ + β (z elsewhere), ẑ, ∂L/∂u (δ elsewhere), and per neuron
    /// the batch mean, variance and 1/√(σ² + ε)
    var u: RecordedLayers { RecordedLayers(values: values, offsets: table.uOffset) }
    var normalized: RecordedLayers { RecordedLayers(values: values, offsets: table.normalizedOffset) }
    var du: RecordedLayers { RecordedLayers(values: values, offsets: table.duOffset) }
    var batchMean: RecordedLayers { RecordedLayers(values: values, offsets: table.meanOffset) }
    var batchVariance: RecordedLayers { RecordedLayers(values: values, offsets: table.varianceOffset) }
    var inverseDeviation: RecordedLayers { RecordedLayers(values: values, offsets: table.inverseOffset) }
    var outputGradient: RecordedValues { RecordedValues(values: values, offset: table.outputGradientOffset) }
    var sampleLoss: RecordedValues { RecordedValues(values: values, offset: table.sampleLossOffset) }
    var logSumExp: RecordedValues { RecordedValues(values: values, offset: table.logSumExpOffset) }
    var refs: [EventRef] { table.refs }
    var index: EventIndex { table.index }

    var network: Network { before.network }
    var config: TrainingConfig { before.config }
    /// B
    public var batchCount: Int { sampleIndices.count }
    /// 1-based epoch this update belongs to, and its 1-based position in that epoch.
    public var epochNumber: Int { before.epoch + 1 }
    public var batchNumber: Int { before.batchInEpoch + 1 }

    init(before: Trainer, after: Trainer, sampleIndices: [Int], workspace ws: Workspace, table: EventTable,
         info: Trainer.StepInfo) {
        self.before = before
        self.after = after
        self.sampleIndices = sampleIndices
        let data = before.data
        inputs = sampleIndices.map { data.inputs[$0] }
        targets = sampleIndices.map { data.targets[$0] }
        batchLoss = info.batchLoss
        gradientNorm = info.gradientNorm
        clipScale = info.clipScale
        // a stage that changed nothing (the sum reduction; no clipping or decay) shares the arrays of the one before
        // (compared in the workspace's buffers, so that a shared stage is never copied out at all)
        let sum = ws.gradientSums
        let reduced = ws.sameBits(ws.gradientW, ws.gradientB, ws.gradientScale, ws.gradientShift,
                                  as: ws.gradientSumW, ws.gradientSumB, ws.gradientSumScale, ws.gradientSumShift)
            ? sum : ws.gradients
        gradientSum = sum
        gradient = reduced
        appliedGradient = ws.sameBits(ws.appliedW, ws.appliedB, ws.appliedScale, ws.appliedShift,
                                      as: ws.gradientW, ws.gradientB, ws.gradientScale, ws.gradientShift)
            ? reduced : ws.appliedGradients
        values = table.values(of: ws)
        self.table = table
        workspaceSlot = WorkspaceSlot(ws)
    }

    // MARK: values by position (for the screen's diagram)

    /// Activation of neuron `index` of layer `layer` for sample `s` of the batch.
    public func activation(sample s: Int, layer: Int, neuron: Int) -> Double { a[layer][neuron * batchCount + s] }
    /// Weighted sum z (layer ≥ 1).
    public func weightedSum(sample s: Int, layer: Int, neuron: Int) -> Double { z[layer][neuron * batchCount + s] }
    /// δ = ∂L_s/∂z (layer ≥ 1), before the batch reduction.
    public func delta(sample s: Int, layer: Int, neuron: Int) -> Double { delta[layer][neuron * batchCount + s] }
    /// Sample loss.
    public func loss(sample s: Int) -> Double { sampleLoss[s] }
    /// f′(z) of a neuron (layer ≥ 1) for sample s, from the recorded z and f(z) (before a skip
    /// adds to it); nil for softmax, which has no elementwise derivative.
    public func activationSlope(sample s: Int, layer l: Int, neuron j: Int) -> Double? {
        let f = network.activations[l - 1]
        guard f != .softmax else { return nil }
        let idx = j * batchCount + s
        // f receives u: z, or γ·ẑ + β in a batch-normalized layer
        return f.derivative(z: u[l][idx], a: activated[l][idx], slope: network.leakySlope)
    }
    /// ∂L_s/∂ŷ of output o, as the loss step recorded it.
    public func lossGradient(sample s: Int, output o: Int) -> Double { outputGradient[o * batchCount + s] }
    /// The share of output o in sample s's loss (the loss is their sum), with the recorded log Σ e^z.
    public func lossShare(sample s: Int, output o: Int) -> Double {
        let top = network.weightLayerCount, idx = o * batchCount + s
        return config.loss.share(prediction: a[top][idx], target: targets[s][o], z: z[top][idx],
                                 outputs: network.layerSizes[top], logSumExp: logSumExp[s])
    }

    // MARK: the events

    public var startIndex: Int { 0 }
    public var endIndex: Int { refs.count }
    public subscript(position: Int) -> StepEvent { event(refs[position]) }

    /// Where the events of each phase start, for "jump to the next phase".
    public func firstIndex(of phase: StepEvent.Phase, after position: Int) -> Int? {
        var p = position + 1
        while p < refs.count {
            if refs[p].phase == phase { return p }
            p += 1
        }
        return nil
    }

    /// Cheap facts about event `position` without building it.
    public func phase(at position: Int) -> StepEvent.Phase { refs[position].phase }
    public func sample(at position: Int) -> Int? { refs[position].sample }
    /// The neuron layer the event works on (for "one layer" steps): the layer of its neuron,
    /// or the upper end of its weight layer.
    public func layer(at position: Int) -> Int? { refs[position].layer }
    public func neuronKey(at position: Int) -> Int { refs[position].groupKey }

    /// Position of the event where the batch loss is known: the batch-loss event, or for a batch of
    /// one the sample's loss.
    public var batchLossEventIndex: Int { table.batchLossEventIndex }

    /// Position of the event that computes this neuron's activation for sample s (input neurons: nil).
    public func eventIndex(activationOf n: NeuronRef, sample s: Int) -> Int? { index.activation(sample: s, n) }
    /// Position of the event that computes this neuron's δ for sample s (input neurons: nil).
    public func eventIndex(deltaOf n: NeuronRef, sample s: Int) -> Int? { index.delta(sample: s, n) }
    /// Position of the per-sample gradient event of a parameter (nil when it has none: frozen biases).
    public func eventIndex(gradientOf p: ParameterRef, sample s: Int) -> Int? { index.gradient(sample: s, p) }
    /// Position of the batch-gradient event of a parameter (only for batches of two or more).
    public func eventIndex(gradientSumOf p: ParameterRef) -> Int? { index.gradientSum(p) }
    /// Position of the update event of a parameter (nil when it is not trained).
    public func eventIndex(updateOf p: ParameterRef) -> Int? { index.update(p) }
    /// The position where the batch gradient of p is known: its sum event, else its last sample's gradient.
    public func eventIndex(gradientKnownOf p: ParameterRef) -> Int? {
        index.gradientSum(p) ?? index.gradient(sample: batchCount - 1, p)
    }

    private func event(_ ref: EventRef) -> StepEvent {
        let net = network
        let b = batchCount
        let top = net.weightLayerCount
        switch ref {
        case .weightedSum(let s, let l, let j):
            let nIn = net.layerSizes[l - 1]
            var terms: [StepEvent.Product] = []
            terms.reserveCapacity(nIn)
            for i in 0..<nIn {
                let w = net.weight(layer: l - 1, to: j, from: i), x = a[l - 1][i * b + s]
                terms.append(.init(left: w, right: x, value: w * x))
            }
            // a normalized layer has no bias (β takes its place)
            let bias: Double? = net.biasMode == .none || net.isNormalized(weightLayer: l - 1) ? nil : net.biases[l - 1][j]
            let params = (0..<nIn).map { ParameterRef.weight(layer: l - 1, to: j, from: $0) }
                + (bias == nil ? [] : [.bias(layer: l - 1, neuron: j)])
            return StepEvent(phase: .forward, sample: s,
                             kind: .weightedSum(neuron: NeuronRef(layer: l, index: j), terms: terms, bias: bias,
                                                sum: z[l][j * b + s]),
                             neurons: [NeuronRef(layer: l, index: j)] + (0..<nIn).map { NeuronRef(layer: l - 1, index: $0) },
                             parameters: params)
        case .activation(let s, let l, let j):
            let f = net.activations[l - 1]
            var detail: StepEvent.SoftmaxDetail? = nil
            if f == .softmax {
                let zs = (0..<net.layerSizes[l]).map { z[l][$0 * b + s] }
                let shift = zs.max()!
                var sum = 0.0
                for v in zs { sum += bp_exp(v - shift) }
                detail = .init(shift: shift, exponential: bp_exp(zs[j] - shift), denominator: sum)
            }
            let n = NeuronRef(layer: l, index: j)
            return StepEvent(phase: .forward, sample: s,
                             kind: .activation(neuron: n, function: f, z: u[l][j * b + s], value: activated[l][j * b + s],
                                               softmax: detail),
                             neurons: [n], parameters: [])
        case .residualSum(let s, let l, let j):
            let from = net.skip(into: l)!.from, idx = j * b + s
            let n = NeuronRef(layer: l, index: j), source = NeuronRef(layer: from, index: j)
            return StepEvent(phase: .forward, sample: s,
                             kind: .residualSum(neuron: n, function: net.activations[l - 1], from: source, activated: activated[l][idx], skip: a[from][idx],
                                                value: a[l][idx]),
                             neurons: [n, source], parameters: [])
        case .batchStatistics(let l, let j):
            let n = NeuronRef(layer: l, index: j)
            return StepEvent(phase: .forward, sample: nil,
                             kind: .batchStatistics(neuron: n, sums: (0..<b).map { z[l][j * b + $0] },
                                                    mean: batchMean[l][j], variance: batchVariance[l][j]),
                             neurons: [n], parameters: [])
        case .normalization(let s, let l, let j):
            let n = NeuronRef(layer: l, index: j), idx = j * b + s
            let gamma = net.parameters.scales[l - 1][j], beta = net.parameters.shifts[l - 1][j]
            return StepEvent(phase: .forward, sample: s,
                             kind: .normalization(neuron: n, z: z[l][idx], mean: batchMean[l][j],
                                                  variance: batchVariance[l][j], inverse: inverseDeviation[l][j],
                                                  normalized: normalized[l][idx], scale: gamma, shift: beta,
                                                  value: u[l][idx]),
                             neurons: [n], parameters: [.scale(layer: l - 1, neuron: j), .shift(layer: l - 1, neuron: j)])
        case .normalizationGradient(let l, let j):
            let n = NeuronRef(layer: l, index: j)
            let g = (0..<b).map { du[l][j * b + $0] }, zh = (0..<b).map { normalized[l][j * b + $0] }
            let scale = ParameterRef.scale(layer: l - 1, neuron: j), shift = ParameterRef.shift(layer: l - 1, neuron: j)
            return StepEvent(phase: .backward, sample: nil,
                             kind: .normalizationGradient(neuron: n, upstream: g, normalized: zh,
                                                          scaleSum: gradientSum[scale], shiftSum: gradientSum[shift],
                                                          divisor: config.reduction == .mean ? Double(b) : nil,
                                                          scaleGradient: gradient[scale], shiftGradient: gradient[shift]),
                             neurons: pathToLoss(from: n), parameters: [scale, shift])
        case .normalizationDelta(let s, let l, let j):
            let n = NeuronRef(layer: l, index: j), idx = j * b + s
            let gamma = net.parameters.scales[l - 1][j]
            // Σ_t ∂E/∂ẑ_t and Σ_t ∂E/∂ẑ_t·ẑ_t, in the kernel's order (BatchNorm.backward)
            var sum = 0.0, products = 0.0
            for t in 0..<b {
                let dzh = du[l][j * b + t] * gamma
                sum += dzh
                products += dzh * normalized[l][j * b + t]
            }
            return StepEvent(phase: .backward, sample: s,
                             kind: .normalizationDelta(neuron: n, upstream: du[l][idx], scale: gamma,
                                                       normalized: normalized[l][idx], sum: sum, products: products,
                                                       inverse: inverseDeviation[l][j], batch: b, delta: delta[l][idx]),
                             neurons: [n], parameters: [.scale(layer: l - 1, neuron: j)])
        case .lossShare(let s, let o):
            let idx = o * b + s
            let n = NeuronRef(layer: top, index: o)
            return StepEvent(phase: .loss, sample: s,
                             kind: .lossShare(output: n, loss: config.loss, prediction: a[top][idx],
                                              target: targets[s][o], value: lossShare(sample: s, output: o)),
                             neurons: [n], parameters: [])
        case .sampleLoss(let s):
            let k = net.layerSizes[top]
            let shares = (0..<k).map { lossShare(sample: s, output: $0) }
            return StepEvent(phase: .loss, sample: s,
                             kind: .sampleLoss(loss: config.loss, shares: shares, value: sampleLoss[s]),
                             neurons: (0..<k).map { NeuronRef(layer: top, index: $0) }, parameters: [])
        case .batchLoss:
            return StepEvent(phase: .loss, sample: nil,
                             kind: .batchLoss(reduction: config.reduction, sampleLosses: (0..<b).map { sampleLoss[$0] }, value: batchLoss),
                             neurons: (0..<net.layerSizes[top]).map { NeuronRef(layer: top, index: $0) },
                             parameters: [])
        case .outputDelta(let s, let o):
            let idx = o * b + s
            let p = a[top][idx]
            let derivative = activationSlope(sample: s, layer: top, neuron: o)
            let n = NeuronRef(layer: top, index: o)
            return StepEvent(phase: .backward, sample: s,
                             kind: .outputDelta(neuron: n, loss: config.loss, prediction: p, target: targets[s][o],
                                                lossGradient: outputGradient[idx], activationDerivative: derivative,
                                                delta: delta[top][idx], fused: config.loss.fusesWithOutputActivation),
                             neurons: [n], parameters: [])
        case .hiddenDelta(let s, let l, let i):
            let nOut = net.layerSizes[l + 1]
            var terms: [StepEvent.Product] = []
            var sum = 0.0
            for j in 0..<nOut {
                let w = net.weight(layer: l, to: j, from: i), d = delta[l + 1][j * b + s]
                terms.append(.init(left: w, right: d, value: w * d))
                sum += w * d
            }
            let idx = i * b + s
            let f = net.activations[l - 1]
            let n = NeuronRef(layer: l, index: i)
            // in a normalized layer f receives u (z elsewhere), and this is ∂L/∂u, not yet δ
            let fz = activated[l][idx], input = u[l][idx], out = du[l][idx]
            let derivative = activationSlope(sample: s, layer: l, neuron: i) ?? 0
            let above = (0..<nOut).map { NeuronRef(layer: l + 1, index: $0) }
            let weights = (0..<nOut).map { ParameterRef.weight(layer: l, to: $0, from: i) }
            if let skip = net.skip(outOf: l) {
                // the second path: along the skip, the gradient of the neuron it leads into
                let to = NeuronRef(layer: skip.to, index: i), along = upstream[skip.to][idx]
                return StepEvent(phase: .backward, sample: s,
                                 kind: .residualDelta(neuron: n, function: f, terms: terms,
                                                      skip: .init(throughLayer: sum, to: to, alongSkip: along),
                                                      sum: sum + along, z: input, activation: fz,
                                                      derivative: derivative, delta: out),
                                 neurons: [n] + above + [to], parameters: weights)
            }
            return StepEvent(phase: .backward, sample: s,
                             kind: .hiddenDelta(neuron: n, function: f, terms: terms, sum: sum, z: input,
                                                activation: fz, derivative: derivative, delta: out),
                             neurons: [n] + above, parameters: weights)
        case .weightGradient(let s, let l, let j, let i):
            let d = delta[l + 1][j * b + s], x = a[l][i * b + s]
            let to = NeuronRef(layer: l + 1, index: j), from = NeuronRef(layer: l, index: i)
            var factors: [StepEvent.Factor]
            if l + 1 == top && !config.loss.fusesWithOutputActivation {
                // not fused, so the output activation is elementwise and has a slope
                factors = [.init(role: .lossGradient(to), value: lossGradient(sample: s, output: j)),
                           .init(role: .activationDerivative(to), value: activationSlope(sample: s, layer: top, neuron: j) ?? 0)]
            } else {
                factors = [.init(role: .delta(to), value: d)]
            }
            factors.append(.init(role: .input(from), value: x))
            let p = ParameterRef.weight(layer: l, to: j, from: i)
            return StepEvent(phase: .backward, sample: s,
                             kind: .weightGradient(parameter: p, factors: factors, value: d * x),
                             neurons: pathToLoss(from: to) + [from], parameters: [p])
        case .biasGradient(let s, let l, let j):
            let d = delta[l + 1][j * b + s]
            let p = ParameterRef.bias(layer: l, neuron: j)
            return StepEvent(phase: .backward, sample: s,
                             kind: .biasGradient(parameter: p, delta: d, value: d),
                             neurons: pathToLoss(from: NeuronRef(layer: l + 1, index: j)), parameters: [p])
        case .gradientSum(let p):
            var contributions: [Double] = []
            var sum = 0.0
            for s in 0..<b {
                let c: Double
                switch p {
                case .weight(let l, let j, let i): c = delta[l + 1][j * b + s] * a[l][i * b + s]
                case .bias(let l, let j): c = delta[l + 1][j * b + s]
                case .scale(let l, let j): c = du[l + 1][j * b + s] * normalized[l + 1][j * b + s]
                case .shift(let l, let j): c = du[l + 1][j * b + s]
                }
                contributions.append(c)
                sum += c
            }
            let stored = gradientSum[p]
            return StepEvent(phase: .backward, sample: nil,
                             kind: .gradientSum(parameter: p, contributions: contributions, sum: stored,
                                                divisor: config.reduction == .mean ? Double(b) : nil,
                                                value: gradient[p]),
                             neurons: neurons(of: p), parameters: [p])
        case .clipping:
            return StepEvent(phase: .update, sample: nil,
                             kind: .clipping(norm: gradientNorm ?? 0, limit: config.clipNorm ?? 0, scale: clipScale),
                             neurons: [], parameters: [])
        case .update(let p):
            let before = self.before, after = self.after
            let (f0, f1, s0, s1) = (before.optimizerState.first[p], after.optimizerState.first[p],
                                    before.optimizerState.second[p], after.optimizerState.second[p])
            var detail = UpdateDetail(old: before.network.value(of: p), gradient: appliedGradient[p],
                                      learningRate: config.learningRate, optimizer: config.optimizer,
                                      firstBefore: f0, firstAfter: f1, secondBefore: s0, secondAfter: s1,
                                      step: after.optimizerState.updateCount, firstCorrected: 0, secondCorrected: 0,
                                      change: 0, new: after.network.value(of: p))
            if case .adam = config.optimizer {
                detail.firstCorrected = f1 / (1 - after.optimizerState.beta1Power)
                detail.secondCorrected = s1 / (1 - after.optimizerState.beta2Power)
            }
            detail.change = detail.old - detail.new
            return StepEvent(phase: .update, sample: nil, kind: .update(parameter: p, detail: detail),
                             neurons: neurons(of: p), parameters: [p])
        }
    }

    private func neurons(of p: ParameterRef) -> [NeuronRef] {
        switch p {
        case .weight(let l, let j, let i): return [NeuronRef(layer: l + 1, index: j), NeuronRef(layer: l, index: i)]
        case .bias(let l, let j), .scale(let l, let j), .shift(let l, let j): return [NeuronRef(layer: l + 1, index: j)]
        }
    }

    /// The neuron, and every neuron between it and the loss: the path a chain-rule product runs along.
    private func pathToLoss(from n: NeuronRef) -> [NeuronRef] {
        var out = [n]
        for l in (n.layer + 1)..<(network.layerSizes.count) {
            out += (0..<network.layerSizes[l]).map { NeuronRef(layer: l, index: $0) }
        }
        return out
    }
}

/// One array of a recorded step: values[offset + k].
struct RecordedValues {
    let values: [Double]
    let offset: Int
    subscript(k: Int) -> Double { values[offset + k] }
}

/// The per-layer arrays of a recorded step: [l][k].
struct RecordedLayers {
    let values: [Double]
    let offsets: [Int]
    subscript(l: Int) -> RecordedValues { RecordedValues(values: values, offset: offsets[l]) }
}

/// The order of a step's events, as cheap references; `StepTrace` builds each event from them.
enum EventRef: Sendable {
    case weightedSum(sample: Int, layer: Int, neuron: Int)
    case activation(sample: Int, layer: Int, neuron: Int)
    /// a = f(z) + a_from of a neuron a skip leads into
    case residualSum(sample: Int, layer: Int, neuron: Int)
    /// batch normalization: the batch's mean and variance of a neuron's z, each sample's u = γ·ẑ + β,
    /// the batch gradients of γ and β, each sample's δ through the normalization
    case batchStatistics(layer: Int, neuron: Int)
    case normalization(sample: Int, layer: Int, neuron: Int)
    case normalizationGradient(layer: Int, neuron: Int)
    case normalizationDelta(sample: Int, layer: Int, neuron: Int)
    case lossShare(sample: Int, output: Int)
    case sampleLoss(sample: Int)
    case batchLoss
    case outputDelta(sample: Int, output: Int)
    case hiddenDelta(sample: Int, layer: Int, neuron: Int)
    case weightGradient(sample: Int, layer: Int, to: Int, from: Int)
    case biasGradient(sample: Int, layer: Int, neuron: Int)
    case gradientSum(ParameterRef)
    case clipping
    case update(ParameterRef)

    var phase: StepEvent.Phase {
        switch self {
        case .weightedSum, .activation, .residualSum, .batchStatistics, .normalization: return .forward
        case .lossShare, .sampleLoss, .batchLoss: return .loss
        case .outputDelta, .hiddenDelta, .weightGradient, .biasGradient, .gradientSum, .normalizationGradient,
             .normalizationDelta: return .backward
        case .clipping, .update: return .update
        }
    }

    var sample: Int? {
        switch self {
        case .weightedSum(let s, _, _), .activation(let s, _, _), .residualSum(let s, _, _), .lossShare(let s, _), .sampleLoss(let s),
             .normalization(let s, _, _), .normalizationDelta(let s, _, _),
             .outputDelta(let s, _), .hiddenDelta(let s, _, _), .weightGradient(let s, _, _, _),
             .biasGradient(let s, _, _):
            return s
        case .batchLoss, .gradientSum, .clipping, .update, .batchStatistics, .normalizationGradient:
            return nil
        }
    }

    /// The neuron layer the event belongs to (weights: their upper layer).
    var layer: Int? {
        switch self {
        case .weightedSum(_, let l, _), .activation(_, let l, _), .residualSum(_, let l, _), .hiddenDelta(_, let l, _),
             .batchStatistics(let l, _), .normalization(_, let l, _), .normalizationGradient(let l, _),
             .normalizationDelta(_, let l, _): return l
        case .weightGradient(_, let l, _, _), .biasGradient(_, let l, _): return l + 1
        case .gradientSum(let p), .update(let p): return p.layer + 1
        case .lossShare, .sampleLoss, .outputDelta, .batchLoss, .clipping: return nil
        }
    }

    /// Events with the same key belong to one neuron (its sum and activation; a neuron's δ and the
    /// gradients of the weights into it), for "one neuron" steps.
    var groupKey: Int {
        switch self {
        case .weightedSum(let s, let l, let j), .activation(let s, let l, let j), .residualSum(let s, let l, let j),
             .normalization(let s, let l, let j):
            return ((s * 64 + l) * 1_000_003 + j) * 8 + 1
        case .weightGradient(let s, let l, let j, _), .biasGradient(let s, let l, let j):
            return ((s * 64 + l + 1) * 1_000_003 + j) * 8 + 2
        case .gradientSum(let p), .update(let p):
            return ((p.layer + 1) * 1_000_003 + p.neuronIndex) * 8 + (phase == .update ? 3 : 4)
        case .lossShare(let s, _), .sampleLoss(let s): return s * 8 + 5
        case .outputDelta(let s, let o): return ((s * 64 + 99) * 1_000_003 + o) * 8 + 6
        case .hiddenDelta(let s, let l, let i), .normalizationDelta(let s, let l, let i):
            return ((s * 64 + l) * 1_000_003 + i) * 8 + 7
        // batch events of one neuron: its statistics with its sums; its γ, β gradients with their sums
        case .batchStatistics(let l, let j): return ((l + 1) * 1_000_003 + j) * 8 + 4 + 7 * 1_000_003 * 8 * 64
        case .normalizationGradient(let l, let j): return (l * 1_000_003 + j) * 8 + 4
        case .batchLoss, .clipping: return -1
        }
    }

    static func order(network net: Network, config: TrainingConfig, batch b: Int) -> [EventRef] {
        var refs: [EventRef] = []
        let top = net.weightLayerCount
        let sizes = net.layerSizes
        let normed = Set(net.batchNormLayers)
        func forward(_ s: Int, _ l: Int) {
            if net.activations[l - 1] == .softmax {
                for j in 0..<sizes[l] { refs.append(.weightedSum(sample: s, layer: l, neuron: j)) }
                for j in 0..<sizes[l] { refs.append(.activation(sample: s, layer: l, neuron: j)) }
                return
            }
            let skipped = net.skip(into: l) != nil
            for j in 0..<sizes[l] {
                if !normed.contains(l) { refs.append(.weightedSum(sample: s, layer: l, neuron: j)) }
                if normed.contains(l) { refs.append(.normalization(sample: s, layer: l, neuron: j)) }
                refs.append(.activation(sample: s, layer: l, neuron: j))
                if skipped { refs.append(.residualSum(sample: s, layer: l, neuron: j)) }
            }
        }
        func loss(_ s: Int) {
            for o in 0..<sizes[top] { refs.append(.lossShare(sample: s, output: o)) }
            refs.append(.sampleLoss(sample: s))
        }
        func outputDeltas(_ s: Int) {
            for o in 0..<sizes[top] { refs.append(.outputDelta(sample: s, output: o)) }
        }
        /// the gradients of weight layer l's parameters, then the δ (∂L/∂u where normalized) of the layer below
        func backward(_ s: Int, _ l: Int) {
            let biasGradients = net.biasMode == .trainable && !normed.contains(l + 1)
            for j in 0..<sizes[l + 1] {
                for i in 0..<sizes[l] { refs.append(.weightGradient(sample: s, layer: l, to: j, from: i)) }
                if biasGradients { refs.append(.biasGradient(sample: s, layer: l, neuron: j)) }
            }
            if l > 0 {
                for i in 0..<sizes[l] { refs.append(.hiddenDelta(sample: s, layer: l, neuron: i)) }
            }
        }
        if normed.isEmpty {
            // one sample after the other, as a course works an example
            for s in 0..<b {
                for l in 1...top { forward(s, l) }
                loss(s)
                outputDeltas(s)
                for l in stride(from: top - 1, through: 0, by: -1) { backward(s, l) }
            }
        } else {
            // batch normalization needs the whole batch at each normalized layer: layer by layer,
            // the samples within each layer
            for l in 1...top {
                if normed.contains(l) {
                    for s in 0..<b { for j in 0..<sizes[l] { refs.append(.weightedSum(sample: s, layer: l, neuron: j)) } }
                    for j in 0..<sizes[l] { refs.append(.batchStatistics(layer: l, neuron: j)) }
                }
                for s in 0..<b { forward(s, l) }
            }
            for s in 0..<b { loss(s) }
            for s in 0..<b { outputDeltas(s) }
            for l in stride(from: top - 1, through: 0, by: -1) {
                for s in 0..<b { backward(s, l) }
                if l > 0 && normed.contains(l) {
                    for j in 0..<sizes[l] { refs.append(.normalizationGradient(layer: l, neuron: j)) }
                    for s in 0..<b { for j in 0..<sizes[l] { refs.append(.normalizationDelta(sample: s, layer: l, neuron: j)) } }
                }
            }
        }
        // γ and β have their batch gradients in .normalizationGradient
        let trainable = net.parameterRefs.filter { net.isTrainable($0) }
        let summed = trainable.filter { if case .scale = $0 { return false }; if case .shift = $0 { return false }; return true }
        if b > 1 {
            refs.append(.batchLoss)
            for p in summed { refs.append(.gradientSum(p)) }
        }
        if config.clipNorm != nil { refs.append(.clipping) }
        for p in trainable { refs.append(.update(p)) }
        return refs
    }
}
