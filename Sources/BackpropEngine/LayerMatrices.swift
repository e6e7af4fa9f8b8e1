/// A dense matrix of numbers, row by row.
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    /// values[r * columns + c]
    public let values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "\(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A one-row matrix (a bias vector).
    public init(row: [Double]) { self.init(rows: 1, columns: row.count, values: row) }

    public subscript(row: Int, column: Int) -> Double { values[row * columns + column] }

    /// The rows as arrays.
    public var nested: [[Double]] { (0..<rows).map { r in Array(values[(r * columns)..<(r * columns + columns)]) } }
}

/// The recorded step as the batch's matrices: the numbers the events explain one at a time,
/// laid out as the layer form of backpropagation writes them. Rows are the batch's samples
/// (A, Z, Δ are B × n), weight matrices have a row per neuron of the upper layer (W is
/// n_out × n_in, as `weights[l][j][i]`). Neuron layers count from 0 (the inputs); weight layer l
/// joins neuron layer l to l + 1 (on screen W⁽ˡ⁺¹⁾).
extension StepTrace {
    private func batchMatrix(_ layer: RecordedValues, columns n: Int) -> Matrix {
        let b = batchCount
        var out = [Double](repeating: 0, count: b * n)
        for j in 0..<n { for s in 0..<b { out[s * n + j] = layer[j * b + s] } }
        return Matrix(rows: b, columns: n, values: out)
    }

    /// A⁽ˡ⁾ (B × n_l): the activations; A⁽⁰⁾ is the batch's inputs X.
    public func activations(layer l: Int) -> Matrix { batchMatrix(a[l], columns: network.layerSizes[l]) }

    /// Z⁽ˡ⁾ (B × n_l), l ≥ 1: the weighted sums.
    public func weightedSums(layer l: Int) -> Matrix { batchMatrix(z[l], columns: network.layerSizes[l]) }

    /// Δ⁽ˡ⁾ (B × n_l), l ≥ 1: δ = ∂L_s/∂z of each sample's own loss, before the batch's reduction
    /// (for the mean, ∂E/∂Z⁽ˡ⁾ = Δ⁽ˡ⁾ / B).
    public func deltas(layer l: Int) -> Matrix { batchMatrix(delta[l], columns: network.layerSizes[l]) }

    /// f(Z⁽ˡ⁾) (B × n_l) before a skip connection adds to it; A⁽ˡ⁾ itself where none leads in.
    public func activatedValues(layer l: Int) -> Matrix { batchMatrix(activated[l], columns: network.layerSizes[l]) }

    /// ∂L/∂A⁽ˡ⁾ (B × n_l) of a layer a skip connection leads into (what goes back along the skip);
    /// Δ⁽ˡ⁾ where none leads in (there it becomes Δ⁽ˡ⁾ in place and is not kept).
    public func upstreamGradients(layer l: Int) -> Matrix { batchMatrix(upstream[l], columns: network.layerSizes[l]) }

    /// Batch normalization (BatchNorm.swift) of neuron layer l: Ẑ⁽ˡ⁾ and U⁽ˡ⁾ = γ ⊙ Ẑ + β (B × n_l),
    /// ∂L/∂U⁽ˡ⁾ (B × n_l), and per neuron the batch mean, variance, γ and β (before or after the update).
    public func normalizedSums(layer l: Int) -> Matrix { batchMatrix(normalized[l], columns: network.layerSizes[l]) }
    public func scaledSums(layer l: Int) -> Matrix { batchMatrix(u[l], columns: network.layerSizes[l]) }
    public func scaledSumGradients(layer l: Int) -> Matrix { batchMatrix(du[l], columns: network.layerSizes[l]) }
    public func batchMeans(layer l: Int) -> [Double] { (0..<network.layerSizes[l]).map { batchMean[l][$0] } }
    public func batchVariances(layer l: Int) -> [Double] { (0..<network.layerSizes[l]).map { batchVariance[l][$0] } }
    public func scales(layer l: Int, after: Bool = false) -> [Double] {
        (after ? self.after : before).network.parameters.scales[l - 1]
    }
    public func shifts(layer l: Int, after: Bool = false) -> [Double] {
        (after ? self.after : before).network.parameters.shifts[l - 1]
    }
    public func scaleGradients(layer l: Int) -> [Double] { gradient.scales[l - 1] }
    public func shiftGradients(layer l: Int) -> [Double] { gradient.shifts[l - 1] }

    /// ∂L_s/∂Ŷ (B × k): how each sample's loss changes with each output.
    public var outputGradients: Matrix {
        batchMatrix(outputGradient, columns: network.layerSizes[network.weightLayerCount])
    }

    /// Y (B × k): the batch's targets.
    public var targetMatrix: Matrix {
        Matrix(rows: batchCount, columns: targets.first?.count ?? 0, values: targets.flatMap { $0 })
    }

    /// The sample losses L_s, one per row of the batch.
    public var sampleLosses: [Double] { (0..<batchCount).map { sampleLoss[$0] } }

    /// f′(Z⁽ˡ⁾) (B × n_l), element by element, for a layer whose activation has one (not softmax).
    public func activationDerivatives(layer l: Int) -> Matrix? {
        guard network.activations[l - 1] != .softmax else { return nil }
        let n = network.layerSizes[l], b = batchCount
        var out = [Double](repeating: 0, count: b * n)
        for j in 0..<n {
            for s in 0..<b { out[s * n + j] = activationSlope(sample: s, layer: l, neuron: j) ?? 0 }
        }
        return Matrix(rows: b, columns: n, values: out)
    }

    private func weightMatrix(_ p: Parameters, layer l: Int) -> Matrix {
        Matrix(rows: network.layerSizes[l + 1], columns: network.layerSizes[l], values: p.weights[l])
    }

    /// W of weight layer l (n_{l+1} × n_l): before this step's update, or after it.
    public func weights(layer l: Int, after: Bool = false) -> Matrix {
        weightMatrix((after ? self.after : before).network.parameters, layer: l)
    }

    /// b of weight layer l (n_{l+1}): before the update, or after it.
    public func biases(layer l: Int, after: Bool = false) -> [Double] {
        (after ? self.after : before).network.biases[l]
    }

    /// Σ over the batch of the per-sample gradients of weight layer l: Δ⁽ˡ⁺¹⁾ᵀ · A⁽ˡ⁾, as recorded.
    public func gradientSum(layer l: Int) -> Matrix { weightMatrix(gradientSum, layer: l) }
    public func gradientSumOfBiases(layer l: Int) -> [Double] { gradientSum.biases[l] }

    /// ∂E/∂W of weight layer l: the sum, divided by B for the mean reduction.
    public func gradient(layer l: Int) -> Matrix { weightMatrix(gradient, layer: l) }
    public func gradientOfBiases(layer l: Int) -> [Double] { gradient.biases[l] }

    /// The gradient the optimizer was given (after clipping and weight decay, when on).
    public func appliedGradient(layer l: Int) -> Matrix { weightMatrix(appliedGradient, layer: l) }

    /// Position of the event that computes z of this neuron for sample s (input neurons: nil).
    public func eventIndex(weightedSumOf n: NeuronRef, sample s: Int) -> Int? {
        guard n.layer > 0 else { return nil }
        return index.weightedSum(sample: s, n)
    }

    /// Position of the event of output o's share of sample s's loss (they come just before the
    /// sample's loss and the outputs' δ).
    public func eventIndex(lossShareOf o: Int, sample s: Int) -> Int? {
        let top = network.weightLayerCount, k = network.layerSizes[top]
        return eventIndex(deltaOf: NeuronRef(layer: top, index: 0), sample: s).map { $0 - 1 - k + o }
    }
}
