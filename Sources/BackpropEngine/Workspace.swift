/// Scratch memory for one batch, feature-major: the value of neuron j for sample s sits at
/// [j * B + s], so the innermost loops run over samples (and vectorize) while every sum is still
/// taken in one fixed order: inputs i = 0, 1, … then the bias; samples s = 0, 1, ….
/// The recorded path copies these buffers into a StepTrace; that is why its numbers are
/// bit-for-bit those of the fast path. Raw buffers, allocated once and reused across batches.
final class Workspace {
    let sizes: [Int]
    let batchSize: Int
    /// a[l]: activations of neuron layer l (a[0] = the inputs)
    let a: [UnsafeMutableBufferPointer<Double>]
    /// z[l]: weighted sums of layer l (z[0] is empty)
    let z: [UnsafeMutableBufferPointer<Double>]
    /// delta[l] = ∂L_s/∂z of layer l for each sample, before the batch reduction
    let delta: [UnsafeMutableBufferPointer<Double>]
    /// activated[l]: f(z) of neuron layer l before a skip connection adds to it (Residual.swift);
    /// the same buffer as a[l] in a layer no skip leads into
    let activated: [UnsafeMutableBufferPointer<Double>]
    /// upstream[l] = ∂L/∂a of neuron layer l, kept where a skip leads into it (it is then added
    /// along the skip); elsewhere the same buffer as delta[l], which it becomes in place
    let upstream: [UnsafeMutableBufferPointer<Double>]
    /// The skip connections the buffers are laid out for.
    let residual: [ResidualSkip]
    /// The batch-normalized neuron layers, and of each neuron layer: u = γ·ẑ + β, what the
    /// activation receives (z's buffer where not normalized), ẑ (empty there), and
    /// du = ∂L/∂u (δ's buffer there). BatchNorm.swift.
    let batchNormLayers: [Int]
    let u: [UnsafeMutableBufferPointer<Double>]
    let normalized: [UnsafeMutableBufferPointer<Double>]
    let du: [UnsafeMutableBufferPointer<Double>]
    /// per neuron of a normalized layer: batch mean, variance and 1/√(σ² + ε) (empty elsewhere)
    let mean: [UnsafeMutableBufferPointer<Double>], variance: [UnsafeMutableBufferPointer<Double>]
    let inverse: [UnsafeMutableBufferPointer<Double>]
    /// γ and β's gradients, per weight layer (empty where not normalized): the sums, the batch's, applied
    let gradientSumScale: [UnsafeMutableBufferPointer<Double>], gradientSumShift: [UnsafeMutableBufferPointer<Double>]
    let gradientScale: [UnsafeMutableBufferPointer<Double>], gradientShift: [UnsafeMutableBufferPointer<Double>]
    let appliedScale: [UnsafeMutableBufferPointer<Double>], appliedShift: [UnsafeMutableBufferPointer<Double>]
    /// targets, K × B
    let y: UnsafeMutableBufferPointer<Double>
    /// ∂L_s/∂ŷ of the outputs
    let outputGradient: UnsafeMutableBufferPointer<Double>
    let sampleLoss: UnsafeMutableBufferPointer<Double>
    /// log Σ e^z of a softmax output layer, per sample
    let logSumExp: UnsafeMutableBufferPointer<Double>
    /// a layer's activations sample-major (B × n), for the weight-gradient loop
    let transposed: UnsafeMutableBufferPointer<Double>
    /// the batch's inputs sample-major (B × n), as gathered: the input layer's `transposed`
    let inputRows: UnsafeMutableBufferPointer<Double>
    /// Σ over the batch of each parameter's per-sample gradient, per weight layer
    let gradientSumW: [UnsafeMutableBufferPointer<Double>]
    let gradientSumB: [UnsafeMutableBufferPointer<Double>]
    /// the gradient of the batch loss (the sums, ÷B for the mean)
    let gradientW: [UnsafeMutableBufferPointer<Double>]
    let gradientB: [UnsafeMutableBufferPointer<Double>]
    /// the gradient as applied: after clipping and weight decay
    let appliedW: [UnsafeMutableBufferPointer<Double>]
    let appliedB: [UnsafeMutableBufferPointer<Double>]
    /// The parameters the kernel reads and the update writes (may be shared with another workspace).
    let parameters: ParameterBuffers
    /// Every weight layer's buffers as raw pointers, worked out once.
    let layers: [LayerView]
    /// The samples now in a[0] and y when they were taken in order (order[k] == k).
    var gatheredRange: Range<Int>?

    /// All the buffers above, in one allocation.
    private let storage: UnsafeMutableRawPointer

    init(sizes: [Int], residual: [ResidualSkip], batchNorm: [Int], batchSize b: Int, parameters: ParameterBuffers) {
        self.sizes = sizes
        self.residual = residual
        batchNormLayers = batchNorm
        let targets = Set(residual.map(\.to)), normed = Set(batchNorm)
        batchSize = b
        self.parameters = parameters
        // spare zeros after each buffer's end, so that a tile's last columns can be loaded as one
        // SIMD value (Products.overrun values past the end, never stored); every buffer starts on
        // a 64-byte boundary of one zeroed allocation
        func padded(_ n: Int) -> Int { (n + Products.overrun + 8) & ~7 }
        let weightLayers = sizes.count - 1
        var total = 0
        for n in sizes { total += 3 * padded(n * b) }
        for t in targets { total += 2 * padded(sizes[t] * b) }
        for n in normed { total += 3 * padded(sizes[n] * b) + 9 * padded(sizes[n]) }
        total += (4 * sizes.count + 6 * weightLayers) * padded(0)   // the empty ones elsewhere
        for l in 0..<weightLayers { total += 3 * (padded(sizes[l] * sizes[l + 1]) + padded(sizes[l + 1])) }
        total += 2 * padded(sizes.last! * b) + 2 * padded(b) + padded(sizes.max()! * b) + padded(sizes[0] * b)
        let bytes = total * MemoryLayout<Double>.stride
        storage = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        var next = storage.bindMemory(to: Double.self, capacity: total)
        func buffer(_ n: Int) -> UnsafeMutableBufferPointer<Double> {
            let p = UnsafeMutableBufferPointer(start: next, count: n)
            next += padded(n)
            return p
        }
        let range = 0..<(sizes.count - 1)
        let neurons = sizes.map { buffer($0 * b) }
        let sums = sizes.indices.map { buffer($0 == 0 ? 0 : sizes[$0] * b) }
        let deltas = sizes.indices.map { buffer($0 == 0 ? 0 : sizes[$0] * b) }
        let sumW = range.map { buffer(sizes[$0] * sizes[$0 + 1]) }, sumB = range.map { buffer(sizes[$0 + 1]) }
        let gW = range.map { buffer(sizes[$0] * sizes[$0 + 1]) }, gB = range.map { buffer(sizes[$0 + 1]) }
        let appW = range.map { buffer(sizes[$0] * sizes[$0 + 1]) }, appB = range.map { buffer(sizes[$0 + 1]) }
        let fz = sizes.indices.map { targets.contains($0) ? buffer(sizes[$0] * b) : neurons[$0] }
        func own(_ l: Int, _ n: Int) -> UnsafeMutableBufferPointer<Double> { buffer(normed.contains(l) ? n : 0) }
        let us = sizes.indices.map { normed.contains($0) ? buffer(sizes[$0] * b) : sums[$0] }
        let zh = sizes.indices.map { own($0, sizes[$0] * b) }
        let dus = sizes.indices.map { normed.contains($0) ? buffer(sizes[$0] * b) : deltas[$0] }
        let up = sizes.indices.map { targets.contains($0) ? buffer(sizes[$0] * b) : dus[$0] }
        let mu = sizes.indices.map { own($0, sizes[$0]) }, vars = sizes.indices.map { own($0, sizes[$0]) }
        let inv = sizes.indices.map { own($0, sizes[$0]) }
        let sumS = range.map { own($0 + 1, sizes[$0 + 1]) }, sumT = range.map { own($0 + 1, sizes[$0 + 1]) }
        let gS = range.map { own($0 + 1, sizes[$0 + 1]) }, gT = range.map { own($0 + 1, sizes[$0 + 1]) }
        let appS = range.map { own($0 + 1, sizes[$0 + 1]) }, appT = range.map { own($0 + 1, sizes[$0 + 1]) }
        (a, z, delta, activated, upstream) = (neurons, sums, deltas, fz, up)
        (u, normalized, du, mean, variance, inverse) = (us, zh, dus, mu, vars, inv)
        (gradientSumScale, gradientSumShift, gradientScale, gradientShift, appliedScale, appliedShift)
            = (sumS, sumT, gS, gT, appS, appT)
        (gradientSumW, gradientSumB, gradientW, gradientB, appliedW, appliedB) = (sumW, sumB, gW, gB, appW, appB)
        y = buffer(sizes.last! * b)
        outputGradient = buffer(sizes.last! * b)
        sampleLoss = buffer(b)
        logSumExp = buffer(b)
        transposed = buffer(sizes.max()! * b)
        inputRows = buffer(sizes[0] * b)
        layers = range.map { l in
            LayerView(nIn: sizes[l], nOut: sizes[l + 1],
                      x: neurons[l].baseAddress!, zIn: sums[l].baseAddress, deltaIn: deltas[l].baseAddress,
                      activatedIn: fz[l].baseAddress!, upstreamIn: up[l].baseAddress!,
                      skipGradientIn: residual.first { $0.from == l }.map { up[$0.to].baseAddress! },
                      uIn: us[l].baseAddress, duIn: dus[l].baseAddress!, u: us[l + 1].baseAddress!,
                      z: sums[l + 1].baseAddress!, a: neurons[l + 1].baseAddress!, delta: deltas[l + 1].baseAddress!,
                      activated: fz[l + 1].baseAddress!,
                      skip: residual.first { $0.to == l + 1 }.map { neurons[$0.from].baseAddress! },
                      w: parameters.weights[l].baseAddress!, bias: parameters.biases[l].baseAddress!,
                      firstW: parameters.firstW[l].baseAddress!, firstB: parameters.firstB[l].baseAddress!,
                      secondW: parameters.secondW[l].baseAddress!, secondB: parameters.secondB[l].baseAddress!,
                      gradientSumW: sumW[l].baseAddress!, gradientSumB: sumB[l].baseAddress!,
                      gradientW: gW[l].baseAddress!, gradientB: gB[l].baseAddress!,
                      appliedW: appW[l].baseAddress!, appliedB: appB[l].baseAddress!,
                      norm: !normed.contains(l + 1) ? nil : NormView(
                        rule: BatchNorm.Layer(neurons: sizes[l + 1], batch: b, z: sums[l + 1].baseAddress!,
                                              u: us[l + 1].baseAddress!, normalized: zh[l + 1].baseAddress!,
                                              mean: mu[l + 1].baseAddress!, variance: vars[l + 1].baseAddress!,
                                              inverse: inv[l + 1].baseAddress!, scale: parameters.scales[l].baseAddress!,
                                              shift: parameters.shifts[l].baseAddress!,
                                              runningMean: parameters.runningMean[l].baseAddress!,
                                              runningVariance: parameters.runningVariance[l].baseAddress!),
                        du: dus[l + 1].baseAddress!,
                        scale: parameters.scales[l].baseAddress!, shift: parameters.shifts[l].baseAddress!,
                        firstScale: parameters.firstScale[l].baseAddress!, firstShift: parameters.firstShift[l].baseAddress!,
                        secondScale: parameters.secondScale[l].baseAddress!, secondShift: parameters.secondShift[l].baseAddress!,
                        gradientSumScale: sumS[l].baseAddress!, gradientSumShift: sumT[l].baseAddress!,
                        gradientScale: gS[l].baseAddress!, gradientShift: gT[l].baseAddress!,
                        appliedScale: appS[l].baseAddress!, appliedShift: appT[l].baseAddress!))
        }
    }

    /// A workspace with its own copy of the network's parameters (and of the optimizer's memory).
    convenience init(network: Network, batchSize b: Int, state: OptimizerState? = nil) {
        self.init(sizes: network.layerSizes, residual: network.residual, batchNorm: network.batchNormLayers, batchSize: b,
                  parameters: ParameterBuffers(network, state: state))
    }

    deinit { storage.deallocate() }

    /// `kept` when it has this batch size, else a new workspace kept in its place: measuring a set
    /// batch by batch allocates (and zeroes) one workspace, not one per batch.
    static func reused(_ kept: inout Workspace?, network: Network, batchSize b: Int) -> Workspace {
        if let ws = kept, ws.batchSize == b { return ws }
        let ws = Workspace(network: network, batchSize: b)
        kept = ws
        return ws
    }

    /// The buffers of skips and batch normalization a StepTrace keeps, in EventTable's order:
    /// each kind layer by layer, where the layer has its own.
    var recorded: [UnsafeMutableBufferPointer<Double>] {
        let targets = Set(residual.map(\.to)), normed = Set(batchNormLayers)
        let layers = sizes.indices
        return layers.filter { targets.contains($0) }.map { activated[$0] }
            + layers.filter { normed.contains($0) }.map { u[$0] }
            + layers.filter { normed.contains($0) }.map { normalized[$0] }
            + layers.filter { normed.contains($0) }.map { du[$0] }
            + layers.filter { targets.contains($0) }.map { upstream[$0] }
            + layers.filter { normed.contains($0) }.map { mean[$0] }
            + layers.filter { normed.contains($0) }.map { variance[$0] }
            + layers.filter { normed.contains($0) }.map { inverse[$0] }
    }

    /// Copies for a StepTrace.
    static func arrays(_ list: [UnsafeMutableBufferPointer<Double>]) -> [[Double]] { list.map { Array($0) } }
    static func parameters(_ w: [UnsafeMutableBufferPointer<Double>], _ b: [UnsafeMutableBufferPointer<Double>],
                           _ s: [UnsafeMutableBufferPointer<Double>], _ t: [UnsafeMutableBufferPointer<Double>]) -> Parameters {
        Parameters(weights: arrays(w), biases: arrays(b), scales: arrays(s), shifts: arrays(t))
    }

    /// The gradient at one stage as Parameters.
    var gradientSums: Parameters { Self.parameters(gradientSumW, gradientSumB, gradientSumScale, gradientSumShift) }
    var gradients: Parameters { Self.parameters(gradientW, gradientB, gradientScale, gradientShift) }
    var appliedGradients: Parameters { Self.parameters(appliedW, appliedB, appliedScale, appliedShift) }

    /// Whether two stages of the gradient (weights, biases, γ, β) hold the same bits.
    func sameBits(_ w1: [UnsafeMutableBufferPointer<Double>], _ b1: [UnsafeMutableBufferPointer<Double>],
                  _ s1: [UnsafeMutableBufferPointer<Double>], _ t1: [UnsafeMutableBufferPointer<Double>],
                  as w2: [UnsafeMutableBufferPointer<Double>], _ b2: [UnsafeMutableBufferPointer<Double>],
                  _ s2: [UnsafeMutableBufferPointer<Double>], _ t2: [UnsafeMutableBufferPointer<Double>]) -> Bool {
        Self.sameBits(w1, b1, w2, b2) && Self.sameBits(s1, t1, s2, t2)
    }

    static func sameBits(_ w1: [UnsafeMutableBufferPointer<Double>], _ b1: [UnsafeMutableBufferPointer<Double>],
                         _ w2: [UnsafeMutableBufferPointer<Double>], _ b2: [UnsafeMutableBufferPointer<Double>]) -> Bool {
        func same(_ x: UnsafeMutableBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) -> Bool {
            guard x.count == y.count else { return false }
            for k in 0..<x.count where x[k].bitPattern != y[k].bitPattern { return false }
            return true
        }
        for l in w1.indices where !same(w1[l], w2[l]) || !same(b1[l], b2[l]) { return false }
        return true
    }
}

/// One weight layer's buffers (layer l, between neuron layers l and l+1) as raw pointers: the hot
/// loops then do no array lookups, bounds checks or reference counting. Sizes as in Workspace.
struct LayerView {
    let nIn: Int, nOut: Int
    /// the layer's inputs a[l], and z[l], δ[l] of that neuron layer (nil for the input layer)
    let x: UnsafeMutablePointer<Double>
    let zIn: UnsafeMutablePointer<Double>?, deltaIn: UnsafeMutablePointer<Double>?
    /// f(z) and ∂L/∂a of neuron layer l (Workspace.activated, .upstream), and ∂L/∂a of the layer
    /// a skip out of layer l leads into (nil: no skip out of it)
    let activatedIn: UnsafeMutablePointer<Double>, upstreamIn: UnsafeMutablePointer<Double>
    let skipGradientIn: UnsafeMutablePointer<Double>?
    /// u and ∂L/∂u of neuron layer l (z and δ where it is not normalized), and u of layer l+1
    let uIn: UnsafeMutablePointer<Double>?, duIn: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Double>
    /// z, a and δ of neuron layer l+1
    let z: UnsafeMutablePointer<Double>, a: UnsafeMutablePointer<Double>, delta: UnsafeMutablePointer<Double>
    /// f(z) of neuron layer l+1, and the activations a skip adds to it (nil: no skip into it)
    let activated: UnsafeMutablePointer<Double>, skip: UnsafeMutablePointer<Double>?
    /// the parameters, and the optimizer's memory of each
    let w: UnsafeMutablePointer<Double>, bias: UnsafeMutablePointer<Double>
    let firstW: UnsafeMutablePointer<Double>, firstB: UnsafeMutablePointer<Double>
    let secondW: UnsafeMutablePointer<Double>, secondB: UnsafeMutablePointer<Double>
    let gradientSumW: UnsafeMutablePointer<Double>, gradientSumB: UnsafeMutablePointer<Double>
    let gradientW: UnsafeMutablePointer<Double>, gradientB: UnsafeMutablePointer<Double>
    let appliedW: UnsafeMutablePointer<Double>, appliedB: UnsafeMutablePointer<Double>
    /// batch normalization of neuron layer l+1 (nil: not normalized)
    let norm: NormView?
}

/// A normalized layer's buffers: the rule's (BatchNorm.Layer), ∂L/∂u, and γ, β with their memory
/// and gradients, laid out like a layer's biases.
struct NormView {
    let rule: BatchNorm.Layer
    let du: UnsafeMutablePointer<Double>
    let scale: UnsafeMutablePointer<Double>, shift: UnsafeMutablePointer<Double>
    let firstScale: UnsafeMutablePointer<Double>, firstShift: UnsafeMutablePointer<Double>
    let secondScale: UnsafeMutablePointer<Double>, secondShift: UnsafeMutablePointer<Double>
    let gradientSumScale: UnsafeMutablePointer<Double>, gradientSumShift: UnsafeMutablePointer<Double>
    let gradientScale: UnsafeMutablePointer<Double>, gradientShift: UnsafeMutablePointer<Double>
    let appliedScale: UnsafeMutablePointer<Double>, appliedShift: UnsafeMutablePointer<Double>
}

/// The parameters and the optimizer's memory in raw buffers, laid out like `Parameters`, and the
/// running statistics of batch normalization. Training copies them in once per train call and
/// back at its end, so every update writes in place through fixed pointers instead of moving
/// arrays in and out of the network.
final class ParameterBuffers {
    typealias Buffers = [UnsafeMutableBufferPointer<Double>]
    let weights: Buffers, biases: Buffers
    /// batch normalization's γ and β (empty buffers for a layer that is not normalized)
    let scales: Buffers, shifts: Buffers
    /// OptimizerState.first and .second (zero when no state was given)
    let firstW: Buffers, firstB: Buffers, firstScale: Buffers, firstShift: Buffers
    let secondW: Buffers, secondB: Buffers, secondScale: Buffers, secondShift: Buffers
    /// Network.runningMean and .runningVariance (per weight layer; empty where not normalized)
    let runningMean: Buffers, runningVariance: Buffers
    private let storage: UnsafeMutableBufferPointer<Double>

    init(_ network: Network, state: OptimizerState?) {
        let p = network.parameters
        let wCounts = p.weights.map { $0.count }, bCounts = p.biases.map { $0.count }
        let sCounts = p.scales.map { $0.count }
        let total = wCounts.reduce(0, +) + bCounts.reduce(0, +) + 2 * sCounts.reduce(0, +)
        // one allocation for all the sets
        let slab = UnsafeMutableBufferPointer<Double>.allocate(capacity: 3 * total + 2 * sCounts.reduce(0, +))
        slab.initialize(repeating: 0)
        storage = slab
        var next = slab.baseAddress!
        func carve(_ counts: [Int]) -> Buffers {
            var list: Buffers = []
            list.reserveCapacity(counts.count)
            for n in counts {
                list.append(UnsafeMutableBufferPointer(start: next, count: n))
                next += n
            }
            return list
        }
        (weights, biases, scales, shifts) = (carve(wCounts), carve(bCounts), carve(sCounts), carve(sCounts))
        (firstW, firstB, firstScale, firstShift) = (carve(wCounts), carve(bCounts), carve(sCounts), carve(sCounts))
        (secondW, secondB, secondScale, secondShift) = (carve(wCounts), carve(bCounts), carve(sCounts), carve(sCounts))
        (runningMean, runningVariance) = (carve(sCounts), carve(sCounts))
        load(network, state: state)
    }

    deinit { storage.deallocate() }

    /// Copies new values in (and the optimizer's memory, zero when none is given). Every recorded
    /// step does this, so no list of the lists is built on the way (each was an allocation).
    func load(_ network: Network, state: OptimizerState?) {
        Self.copy(network.parameters, into: weights, biases, scales, shifts)
        if let state {
            Self.copy(state.first, into: firstW, firstB, firstScale, firstShift)
            Self.copy(state.second, into: secondW, secondB, secondScale, secondShift)
        } else {
            func zero(_ list: Buffers) { for buffer in list { buffer.update(repeating: 0) } }
            zero(firstW); zero(firstB); zero(firstScale); zero(firstShift)
            zero(secondW); zero(secondB); zero(secondScale); zero(secondShift)
        }
        for l in runningMean.indices where runningMean[l].count > 0 {
            Self.copy(network.runningMean[l], into: runningMean[l])
            Self.copy(network.runningVariance[l], into: runningVariance[l])
        }
    }

    /// Writes the values back, with the running statistics, and the optimizer's memory that
    /// `optimizer` changes (sgd: none), in place where the arrays are unshared.
    func store(into network: inout Network, state: inout OptimizerState, for optimizer: Optimizer) {
        Self.copy(weights, biases, scales, shifts, into: &network.parameters)
        if optimizer != .sgd { Self.copy(firstW, firstB, firstScale, firstShift, into: &state.first) }
        if case .adam = optimizer { Self.copy(secondW, secondB, secondScale, secondShift, into: &state.second) }
        for l in runningMean.indices where runningMean[l].count > 0 {
            Self.copy(runningMean[l], into: &network.runningMean[l])
            Self.copy(runningVariance[l], into: &network.runningVariance[l])
        }
    }

    private static func copy(_ p: Parameters, into w: Buffers, _ b: Buffers, _ s: Buffers, _ t: Buffers) {
        for l in p.weights.indices {
            copy(p.weights[l], into: w[l])
            copy(p.biases[l], into: b[l])
            copy(p.scales[l], into: s[l])
            copy(p.shifts[l], into: t[l])
        }
    }

    private static func copy(_ values: [Double], into buffer: UnsafeMutableBufferPointer<Double>) {
        values.withUnsafeBufferPointer { from in
            precondition(from.count == buffer.count)
            if from.count > 0 { buffer.baseAddress!.update(from: from.baseAddress!, count: from.count) }
        }
    }

    private static func copy(_ w: Buffers, _ b: Buffers, _ s: Buffers, _ t: Buffers, into p: inout Parameters) {
        for l in w.indices {
            copy(w[l], into: &p.weights[l])
            copy(b[l], into: &p.biases[l])
            copy(s[l], into: &p.scales[l])
            copy(t[l], into: &p.shifts[l])
        }
    }

    static func copy(_ buffer: UnsafeMutableBufferPointer<Double>, into values: inout [Double]) {
        // (an empty list, γ and β of a layer that is not normalized, is left alone: not even made unique)
        if buffer.count == 0 && values.isEmpty { return }
        values.withUnsafeMutableBufferPointer { to in
            precondition(to.count == buffer.count)
            if to.count > 0 { to.baseAddress!.update(from: buffer.baseAddress!, count: to.count) }
        }
    }
}
