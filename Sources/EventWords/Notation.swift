import BackpropEngine
import NetworkNaming

/// The names formulas and sentences write: a neuron's and a parameter's name come from
/// `NetworkNaming` (x₁, h₁⁽²⁾, ŷ₁, ŷ₀ for classes, w₅ or W²₃,₇, z(h₁)); this composes them with the
/// formula symbols into δ(h₁), ∂E/∂w₅, ∂ŷ₁/∂z(ŷ₁)… The ASCII variant writes x1, h1^(2), y^1, w5, dE/dw5.
public struct Notation: Sendable {
    public let ascii: Bool
    public let naming: NetworkNaming
    let symbols: Symbols

    /// Neuron layers that are batch-normalized: there the activation receives u(h₁) = γ·ẑ + β,
    /// not z(h₁), and the backward step through f gives ∂E/∂u(h₁), not yet δ(h₁).
    public var normalizedLayers: Set<Int> = []

    public init(naming: NetworkNaming, ascii: Bool = false, normalizedLayers: Set<Int> = []) {
        self.ascii = ascii
        self.naming = naming
        self.normalizedLayers = normalizedLayers
        symbols = Symbols.table(ascii: ascii)
    }

    /// What the activation of a neuron receives: z(h₁), or u(h₁) in a normalized layer.
    public func activationInput(of n: NeuronRef) -> String {
        normalizedLayers.contains(n.layer) ? naming.scaledSum(of: n, style) : weightedSum(of: n)
    }

    /// μ(h₁), σ²(h₁), ẑ(h₁), u(h₁)
    public func batchMean(of n: NeuronRef) -> String { naming.batchMean(of: n, style) }
    public func batchVariance(of n: NeuronRef) -> String { naming.batchVariance(of: n, style) }
    public func normalizedSum(of n: NeuronRef) -> String { naming.normalizedSum(of: n, style) }
    public func scaledSum(of n: NeuronRef) -> String { naming.scaledSum(of: n, style) }

    /// What the backward step through a hidden neuron's activation gives: δ(h₁), or ∂E/∂u(h₁) in a
    /// normalized layer (δ then comes through the normalization).
    public func hiddenGradient(of n: NeuronRef) -> String {
        normalizedLayers.contains(n.layer) ? symbols.derivative(of: "E", by: scaledSum(of: n)) : delta(of: n)
    }

    var style: NetworkNaming.Style { ascii ? .ascii : .unicode }
    var layerSizes: [Int] { naming.layerSizes }
    var outputLayer: Int { naming.outputLayer }
    var hiddenLayerCount: Int { naming.hiddenLayerCount }

    public func isOutput(_ n: NeuronRef) -> Bool { n.layer == outputLayer }
    public func isInput(_ n: NeuronRef) -> Bool { n.layer == 0 }

    /// x₁, h₁, h₁⁽²⁾, ŷ₁
    public func name(of n: NeuronRef) -> String { naming.neuron(n, style) }

    /// w₅, b₃ (W²₃,₇, b²₃ in a large network)
    public func name(of p: ParameterRef) -> String { naming.parameter(p, style) }

    /// The target of an output: y₁
    public func target(of n: NeuronRef) -> String { naming.target(of: n, style) }

    /// z(h₁)
    public func weightedSum(of n: NeuronRef) -> String { naming.weightedSum(of: n, style) }

    /// z(ŷₖ): the sum of any output, in a formula that runs over all of them (softmax)
    var weightedSumOfAnyOutput: String {
        "z(" + (ascii ? "y^k" : "ŷ" + symbols.subK) + ")"
    }

    /// δ(h₁)
    public func delta(of n: NeuronRef) -> String { symbols.named(symbols.delta, name(of: n)) }

    /// E(ŷ₁), the share of one output in the sample loss
    public func lossShare(of n: NeuronRef) -> String { symbols.named("E", name(of: n)) }

    /// ∂E/∂w₅
    public func gradient(of p: ParameterRef) -> String { symbols.derivative(of: "E", by: name(of: p)) }

    /// ∂E/∂ŷ₁
    public func lossGradient(of n: NeuronRef) -> String { symbols.derivative(of: "E", by: name(of: n)) }

    /// ∂ŷ₁/∂z(ŷ₁)
    public func activationSlope(of n: NeuronRef) -> String { symbols.derivative(of: name(of: n), by: weightedSum(of: n)) }

    /// ∂z(ŷ₁)/∂w₅: how the weighted sum a parameter enters changes with it
    public func sumSlope(of p: ParameterRef) -> String { symbols.derivative(of: weightedSum(of: neuron(of: p)), by: name(of: p)) }

    /// E₁, the loss of sample 1 of a batch (s counts from 0)
    public func sampleLoss(_ s: Int) -> String { "E" + symbols.sub(s + 1) }

    /// c₁, the contribution of sample 1 to a batch gradient
    public func contribution(_ s: Int) -> String { "c" + symbols.sub(s + 1) }

    /// The neuron a bias belongs to, or a weight leads to.
    public func neuron(of p: ParameterRef) -> NeuronRef {
        switch p {
        case .weight(let l, let j, _), .bias(let l, let j), .scale(let l, let j), .shift(let l, let j):
            return NeuronRef(layer: l + 1, index: j)
        }
    }

    /// The neuron a weight comes from.
    public func source(of p: ParameterRef) -> NeuronRef? {
        if case .weight(let l, _, let i) = p { return NeuronRef(layer: l, index: i) }
        return nil
    }
}
