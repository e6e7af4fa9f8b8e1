/// What happens to the biases.
public enum BiasMode: String, CaseIterable, Sendable, Codable {
    /// used and learned
    case trainable
    /// used, never updated
    case frozen
    /// not used at all (all zero, left out of every formula)
    case none
}

/// How random initial weights are drawn (biases start at zero).
public enum WeightInit: Equatable, Sendable {
    /// uniform in [low, high)
    case uniform(low: Double, high: Double)
    /// Glorot/Xavier uniform: ±√(6 / (fan_in + fan_out))
    case xavier
    /// He uniform: ±√(6 / fan_in)
    case he

    public var name: String {
        switch self {
        case .uniform: return "uniform"
        case .xavier: return "xavier"
        case .he: return "he"
        }
    }
}

/// One array per layer of weights and one per layer of biases: the shape of the parameters,
/// of their gradients, and of the optimizer's memory.
public struct Parameters: Equatable, Sendable {
    /// weights[l][j * inputs + i]: from neuron i of layer l to neuron j of layer l+1
    public var weights: [[Double]]
    /// biases[l][j]: of neuron j of layer l+1
    public var biases: [[Double]]
    /// scales[l][j] and shifts[l][j]: batch normalization's γ and β of neuron j of layer l+1
    /// (empty for a layer that is not normalized; BatchNorm.swift)
    public var scales: [[Double]]
    public var shifts: [[Double]]

    public init(weights: [[Double]], biases: [[Double]], scales: [[Double]]? = nil, shifts: [[Double]]? = nil) {
        self.weights = weights
        self.biases = biases
        self.scales = scales ?? biases.map { _ in [] }
        self.shifts = shifts ?? biases.map { _ in [] }
    }

    public func zeroed() -> Parameters {
        func zero(_ list: [[Double]]) -> [[Double]] { list.map { [Double](repeating: 0, count: $0.count) } }
        return Parameters(weights: zero(weights), biases: zero(biases), scales: zero(scales), shifts: zero(shifts))
    }

    public subscript(ref: ParameterRef) -> Double {
        get {
            switch ref {
            case .weight(let l, let j, let i): return weights[l][j * (weights[l].count / biases[l].count) + i]
            case .bias(let l, let j): return biases[l][j]
            case .scale(let l, let j): return scales[l][j]
            case .shift(let l, let j): return shifts[l][j]
            }
        }
    }

    /// All values, layer by layer: the weights of each layer, its biases, then its γ and β.
    public var allValues: [Double] {
        var out: [Double] = []
        for l in weights.indices {
            out += weights[l]
            out += biases[l]
            out += scales[l]
            out += shifts[l]
        }
        return out
    }
}

/// A parameter by position. Layer l is the weight layer between neuron layers l and l+1.
public enum ParameterRef: Hashable, Sendable {
    case weight(layer: Int, to: Int, from: Int)
    case bias(layer: Int, neuron: Int)
    /// batch normalization's γ and β of neuron `neuron` of layer `layer` + 1
    case scale(layer: Int, neuron: Int)
    case shift(layer: Int, neuron: Int)

    public var layer: Int {
        switch self {
        case .weight(let l, _, _), .bias(let l, _), .scale(let l, _), .shift(let l, _): return l
        }
    }

    /// The neuron of layer `layer` + 1 a weight leads to, or a bias, γ or β belongs to.
    public var neuronIndex: Int {
        switch self {
        case .weight(_, let j, _), .bias(_, let j), .scale(_, let j), .shift(_, let j): return j
        }
    }
}

/// A neuron by position; layer 0 is the input layer.
public struct NeuronRef: Hashable, Sendable {
    public var layer: Int
    public var index: Int
    public init(layer: Int, index: Int) {
        self.layer = layer
        self.index = index
    }
}

/// A fully connected network: sizes, activations, and its parameters.
public struct Network: Equatable, Sendable {
    /// Neurons per layer, input layer first.
    public let layerSizes: [Int]
    /// Activation of each non-input layer (count = layerSizes.count − 1).
    public var activations: [Activation]
    /// Slope of leaky-relu for negative z.
    public var leakySlope: Double
    public var biasMode: BiasMode
    /// Set only inside the engine: the kernels trust its shapes (checked by `init`).
    public internal(set) var parameters: Parameters
    /// Skip connections between hidden layers (Residual.swift), sorted by the layer they lead
    /// into; set with `setResidual`, which checks the widths.
    public internal(set) var residual: [ResidualSkip] = []
    /// The hidden neuron layers whose weighted sums are batch-normalized (BatchNorm.swift), in
    /// order; set with `setBatchNorm`. Their γ and β are parameters; they have no bias.
    public internal(set) var batchNormLayers: [Int] = []
    /// The running mean and variance of each normalized layer's sums, per weight layer l (empty
    /// for the others): what evaluation normalizes with. Training updates them.
    public internal(set) var runningMean: [[Double]] = []
    public internal(set) var runningVariance: [[Double]] = []

    public var weights: [[Double]] { parameters.weights }
    public var biases: [[Double]] { parameters.biases }
    public var weightLayerCount: Int { layerSizes.count - 1 }

    /// A network with the given parameters; sizes are checked against `NetworkSize`'s limits
    /// before anything is allocated, then the activations and every weight matrix and bias
    /// vector against the sizes (`NetworkShape`): the kernels write through pointers sized from
    /// `layerSizes`, so a wrong shape is an error here, never memory overwritten later.
    public init(layerSizes: [Int], activations: [Activation], leakySlope: Double = 0.01,
                biasMode: BiasMode, weights: [[[Double]]], biases: [[Double]]?) throws(EngineError) {
        _ = try NetworkSize(layerSizes: layerSizes)
        try NetworkShape.check(layerSizes: layerSizes, activations: activations, leakySlope: leakySlope)
        try NetworkShape.check(weights: weights, biases: biasMode == .none ? nil : biases, layerSizes: layerSizes)
        self.layerSizes = layerSizes
        self.activations = activations
        self.leakySlope = leakySlope
        self.biasMode = biasMode
        let flat = weights.map { rows in rows.flatMap { $0 } }
        let b: [[Double]]
        if let biases, biasMode != .none {
            b = biases
        } else {
            b = (1..<layerSizes.count).map { [Double](repeating: 0, count: layerSizes[$0]) }
        }
        parameters = Parameters(weights: flat, biases: b)
    }

    /// A network with seeded random weights (biases zero); sizes checked as above.
    public init(layerSizes: [Int], activations: [Activation], leakySlope: Double = 0.01,
                biasMode: BiasMode, initialization: WeightInit, seed: UInt64) throws(EngineError) {
        _ = try NetworkSize(layerSizes: layerSizes)
        var rng = SplitMix64(seed: seed)
        var weights: [[[Double]]] = []
        for l in 0..<(layerSizes.count - 1) {
            let fanIn = layerSizes[l], fanOut = layerSizes[l + 1]
            let (low, high): (Double, Double)
            switch initialization {
            case .uniform(let lo, let hi): (low, high) = (lo, hi)
            case .xavier:
                let r = (6.0 / Double(fanIn + fanOut)).squareRoot()
                (low, high) = (-r, r)
            case .he:
                let r = (6.0 / Double(fanIn)).squareRoot()
                (low, high) = (-r, r)
            }
            // row by row: weights[l][j][i]
            weights.append((0..<fanOut).map { _ in (0..<fanIn).map { _ in rng.nextDouble(in: low, high) } })
        }
        try self.init(layerSizes: layerSizes, activations: activations, leakySlope: leakySlope,
                      biasMode: biasMode, weights: weights, biases: nil)
    }

    /// weights[l][j][i], the file's layout.
    public var nestedWeights: [[[Double]]] {
        (0..<weightLayerCount).map { l in
            let n = layerSizes[l]
            return (0..<layerSizes[l + 1]).map { j in Array(parameters.weights[l][(j * n)..<(j * n + n)]) }
        }
    }

    public func weight(layer l: Int, to j: Int, from i: Int) -> Double {
        parameters.weights[l][j * layerSizes[l] + i]
    }

    /// Every parameter position, weights of each layer (row by row) then its biases.
    /// Biases are left out when the network has none.
    /// A batch-normalized layer's biases are left out (β takes their place); its γ and β follow.
    public var parameterRefs: [ParameterRef] {
        var refs: [ParameterRef] = []
        for l in 0..<weightLayerCount {
            for j in 0..<layerSizes[l + 1] {
                for i in 0..<layerSizes[l] { refs.append(.weight(layer: l, to: j, from: i)) }
            }
            let normalized = isNormalized(weightLayer: l)
            if biasMode != .none && !normalized {
                for j in 0..<layerSizes[l + 1] { refs.append(.bias(layer: l, neuron: j)) }
            }
            if normalized {
                for j in 0..<layerSizes[l + 1] { refs.append(.scale(layer: l, neuron: j)) }
                for j in 0..<layerSizes[l + 1] { refs.append(.shift(layer: l, neuron: j)) }
            }
        }
        return refs
    }

    /// Whether this parameter is changed by training.
    public func isTrainable(_ ref: ParameterRef) -> Bool {
        if case .bias(let l, _) = ref { return biasMode == .trainable && !isNormalized(weightLayer: l) }
        return true
    }

    /// Whether weight layer l's sums (those of neuron layer l + 1) are batch-normalized.
    public func isNormalized(weightLayer l: Int) -> Bool { !parameters.scales[l].isEmpty }

    public mutating func set(_ ref: ParameterRef, to value: Double) {
        switch ref {
        case .weight(let l, let j, let i): parameters.weights[l][j * layerSizes[l] + i] = value
        case .bias(let l, let j): parameters.biases[l][j] = value
        case .scale(let l, let j): parameters.scales[l][j] = value
        case .shift(let l, let j): parameters.shifts[l][j] = value
        }
    }

    public func value(of ref: ParameterRef) -> Double {
        switch ref {
        case .weight(let l, let j, let i): return weight(layer: l, to: j, from: i)
        case .bias(let l, let j): return parameters.biases[l][j]
        case .scale(let l, let j): return parameters.scales[l][j]
        case .shift(let l, let j): return parameters.shifts[l][j]
        }
    }

    /// The outputs for one input (same arithmetic as training's forward pass).
    public func predict(_ input: [Double]) -> [Double] {
        predict(batch: [input])[0]
    }

    /// Outputs for many inputs, computed in batches of at most `measuringBatch` samples
    /// (each sample's outputs do not depend on the batch it is in).
    public func predict(batch inputs: [[Double]]) -> [[Double]] { predict(batch: inputs, limit: measuringBatch) }

    /// The same in batches of at most `limit` samples (tests use small ones).
    func predict(batch inputs: [[Double]], limit: Int) -> [[Double]] {
        guard !inputs.isEmpty else { return [] }
        // the copy into the workspace reads layerSizes[0] values of each row
        if let bad = inputs.firstIndex(where: { $0.count != layerSizes[0] }) {
            preconditionFailure("input \(bad) has \(inputs[bad].count) values, the network takes \(layerSizes[0])")
        }
        let k = layerSizes.last!
        let zeros = [Double](repeating: 0, count: k)
        var outputs: [[Double]] = []
        outputs.reserveCapacity(inputs.count)
        var kept: Workspace? = nil
        for range in evaluationBatches(inputs.count, limit: limit) {
            let part = Array(inputs[range])
            let set = Dataset(inputs: part, targets: part.map { _ in zeros })
            let ws = Workspace.reused(&kept, network: self, batchSize: part.count)
            Kernel.gather(set, ArraySlice(set.inputs.indices), ws)
            Kernel.forward(self, ws, training: false)
            let out = ws.a[weightLayerCount], b = part.count
            for s in 0..<b { outputs.append((0..<k).map { out[$0 * b + s] }) }
        }
        return outputs
    }

    /// Samples per batch when a whole data set is measured: as many as `NetworkSize`'s
    /// activation limit allows.
    var evaluationBatch: Int { max(1, NetworkSize.maxActivationsPerBatch / layerSizes.reduce(0, +)) }

    /// Samples per batch when outputs or losses are measured (the values do not depend on it):
    /// few enough that a batch's inputs stay in the caches. A whole set as one batch would
    /// stream every input from memory again for each 4 neurons (2,000 28x28 images: 12 MB).
    var measuringBatch: Int { min(64, evaluationBatch) }

    /// 0..<count in consecutive ranges of at most `limit` (default `evaluationBatch`).
    func evaluationBatches(_ count: Int, limit: Int? = nil) -> [Range<Int>] {
        let size = max(1, limit ?? evaluationBatch)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }
}
