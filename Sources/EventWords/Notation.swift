import BackpropEngine

/// How the neurons and parameters of one network are named: inputs x₁ x₂ …, hidden neurons
/// h₁ h₂ … (h₁⁽¹⁾ h₁⁽²⁾ … with several hidden layers), outputs ŷ₁ ŷ₂ … with targets y₁ y₂ …,
/// weights w₁ w₂ … numbered layer by layer and row by row (w₁…w₄ input→hidden, w₅…w₈
/// hidden→output in the classic 2-2-2 example), biases b₁ b₂ … numbered the same way.
/// The ASCII variant writes x1, h1, h1^(2), y^1, w5, dE/dw5.
public struct Notation: Sendable {
    public let ascii: Bool
    let symbols: Symbols
    let layerSizes: [Int]
    private let firstWeight: [Int]
    private let firstBias: [Int]

    public init(network: Network, ascii: Bool = false) {
        self.ascii = ascii
        symbols = Symbols.table(ascii: ascii)
        layerSizes = network.layerSizes
        var w = [Int](), b = [Int](), nextW = 1, nextB = 1
        for l in 0..<network.weightLayerCount {
            w.append(nextW)
            b.append(nextB)
            nextW += network.layerSizes[l] * network.layerSizes[l + 1]
            nextB += network.layerSizes[l + 1]
        }
        firstWeight = w
        firstBias = b
    }

    var outputLayer: Int { layerSizes.count - 1 }
    var hiddenLayerCount: Int { layerSizes.count - 2 }

    public func isOutput(_ n: NeuronRef) -> Bool { n.layer == outputLayer }
    public func isInput(_ n: NeuronRef) -> Bool { n.layer == 0 }

    /// x₁, h₁, h₁⁽²⁾, ŷ₁
    public func name(of n: NeuronRef) -> String {
        let number = symbols.sub(n.index + 1)
        if n.layer == 0 { return "x" + number }
        if n.layer == outputLayer { return (ascii ? "y^" : "ŷ") + number }
        let layerMark = hiddenLayerCount > 1 ? symbols.sup("(\(n.layer))") : ""
        return "h" + number + layerMark
    }

    /// w₅, b₃
    public func name(of p: ParameterRef) -> String {
        switch p {
        case .weight(let l, let j, let i):
            return "w" + symbols.sub(firstWeight[l] + j * layerSizes[l] + i)
        case .bias(let l, let j):
            return "b" + symbols.sub(firstBias[l] + j)
        }
    }

    /// The target of an output: y₁
    public func target(of n: NeuronRef) -> String { "y" + symbols.sub(n.index + 1) }

    /// z(h₁)
    public func weightedSum(of n: NeuronRef) -> String { symbols.named("z", name(of: n)) }

    /// δ(h₁)
    public func delta(of n: NeuronRef) -> String { symbols.named(symbols.delta, name(of: n)) }

    /// E(ŷ₁), the share of one output in the sample loss
    public func lossShare(of n: NeuronRef) -> String { symbols.named("E", name(of: n)) }

    /// ∂E/∂w₅
    public func gradient(of p: ParameterRef) -> String { symbols.derivative(of: "E", by: name(of: p)) }

    /// ∂E/∂ŷ₁
    public func lossGradient(of n: NeuronRef) -> String { symbols.derivative(of: "E", by: name(of: n)) }

    /// ∂ŷ₁/∂z
    public func activationSlope(of n: NeuronRef) -> String { symbols.derivative(of: name(of: n), by: "z") }

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
