import BackpropEngine

/// Reads `[network]` into a `NetworkSpec`, checking every shape against `layers`.
enum NetworkSection {
    static let keys = ["layers", "activation", "output_activation", "leaky_slope", "bias", "init",
                       "init_range", "seed", "weights", "biases", "residual", "batch_norm"]

    static let hiddenActivations: [(String, Activation)] =
        [Activation.identity, .sigmoid, .tanh, .relu, .leakyRelu].map { ($0.rawValue, $0) }
    static let allActivations: [(String, Activation)] = Activation.allCases.map { ($0.rawValue, $0) }

    static func read(_ r: TableReader) throws(FileError) -> NetworkSpec {
        let sizes = try layers(r)
        let hasHidden = sizes.count > 2
        // softmax is offered as the hidden activation only when there is no hidden layer
        let hidden = try r.choice("activation", what: "activation", allActivations) ?? .sigmoid
        if hidden == .softmax && hasHidden {
            throw r.error("activation", "softmax can only be the activation of the output layer: "
                + "set output_activation = \"softmax\" and choose another activation for the hidden layers")
        }
        let output = try r.choice("output_activation", what: "activation", allActivations) ?? hidden
        if output == .softmax && sizes.last! < 2 {
            let key = r.has("output_activation") ? "output_activation" : "activation"
            throw r.error(key, "softmax needs at least 2 output neurons, the output layer has \(sizes.last!)")
        }
        let activations = [Activation](repeating: hidden, count: sizes.count - 2) + [output]

        let slope = try r.number("leaky_slope") ?? 0.01
        try r.reject("leaky_slope", unless: activations.contains(.leakyRelu), "with the \"leaky-relu\" activation")
        let bias = try r.choice("bias", what: "bias mode", BiasMode.allCases.map { ($0.rawValue, $0) }) ?? .trainable

        let defaultInit: String = hidden == .relu || hidden == .leakyRelu ? "he" : "xavier"
        let initName = try r.choice("init", what: "init", ["uniform", "xavier", "he"].map { ($0, $0) }) ?? defaultInit
        try r.reject("init_range", unless: initName == "uniform", "with init = \"uniform\"")
        var initialization = WeightInit.xavier
        switch initName {
        case "uniform":
            var range = [-1.0, 1.0]
            if let node = r.table["init_range"] {
                range = try NumberArrays.list(node, r.path("init_range"), at: { r.error("init_range", "") })
                guard range.count == 2, range[0] < range[1] else {
                    throw r.error("init_range", "network.init_range must be two numbers [low, high] with low < high")
                }
            }
            initialization = .uniform(low: range[0], high: range[1])
        case "he": initialization = .he
        default: initialization = .xavier
        }

        let seed = try r.integer("seed") ?? 1
        guard seed >= 0 else { throw r.error("seed", "network.seed must be 0 or more, got \(seed)") }

        let weights = try explicitWeights(r, sizes)
        let biases = try explicitBiases(r, sizes)
        if biases != nil && bias == .none {
            throw r.error("biases", "network.biases are given but bias = \"none\"; remove them, "
                + "or set bias = \"trainable\" or \"frozen\"")
        }
        var spec = NetworkSpec(layerSizes: sizes, activations: activations, leakySlope: slope, biasMode: bias,
                               initialization: initialization, seed: UInt64(seed),
                               explicitWeights: weights, explicitBiases: biases)
        spec.residual = try NetworkDepth.residual(r, sizes)
        spec.batchNorm = try NetworkDepth.batchNorm(r, sizes)
        return spec
    }

    private static func layers(_ r: TableReader) throws(FileError) -> [Int] {
        let node = try r.required("layers")
        guard let items = node.arrayValue else { throw r.error("layers", "network.layers must be an array of integers") }
        var sizes: [Int] = []
        for item in items {
            guard case .integer(let n) = item else {
                throw r.error("layers", "network.layers must be an array of integers")
            }
            sizes.append(n)
        }
        // the engine's count of the sizes, before anything of that size exists
        _ = try EngineErrorPlace(r.context).check { () throws(EngineError) in try NetworkSize(layerSizes: sizes) }
        return sizes
    }

    private static func explicitWeights(_ r: TableReader, _ sizes: [Int]) throws(FileError) -> [[[Double]]]? {
        guard let node = r.table["weights"] else { return nil }
        let count = sizes.count - 1
        guard let layers = node.arrayValue else {
            throw r.error("weights", "network.weights must be an array of \(count) matrices (weights[l][j][i])")
        }
        guard layers.count == count else {
            throw r.error("weights", "network.weights must have \(count) matrices (one per layer after the input), got \(layers.count)")
        }
        var out: [[[Double]]] = []
        for (l, layer) in layers.enumerated() {
            let m = try NumberArrays.matrix(layer, "network.weights[\(l)]", at: { _ in r.error("weights", element: l, "") })
            let (outs, ins) = (sizes[l + 1], sizes[l])
            if m.count != outs || m.contains(where: { $0.count != ins }) {
                let widths = Set(m.map(\.count))
                let got = widths.count <= 1 ? "\(m.count)x\(m.first?.count ?? 0)"
                    : "\(m.count) rows of \(m.map { String($0.count) }.joined(separator: ", ")) values"
                throw r.error("weights", element: l,
                              "network.weights[\(l)] must be \(outs)x\(ins) (\(outs) outputs × \(ins) inputs), got \(got)")
            }
            out.append(m)
        }
        return out
    }

    private static func explicitBiases(_ r: TableReader, _ sizes: [Int]) throws(FileError) -> [[Double]]? {
        guard let node = r.table["biases"] else { return nil }
        let count = sizes.count - 1
        let m = try NumberArrays.matrix(node, "network.biases", at: { k in r.error("biases", element: k, "") })
        guard m.count == count else {
            throw r.error("biases", "network.biases must have \(count) arrays (one per layer after the input), got \(m.count)")
        }
        for (l, row) in m.enumerated() where row.count != sizes[l + 1] {
            throw r.error("biases", element: l,
                          "network.biases[\(l)] must have \(sizes[l + 1]) values (one per neuron of layer \(l + 1)), got \(row.count)")
        }
        return m
    }
}
