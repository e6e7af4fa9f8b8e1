import BackpropEngine
import NetworkNaming

/// How the layer view writes matrices and operations: A⁽¹⁾, W⁽²⁾ᵀ, Δ⁽²⁾, ∂E/∂W⁽¹⁾, ⊙, η in
/// Unicode; A^(1), W^(2)^T, D^(2), dE/dW^(1), *, lr in ASCII. Neuron layers count from 0 (the
/// inputs); W⁽ˡ⁾ joins layer l − 1 to layer l. The layer mark is NetworkNaming's, so W⁽²⁾'s
/// elements are the W⁽²⁾₃,₇ of a large network's parameter names and h₁⁽²⁾ is in A⁽²⁾.
struct LayerNotation: Sendable {
    let unicode: Bool

    /// ⁽ˡ⁾ or ^(l)
    func layer(_ l: Int) -> String { NetworkNaming.layerMark(l, unicode ? .unicode : .ascii) }

    func a(_ l: Int) -> String { "A" + layer(l) }
    func z(_ l: Int) -> String { "Z" + layer(l) }
    func w(_ l: Int) -> String { "W" + layer(l) }
    func b(_ l: Int) -> String { "b" + layer(l) }
    func delta(_ l: Int) -> String { (unicode ? "Δ" : "D") + layer(l) }
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
        let a = network.skip(into: l) == nil ? "A\(l)" : "F\(l)"
        switch network.activations[l - 1] {
        case .sigmoid: return "\(a) * (1 - \(a))"
        case .tanh: return "(1 - \(a) ** 2)"
        case .relu: return "(Z\(l) > 0)"
        case .leakyRelu: return "np.where(Z\(l) > 0, 1, \(network.leakySlope))"
        case .identity: return "1"
        case .softmax: return "softmax_jacobian(Z\(l))"
        }
    }

    private var top: Int { network.weightLayerCount }
    private var mean: Bool { config.reduction == .mean }
    private var hasBias: Bool { network.biasMode != .none }
    private var trainsBias: Bool { network.biasMode == .trainable }

    private var articleWeights: [String] { ["weights_input_hidden", "weights_hidden_output"] }
    private var articleLayers: [String] { ["X", "hidden_layer", "output_layer"] }

    func weightedSum(layer l: Int) -> String {
        if article { return "np.dot(\(articleLayers[l - 1]), \(articleWeights[l - 1]))" }
        return "Z\(l) = A\(l - 1) @ W\(l).T" + (hasBias ? " + b\(l)" : "")
    }

    func activation(layer l: Int) -> String {
        if article { return "\(articleLayers[l]) = sigmoid(np.dot(\(articleLayers[l - 1]), \(articleWeights[l - 1])))" }
        let a = network.skip(into: l) == nil ? "A\(l)" : "F\(l)"
        return "\(a) = " + f(l, "Z\(l)", a)
    }

    func residualSum(layer l: Int, from: Int) -> String { "A\(l) = F\(l) + A\(from)" }

    func loss() -> String {
        if article { return "output_error = y - output_layer   # E = 0.5 * np.sum(output_error ** 2)" }
        let a = "A\(top)"
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
        let a = "A\(top)"
        switch config.loss {
        case .crossEntropy: return "D\(top) = \(a) - Y"
        case .bce: return "D\(top) = (\(a) - Y) / \(network.layerSizes[top])"
        case .halfSSE: return "D\(top) = (\(a) - Y) * " + fPrime(top)
        case .mse: return "D\(top) = 2 * (\(a) - Y) / \(network.layerSizes[top]) * " + fPrime(top)
        }
    }

    func weightGradient(layer l: Int) -> String {
        if article {
            return "\(articleLayers[l - 1]).T.dot(\(l == 2 ? "output_delta" : "hidden_delta"))   # = -dE/dW\(l).T"
        }
        let divide = mean ? " / B" : ""
        return "dW\(l) = D\(l).T @ A\(l - 1)\(divide)" + (trainsBias ? "; db\(l) = D\(l).sum(axis=0)\(divide)" : "")
    }

    func hiddenDelta(layer l: Int) -> String {
        if article {
            return "hidden_error = output_delta.dot(weights_hidden_output.T); hidden_delta = hidden_error * sigmoid_derivative(hidden_layer)"
        }
        if let skip = network.skip(outOf: l) {
            return "dA\(l) = D\(l + 1) @ W\(l + 1) + dA\(skip.to); D\(l) = dA\(l) * " + fPrime(l)
        }
        if network.skip(into: l) != nil { return "dA\(l) = D\(l + 1) @ W\(l + 1); D\(l) = dA\(l) * " + fPrime(l) }
        return "D\(l) = (D\(l + 1) @ W\(l + 1)) * " + fPrime(l)
    }

    func update(layer l: Int) -> String {
        if article {
            return "\(articleWeights[l - 1]) += \(articleLayers[l - 1]).T.dot(\(l == 2 ? "output_delta" : "hidden_delta")) * learning_rate"
        }
        switch config.optimizer {
        case .sgd: return "W\(l) -= lr * dW\(l)"
        case .momentum: return "v\(l) = mu * v\(l) + dW\(l); W\(l) -= lr * v\(l)"
        case .adam: return "m\(l) = b1 * m\(l) + (1 - b1) * dW\(l); v\(l) = b2 * v\(l) + (1 - b2) * dW\(l) ** 2; W\(l) -= lr * m_hat / (np.sqrt(v_hat) + eps)"
        }
    }

    /// Whether the article's names fit this network: one hidden layer, no biases.
    static func articleFits(_ network: Network) -> Bool {
        network.layerSizes.count == 3 && network.biasMode == .none
    }
}
