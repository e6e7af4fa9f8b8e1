import BackpropEngine

/// `network.residual`: skip connections between hidden layers. `true` joins every two
/// consecutive hidden layers of equal width; a list of pairs `[[1, 2], [3, 4]]` names them
/// (layers count from 0, the inputs). Checked by the engine's own rule (Residual.swift).
enum NetworkDepth {
    static func residual(_ r: TableReader, _ sizes: [Int]) throws(FileError) -> [ResidualSkip] {
        guard let node = r.table["residual"] else { return [] }
        let skips: [ResidualSkip]
        switch node {
        case .bool(false):
            return []
        case .bool(true):
            skips = ResidualSkip.consecutive(sizes)
            if skips.isEmpty {
                throw r.error("residual", "network.residual = true joins consecutive hidden layers of equal width, "
                    + "and this network (layers \(sizes)) has no two such layers; a residual connection needs two hidden "
                    + "layers with the same number of neurons")
            }
        case .array(let items):
            var list: [ResidualSkip] = []
            for (k, item) in items.enumerated() {
                guard let pair = item.arrayValue, pair.count == 2,
                      case .integer(let from) = pair[0], case .integer(let to) = pair[1] else {
                    throw r.error("residual", element: k, "network.residual must be true, false or a list of layer pairs "
                        + "[from, to], e.g. [[1, 2], [2, 3]]")
                }
                let skip = ResidualSkip(from: from, to: to)
                if let problem = ResidualSkip.problem(list + [skip], layerSizes: sizes) {
                    throw r.error("residual", element: k, "network.residual[\(k)]: \(problem)")
                }
                list.append(skip)
            }
            skips = list
        default:
            throw r.error("residual", "network.residual must be true, false or a list of layer pairs [from, to], "
                + "got \(node.kind)")
        }
        return skips
    }

    /// `network.batch_norm`: `true` normalizes every hidden layer, a list `[1, 3]` names them.
    static func batchNorm(_ r: TableReader, _ sizes: [Int]) throws(FileError) -> [Int] {
        guard let node = r.table["batch_norm"] else { return [] }
        let hidden = sizes.count - 2
        switch node {
        case .bool(false):
            return []
        case .bool(true):
            guard hidden >= 1 else {
                throw r.error("batch_norm", "network.batch_norm normalizes hidden layers, and this network has none")
            }
            return Array(1...hidden)
        case .array(let items):
            var layers: [Int] = []
            for (k, item) in items.enumerated() {
                guard case .integer(let l) = item else {
                    throw r.error("batch_norm", element: k, "network.batch_norm must be true, false or a list of hidden layers, e.g. [1, 2]")
                }
                guard l >= 1 && l <= hidden else {
                    throw r.error("batch_norm", element: k, "network.batch_norm[\(k)]: "
                        + "\(EngineError.batchNormLayer(layer: l, hiddenLayers: hidden))")
                }
                layers.append(l)
            }
            return layers
        default:
            throw r.error("batch_norm", "network.batch_norm must be true, false or a list of hidden layers, got \(node.kind)")
        }
    }
}
