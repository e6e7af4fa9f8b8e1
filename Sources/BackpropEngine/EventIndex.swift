import CMath
/// Where in a step's event list each neuron gets its value and each parameter its gradient and
/// update: lets the screen tell, at event k, which numbers are already known.
struct EventIndex: Sendable {
    private let neuronOffset: [Int]      // first flat neuron index of each layer
    private let neuronCount: Int
    private let parameterOffset: [Int]   // first flat parameter index of each weight layer
    private let parameterCount: Int
    private let layerSizes: [Int]
    /// [s * neuronCount + n]: event index of the activation / δ of neuron n for sample s (-1: none)
    private var activation: [Int32]
    private var delta: [Int32]
    /// [s * neuronCount + n]: event index of the weighted sum z of neuron n for sample s (-1: none)
    private var weightedSum: [Int32]
    /// [s * parameterCount + p]: event index of the per-sample gradient of parameter p (-1: none)
    private var sampleGradient: [Int32]
    /// [p]: event index of the batch gradient sum and of the update of parameter p (-1: none)
    private var gradientSum: [Int32]
    private var update: [Int32]

    init(refs: [EventRef], network: Network, batch b: Int) {
        layerSizes = network.layerSizes
        var offsets: [Int] = []
        var total = 0
        for n in network.layerSizes { offsets.append(total); total += n }
        neuronOffset = offsets
        neuronCount = total
        var pOffsets: [Int] = []
        var pTotal = 0
        for l in 0..<network.weightLayerCount {
            pOffsets.append(pTotal)
            pTotal += network.layerSizes[l] * network.layerSizes[l + 1] + network.layerSizes[l + 1]
                + 2 * network.parameters.scales[l].count
        }
        parameterOffset = pOffsets
        parameterCount = pTotal
        activation = [Int32](repeating: -1, count: b * total)
        delta = activation
        weightedSum = activation
        sampleGradient = [Int32](repeating: -1, count: b * pTotal)
        gradientSum = [Int32](repeating: -1, count: pTotal)
        update = gradientSum
        for (k, ref) in refs.enumerated() {
            let e = Int32(k)
            switch ref {
            case .weightedSum(let s, let l, let j): weightedSum[s * total + offsets[l] + j] = e
            // a residual layer's activation is known once the skip is added
            case .activation(let s, let l, let j), .residualSum(let s, let l, let j): activation[s * total + offsets[l] + j] = e
            case .outputDelta(let s, let o): delta[s * total + offsets[layerSizes.count - 1] + o] = e
            // in a normalized layer δ = ∂L/∂z is known after the normalization's backward step
            case .hiddenDelta(let s, let l, let i), .normalizationDelta(let s, let l, let i):
                delta[s * total + offsets[l] + i] = e
            case .normalizationGradient(let l, let j):
                gradientSum[flat(.scale(layer: l - 1, neuron: j))] = e
                gradientSum[flat(.shift(layer: l - 1, neuron: j))] = e
            case .weightGradient(let s, let l, let j, let i):
                sampleGradient[s * pTotal + flat(.weight(layer: l, to: j, from: i))] = e
            case .biasGradient(let s, let l, let j):
                sampleGradient[s * pTotal + flat(.bias(layer: l, neuron: j))] = e
            case .gradientSum(let p): gradientSum[flat(p)] = e
            case .update(let p): update[flat(p)] = e
            default: break
            }
        }
    }

    private func flat(_ p: ParameterRef) -> Int {
        switch p {
        case .weight(let l, let j, let i): return parameterOffset[l] + j * layerSizes[l] + i
        case .bias(let l, let j): return parameterOffset[l] + layerSizes[l] * layerSizes[l + 1] + j
        case .scale(let l, let j): return parameterOffset[l] + layerSizes[l] * layerSizes[l + 1] + layerSizes[l + 1] + j
        case .shift(let l, let j): return parameterOffset[l] + layerSizes[l] * layerSizes[l + 1] + 2 * layerSizes[l + 1] + j
        }
    }

    private static func found(_ v: Int32) -> Int? { v < 0 ? nil : Int(v) }

    func activation(sample s: Int, _ n: NeuronRef) -> Int? {
        Self.found(activation[s * neuronCount + neuronOffset[n.layer] + n.index])
    }
    func weightedSum(sample s: Int, _ n: NeuronRef) -> Int? {
        Self.found(weightedSum[s * neuronCount + neuronOffset[n.layer] + n.index])
    }
    func delta(sample s: Int, _ n: NeuronRef) -> Int? {
        Self.found(delta[s * neuronCount + neuronOffset[n.layer] + n.index])
    }
    func gradient(sample s: Int, _ p: ParameterRef) -> Int? {
        Self.found(sampleGradient[s * parameterCount + flat(p)])
    }
    func gradientSum(_ p: ParameterRef) -> Int? { Self.found(gradientSum[flat(p)]) }
    func update(_ p: ParameterRef) -> Int? { Self.found(update[flat(p)]) }
}

/// A step's events in order and where each value is computed. They depend only on the step's
/// shape (layer sizes, activations, bias mode, batch size, clipping), never on its numbers, so
/// all the steps of one shape share one table, built once.
final class EventTable: Sendable {
    let layerSizes: [Int]
    let activations: [Activation]
    let biasMode: BiasMode
    let batch: Int
    let clipping: Bool
    let refs: [EventRef]
    let index: EventIndex
    /// See StepTrace.batchLossEventIndex.
    let batchLossEventIndex: Int
    /// Where a recorded step keeps its arrays in one block: a[l], z[l], δ[l] of each neuron layer
    /// (feature-major, as in the workspace), then ∂L/∂ŷ, the sample losses and log Σ e^z.
    let aOffset: [Int], zOffset: [Int], deltaOffset: [Int]
    /// f(z) before a skip adds to it, and ∂L/∂a, of each neuron layer: their own arrays in a
    /// layer a skip leads into, else a's and δ's (the workspace shares those buffers too)
    let activatedOffset: [Int], upstreamOffset: [Int]
    let residual: [ResidualSkip]
    /// Of each neuron layer, batch normalization's u, ẑ and ∂L/∂u (B per neuron) and its batch
    /// mean, variance and 1/√(σ² + ε) (one per neuron): their own arrays in a normalized layer;
    /// elsewhere u is z, ∂L/∂u is δ, and the others are empty.
    let uOffset: [Int], normalizedOffset: [Int], duOffset: [Int]
    let meanOffset: [Int], varianceOffset: [Int], inverseOffset: [Int]
    let batchNormLayers: [Int]
    let outputGradientOffset: Int, sampleLossOffset: Int, logSumExpOffset: Int
    let valueCount: Int

    init(network net: Network, config: TrainingConfig, batch b: Int) {
        layerSizes = net.layerSizes
        activations = net.activations
        biasMode = net.biasMode
        batch = b
        clipping = config.clipNorm != nil
        refs = EventRef.order(network: net, config: config, batch: b)
        index = EventIndex(refs: refs, network: net, batch: b)
        batchLossEventIndex = refs.firstIndex { if case .batchLoss = $0 { return true } else { return false } }
            ?? refs.firstIndex { if case .sampleLoss = $0 { return true } else { return false } }!
        var next = 0
        func take(_ n: Int) -> Int { defer { next += n }; return next }
        let sizes = net.layerSizes
        let aAt = sizes.map { take($0 * b) }
        zOffset = sizes.indices.map { take($0 == 0 ? 0 : sizes[$0] * b) }
        let deltaAt = sizes.indices.map { take($0 == 0 ? 0 : sizes[$0] * b) }
        (aOffset, deltaOffset) = (aAt, deltaAt)
        residual = net.residual
        batchNormLayers = net.batchNormLayers
        let targets = Set(net.residual.map(\.to)), normed = Set(net.batchNormLayers)
        // the order Workspace.recorded lists the buffers in
        func own(_ layers: Set<Int>, _ n: (Int) -> Int, else other: [Int]) -> [Int] {
            var out: [Int] = []
            for l in sizes.indices { out.append(layers.contains(l) ? take(n(l)) : other[l]) }
            return out
        }
        let none = [Int](repeating: 0, count: sizes.count)
        activatedOffset = own(targets, { sizes[$0] * b }, else: aAt)
        uOffset = own(normed, { sizes[$0] * b }, else: zOffset)
        normalizedOffset = own(normed, { sizes[$0] * b }, else: none)
        let duAt = own(normed, { sizes[$0] * b }, else: deltaAt)
        duOffset = duAt
        upstreamOffset = own(targets, { sizes[$0] * b }, else: duAt)
        meanOffset = own(normed, { sizes[$0] }, else: none)
        varianceOffset = own(normed, { sizes[$0] }, else: none)
        inverseOffset = own(normed, { sizes[$0] }, else: none)
        outputGradientOffset = take(sizes.last! * b)
        sampleLossOffset = take(b)
        logSumExpOffset = take(b)
        valueCount = next
    }

    /// Copies a workspace's arrays into one block laid out as above.
    func values(of ws: Workspace) -> [Double] {
        var block = [Double](repeating: 0, count: valueCount)
        block.withUnsafeMutableBufferPointer { out in
            var p = out.baseAddress!
            func put(_ buffer: UnsafeMutableBufferPointer<Double>) {
                if buffer.count > 0 { p.update(from: buffer.baseAddress!, count: buffer.count) }
                p += buffer.count
            }
            for buffer in ws.a { put(buffer) }
            for buffer in ws.z { put(buffer) }
            for buffer in ws.delta { put(buffer) }
            for buffer in ws.recorded { put(buffer) }
            put(ws.outputGradient)
            put(ws.sampleLoss)
            put(ws.logSumExp)
        }
        return block
    }

    func fits(_ net: Network, _ config: TrainingConfig, batch b: Int) -> Bool {
        batch == b && clipping == (config.clipNorm != nil) && biasMode == net.biasMode
            && layerSizes == net.layerSizes && activations == net.activations && residual == net.residual
            && batchNormLayers == net.batchNormLayers
    }
}

/// The workspace a recorded step ran in, offered to the next recorded step (`recordedStep(reusing:)`)
/// so that it need not allocate one. A trace never reads its workspace (its numbers are copied
/// out), and the claim is atomic: of all the steps handed the same trace, at most one gets it.
final class WorkspaceSlot: @unchecked Sendable {
    private let workspace: Workspace
    private let flag: UnsafeMutablePointer<Int32>

    init(_ ws: Workspace) {
        workspace = ws
        flag = .allocate(capacity: 1)
        flag.initialize(to: 1)
    }

    deinit { flag.deallocate() }

    /// The workspace, the first time only.
    func take() -> Workspace? { bp_atomic_take(flag) == 1 ? workspace : nil }
}
