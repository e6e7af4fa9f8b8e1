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
        }
        parameterOffset = pOffsets
        parameterCount = pTotal
        activation = [Int32](repeating: -1, count: b * total)
        delta = activation
        sampleGradient = [Int32](repeating: -1, count: b * pTotal)
        gradientSum = [Int32](repeating: -1, count: pTotal)
        update = gradientSum
        for (k, ref) in refs.enumerated() {
            let e = Int32(k)
            switch ref {
            case .activation(let s, let l, let j): activation[s * total + offsets[l] + j] = e
            case .outputDelta(let s, let o): delta[s * total + offsets[layerSizes.count - 1] + o] = e
            case .hiddenDelta(let s, let l, let i): delta[s * total + offsets[l] + i] = e
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
        }
    }

    private static func found(_ v: Int32) -> Int? { v < 0 ? nil : Int(v) }

    func activation(sample s: Int, _ n: NeuronRef) -> Int? {
        Self.found(activation[s * neuronCount + neuronOffset[n.layer] + n.index])
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
