import BackpropEngine

/// What a layer view matrix holds, by neuron layer l (weights: W⁽ˡ⁾, into layer l).
enum LayerQuantity: Equatable, Sendable {
    case activations(Int)
    case deltas(Int)
    case losses
    case weightGradients(Int)
    case biasGradients(Int)
    case newWeights(Int)
    case newBiases(Int)
}

extension LayerOperation {
    /// The operation with the values a lesson's pending quiz hides made NaN: the grids draw them
    /// as "?", the heatmaps leave them blank, and the selected cell's number is not shown. A
    /// hidden neuron value hides its whole column (every sample of the batch).
    func hiding(_ hidden: HiddenValues) -> LayerOperation {
        var op = self
        op.terms = terms.map { $0.hiding(hidden) }
        op.result = result.hiding(hidden)
        op.extra = extra?.hiding(hidden)
        return op
    }
}

extension LayerTerm {
    func hiding(_ hidden: HiddenValues) -> LayerTerm {
        guard let quantity else { return self }
        let m = matrix
        var cells: [(Int, Int)] = []
        func columns(_ neurons: Set<NeuronRef>, layer l: Int) {
            for n in neurons where n.layer == l && n.index < m.columns { cells += (0..<m.rows).map { ($0, n.index) } }
        }
        func weights(_ ps: Set<ParameterRef>, layer l: Int) {
            for p in ps { if case .weight(let k, let j, let i) = p, k == l - 1, j < m.rows, i < m.columns { cells.append((j, i)) } }
        }
        func biases(_ ps: Set<ParameterRef>, layer l: Int) {
            for p in ps { if case .bias(let k, let j) = p, k == l - 1, j < m.columns { cells.append((0, j)) } }
        }
        switch quantity {
        case .activations(let l): columns(hidden.activations, layer: l)
        case .deltas(let l): columns(hidden.deltas, layer: l)
        case .losses: if hidden.loss { cells = (0..<m.rows).flatMap { r in (0..<m.columns).map { (r, $0) } } }
        case .weightGradients(let l): weights(hidden.gradients, layer: l)
        case .biasGradients(let l): biases(hidden.gradients, layer: l)
        case .newWeights(let l): weights(hidden.newValues, layer: l)
        case .newBiases(let l): biases(hidden.newValues, layer: l)
        }
        guard !cells.isEmpty else { return self }
        var values = m.values
        for (r, c) in cells { values[r * m.columns + c] = .nan }
        var t = self
        t.matrix = Matrix(rows: m.rows, columns: m.columns, values: values)
        return t
    }
}
