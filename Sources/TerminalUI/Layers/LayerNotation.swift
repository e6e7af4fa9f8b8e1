import BackpropEngine
import NetworkNaming

/// How the layer view writes operations on matrices: W⁽²⁾ᵀ, ∂E/∂W⁽¹⁾, ⊙, η in Unicode;
/// W^(2)^T, dE/dW^(1), *, lr in ASCII. The matrices' names (A⁽¹⁾, Z⁽¹⁾, W⁽²⁾, b⁽²⁾, Δ⁽²⁾) are
/// NetworkNaming's, the one module that names neurons and parameters, so W⁽²⁾'s elements are the
/// W⁽²⁾₃,₇ of a large network's parameter names and h₁⁽²⁾ is in A⁽²⁾. Neuron layers count from 0
/// (the inputs); W⁽ˡ⁾ joins layer l − 1 to layer l.
struct LayerNotation: Sendable {
    let unicode: Bool

    private var style: NetworkNaming.Style { unicode ? .unicode : .ascii }
    private func name(_ m: NetworkNaming.LayerMatrix, _ l: Int) -> String { NetworkNaming.matrix(m, layer: l, style) }

    /// ⁽ˡ⁾ or ^(l), NetworkNaming's layer mark (batch normalization's μ⁽ˡ⁾, Ẑ⁽ˡ⁾, γ⁽ˡ⁾ carry it)
    func layer(_ l: Int) -> String { NetworkNaming.layerMark(l, style) }

    func a(_ l: Int) -> String { name(.activations, l) }
    func z(_ l: Int) -> String { name(.weightedSums, l) }
    func w(_ l: Int) -> String { name(.weights, l) }
    func b(_ l: Int) -> String { name(.biases, l) }
    func delta(_ l: Int) -> String { name(.deltas, l) }
    var transposed: String { unicode ? "ᵀ" : "^T" }
    func gradientW(_ l: Int) -> String { partial("E") + "/" + partial(w(l)) }
    func gradientB(_ l: Int) -> String { partial("E") + "/" + partial(b(l)) }
    func lossGradient(_ l: Int) -> String { partial("L") + "/" + partial(a(l)) }
    func derivative(_ l: Int) -> String { (unicode ? "f′(" : "f'(") + z(l) + ")" }
    private func partial(_ x: String) -> String { (unicode ? "∂" : "d") + x }

    var times: String { unicode ? "·" : "." }
    var hadamard: String { unicode ? "⊙" : "*" }
    var minus: String { unicode ? "−" : "-" }
    var assign: String { unicode ? "←" : "<-" }
    var arrow: String { unicode ? "→" : "->" }
    var eta: String { unicode ? "η" : "lr" }
    var cross: String { unicode ? "×" : "x" }

    /// (32×10), (32×10)ᵀ
    func shape(_ m: Matrix, transposed t: Bool = false) -> String {
        "(\(m.rows)\(cross)\(m.columns))" + (t ? transposed : "")
    }

    /// σ(Z⁽¹⁾), ReLU(Z⁽¹⁾), softmax(Z⁽²⁾) row by row
    func apply(_ f: Activation, _ argument: String) -> String {
        let name: String
        switch f {
        case .sigmoid: name = unicode ? "σ" : "sigmoid"
        case .tanh: name = "tanh"
        case .relu: name = "ReLU"
        case .leakyRelu: name = "leakyReLU"
        case .identity: return argument
        case .softmax: name = "softmax"
        }
        return name + "(" + argument + ")"
    }
}

/// The NumPy line of each operation: by default in the names of the formulas (`Z1 = A0 @ W1.T + b1`,
/// W stored n_out × n_in as in the network file); with `article` naming, the lines of the seed
/// article's XOR program (`hidden_layer = sigmoid(np.dot(X, weights_input_hidden))`), whose
/// weights are stored n_in × n_out (Wᵀ) and whose deltas have the opposite sign (y − ŷ).
struct NumPyLines: Sendable {
    var article: Bool
    let network: Network
    let config: TrainingConfig

    private func f(_ l: Int, _ z: String, _ a: String) -> String {
        switch network.activations[l - 1] {
        case .sigmoid: return "1 / (1 + np.exp(-\(z)))"
        case .tanh: return "np.tanh(\(z))"
        case .relu: return "np.maximum(0, \(z))"
        case .leakyRelu: return "np.where(\(z) > 0, \(z), \(network.leakySlope) * \(z))"
        case .identity: return z
        case .softmax: return "np.exp(\(z) - \(z).max(axis=1, keepdims=True)); \(a) /= \(a).sum(axis=1, keepdims=True)"
        }
    }

    /// f′ written with the layer's own arrays (F: f(Z) before a skip adds to it).
    private func fPrime(_ l: Int) -> String {
        let a = network.skip(into: l) == nil ? A(l) : "F\(l)"
        switch network.activations[l - 1] {
        case .sigmoid: return "\(a) * (1 - \(a))"
        case .tanh: return "(1 - \(a) ** 2)"
        case .relu: return "(\(Z(l)) > 0)"
        case .leakyRelu: return "np.where(\(Z(l)) > 0, 1, \(network.leakySlope))"
        case .identity: return "1"
        case .softmax: return "softmax_jacobian(\(Z(l)))"
        }
    }

    // A1, Z1, W1, b1, D1: NetworkNaming's placeholder spelling of the matrices
    private func A(_ l: Int) -> String { NetworkNaming.matrix(.activations, layer: l, .placeholder) }
    private func Z(_ l: Int) -> String { NetworkNaming.matrix(.weightedSums, layer: l, .placeholder) }
    private func W(_ l: Int) -> String { NetworkNaming.matrix(.weights, layer: l, .placeholder) }
    private func B(_ l: Int) -> String { NetworkNaming.matrix(.biases, layer: l, .placeholder) }
    private func D(_ l: Int) -> String { NetworkNaming.matrix(.deltas, layer: l, .placeholder) }

    private var top: Int { network.weightLayerCount }
    private var mean: Bool { config.reduction == .mean }
    private var hasBias: Bool { network.biasMode != .none }
    private var trainsBias: Bool { network.biasMode == .trainable }

    private var articleWeights: [String] { ["weights_input_hidden", "weights_hidden_output"] }
    private var articleLayers: [String] { ["X", "hidden_layer", "output_layer"] }

    func weightedSum(layer l: Int) -> String {
        if article { return "np.dot(\(articleLayers[l - 1]), \(articleWeights[l - 1]))" }
        return "\(Z(l)) = \(A(l - 1)) @ \(W(l)).T" + (hasBias ? " + \(B(l))" : "")
    }

    func activation(layer l: Int) -> String {
        if article { return "\(articleLayers[l]) = sigmoid(np.dot(\(articleLayers[l - 1]), \(articleWeights[l - 1])))" }
        let a = network.skip(into: l) == nil ? A(l) : "F\(l)"
        return "\(a) = " + f(l, Z(l), a)
    }

    func residualSum(layer l: Int, from: Int) -> String { "\(A(l)) = F\(l) + \(A(from))" }

    func loss() -> String {
        if article { return "output_error = y - output_layer   # E = 0.5 * np.sum(output_error ** 2)" }
        let a = A(top)
        let perSample: String
        switch config.loss {
        case .mse: perSample = "np.mean((\(a) - Y) ** 2, axis=1)"
        case .halfSSE: perSample = "0.5 * np.sum((\(a) - Y) ** 2, axis=1)"
        case .bce: perSample = "-np.mean(Y * np.log(\(a)) + (1 - Y) * np.log(1 - \(a)), axis=1)"
        case .crossEntropy: perSample = "-np.sum(Y * np.log(\(a)), axis=1)"
        }
        return "L = \(perSample); E = L.\(mean ? "mean" : "sum")()"
    }

    func outputDelta() -> String {
        if article { return "output_delta = output_error * sigmoid_derivative(output_layer)   # = -D2" }
        let a = A(top), d = D(top)
        switch config.loss {
        case .crossEntropy: return "\(d) = \(a) - Y"
        case .bce: return "\(d) = (\(a) - Y) / \(network.layerSizes[top])"
        case .halfSSE: return "\(d) = (\(a) - Y) * " + fPrime(top)
        case .mse: return "\(d) = 2 * (\(a) - Y) / \(network.layerSizes[top]) * " + fPrime(top)
        }
    }

    func weightGradient(layer l: Int) -> String {
        if article {
            return "\(articleLayers[l - 1]).T.dot(\(l == 2 ? "output_delta" : "hidden_delta"))   # = -dE/dW\(l).T"
        }
        let divide = mean ? " / B" : ""
        return "d\(W(l)) = \(D(l)).T @ \(A(l - 1))\(divide)" + (trainsBias ? "; d\(B(l)) = \(D(l)).sum(axis=0)\(divide)" : "")
    }

    func hiddenDelta(layer l: Int) -> String {
        if article {
            return "hidden_error = output_delta.dot(weights_hidden_output.T); hidden_delta = hidden_error * sigmoid_derivative(hidden_layer)"
        }
        if let skip = network.skip(outOf: l) {
            return "d\(A(l)) = \(D(l + 1)) @ \(W(l + 1)) + d\(A(skip.to)); \(D(l)) = d\(A(l)) * " + fPrime(l)
        }
        if network.skip(into: l) != nil { return "d\(A(l)) = \(D(l + 1)) @ \(W(l + 1)); \(D(l)) = d\(A(l)) * " + fPrime(l) }
        return "\(D(l)) = (\(D(l + 1)) @ \(W(l + 1))) * " + fPrime(l)
    }

    func update(layer l: Int) -> String {
        if article {
            return "\(articleWeights[l - 1]) += \(articleLayers[l - 1]).T.dot(\(l == 2 ? "output_delta" : "hidden_delta")) * learning_rate"
        }
        switch config.optimizer {
        case .sgd: return "\(W(l)) -= lr * d\(W(l))"
        case .momentum: return "v\(l) = mu * v\(l) + d\(W(l)); \(W(l)) -= lr * v\(l)"
        case .adam: return "m\(l) = b1 * m\(l) + (1 - b1) * d\(W(l)); v\(l) = b2 * v\(l) + (1 - b2) * d\(W(l)) ** 2; \(W(l)) -= lr * m_hat / (np.sqrt(v_hat) + eps)"
        }
    }

    /// Whether the article's names fit this network: one hidden layer, no biases.
    static func articleFits(_ network: Network) -> Bool {
        network.layerSizes.count == 3 && network.biasMode == .none
    }
}
