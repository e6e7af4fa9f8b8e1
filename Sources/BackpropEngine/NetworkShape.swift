/// The shape rules `Network.init` checks before it keeps anything: one activation per layer after
/// the input, softmax only on the output layer, and every weight matrix and
/// bias vector exactly as large as the layer sizes say, with finite values.
enum NetworkShape {
    static func check(layerSizes: [Int], activations: [Activation], leakySlope: Double) throws(EngineError) {
        let layers = layerSizes.count - 1
        guard activations.count == layers else { throw .activationCount(expected: layers, got: activations.count) }
        // the backward pass has no elementwise derivative for softmax: only the output layer (fused with its loss)
        if let l = activations.dropLast().firstIndex(of: .softmax) { throw .softmaxNotOutput(layer: l + 1) }
        guard leakySlope.isFinite else { throw .leakySlope(leakySlope) }
    }

    /// weights[l][j][i] must be layerSizes[l+1] rows of layerSizes[l] values; biases (when
    /// given) layerSizes[l+1] values per layer.
    static func check(weights: [[[Double]]], biases: [[Double]]?, layerSizes: [Int]) throws(EngineError) {
        let layers = layerSizes.count - 1
        guard weights.count == layers else { throw .weightLayers(expected: layers, got: weights.count) }
        for (l, matrix) in weights.enumerated() {
            let (rows, columns) = (layerSizes[l + 1], layerSizes[l])
            guard matrix.count == rows else { throw .weightRows(layer: l, expected: rows, got: matrix.count) }
            for (j, row) in matrix.enumerated() {
                guard row.count == columns else {
                    throw .weightColumns(layer: l, row: j, expected: columns, got: row.count)
                }
                if let i = row.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(.weight(layer: l, to: j, from: i)) }
            }
        }
        guard let biases else { return }
        guard biases.count == layers else { throw .biasLayers(expected: layers, got: biases.count) }
        for (l, vector) in biases.enumerated() {
            guard vector.count == layerSizes[l + 1] else {
                throw .biasCount(layer: l, expected: layerSizes[l + 1], got: vector.count)
            }
            if let j = vector.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(.bias(layer: l, neuron: j)) }
        }
    }
}
