import BackpropEngine
import NetworkNaming

/// The names formulas and sentences write: a neuron's and a parameter's name come from
/// `NetworkNaming` (x₁, h₁⁽²⁾, ŷ₁, ŷ₀ for classes, w₅ or W²₃,₇, z(h₁)); this composes them with the
/// formula symbols into δ(h₁), ∂E/∂w₅, ∂ŷ₁/∂z(ŷ₁)… The ASCII variant writes x1, h1^(2), y^1, w5, dE/dw5.
public struct Notation: Sendable {
    public let ascii: Bool
    public let naming: NetworkNaming
    let symbols: Symbols

    public init(naming: NetworkNaming, ascii: Bool = false) {
        self.ascii = ascii
        self.naming = naming
        symbols = Symbols.table(ascii: ascii)
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
        case .weight(let l, let j, _), .bias(let l, let j): return NeuronRef(layer: l + 1, index: j)
        }
    }

    /// The neuron a weight comes from.
    public func source(of p: ParameterRef) -> NeuronRef? {
        if case .weight(let l, _, let i) = p { return NeuronRef(layer: l, index: i) }
        return nil
    }
}
