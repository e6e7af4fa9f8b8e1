import BackpropEngine

/// Everything needed to rebuild the initial network of a file (for "reset" and for new seeds).
public struct NetworkSpec: Equatable, Sendable {
    /// Neurons per layer, input layer first.
    public var layerSizes: [Int]
    /// One per non-input layer; the last is the output activation.
    public var activations: [Activation]
    public var leakySlope: Double
    public var biasMode: BiasMode
    /// How random weights are drawn when `explicitWeights` is nil.
    public var initialization: WeightInit
    public var seed: UInt64
    /// weights[l][j][i]: from neuron i of layer l to neuron j of layer l+1
    public var explicitWeights: [[[Double]]]?
    /// biases[l][j]: of neuron j of layer l+1
    public var explicitBiases: [[Double]]?
    /// Skip connections between hidden layers (`network.residual`).
    public var residual: [ResidualSkip] = []
    /// Batch-normalized hidden layers (`network.batch_norm`).
    public var batchNorm: [Int] = []

    public init(layerSizes: [Int], activations: [Activation], leakySlope: Double = 0.01,
                biasMode: BiasMode = .trainable, initialization: WeightInit = .xavier, seed: UInt64 = 1,
                explicitWeights: [[[Double]]]? = nil, explicitBiases: [[Double]]? = nil) {
        self.layerSizes = layerSizes
        self.activations = activations
        self.leakySlope = leakySlope
        self.biasMode = biasMode
        self.initialization = initialization
        self.seed = seed
        self.explicitWeights = explicitWeights
        self.explicitBiases = explicitBiases
    }

    /// The activation of the output layer.
    public var outputActivation: Activation { activations.last ?? .identity }

    /// The initial network: the given weights, else seeded random ones; the given biases, else zero.
    /// Throws what `Network.init` throws (the file loader has checked the same rules first).
    public func build() throws(EngineError) -> Network {
        var network = try plainNetwork()
        try network.setResidual(residual)
        if !batchNorm.isEmpty { try network.setBatchNorm(layers: batchNorm) }
        return network
    }

    /// The network without its skip connections.
    private func plainNetwork() throws(EngineError) -> Network {
        if let explicitWeights {
            return try Network(layerSizes: layerSizes, activations: activations, leakySlope: leakySlope,
                           biasMode: biasMode, weights: explicitWeights, biases: explicitBiases)
        }
        var network = try Network(layerSizes: layerSizes, activations: activations, leakySlope: leakySlope,
                              biasMode: biasMode, initialization: initialization, seed: seed)
        if let explicitBiases, biasMode != .none {
            for (l, layer) in explicitBiases.enumerated() {
                for (j, b) in layer.enumerated() { network.set(.bias(layer: l, neuron: j), to: b) }
            }
        }
        return network
    }
}
