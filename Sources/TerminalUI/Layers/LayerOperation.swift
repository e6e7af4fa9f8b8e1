import BackpropEngine

/// One matrix of an operation as the layer view draws it: the engine's matrix, a name, whether it
/// is drawn transposed (Wᵀ, Δᵀ: drawn with rows and columns swapped, nothing computed), and what
/// of it is highlighted (in the drawn orientation).
struct LayerTerm: Equatable, Sendable {
    enum Highlight: Equatable, Sendable {
        case none
        case row(Int)
        case column(Int)
        case cell(row: Int, column: Int)
    }

    var name: String
    var matrix: Matrix
    var transposed = false
    var highlight: Highlight = .none
    /// l when this is W⁽ˡ⁾ or ∂E/∂W⁽ˡ⁾ (a row per neuron of layer l): W⁽¹⁾ of a picture input can be
    /// drawn as one picture per neuron.
    var weightsOfLayer: Int? = nil
    /// What the matrix holds, for values a lesson's pending quiz hides (`LayerHiding.swift`).
    var quantity: LayerQuantity? = nil

    /// The row of the matrix (not of the drawing) the highlight is on, for a weight matrix: the
    /// neuron whose weights are picked.
    var highlightedMatrixRow: Int? {
        switch highlight {
        case .none: return nil
        case .row(let r): return transposed ? nil : r
        case .column(let c): return transposed ? c : nil
        case .cell(let r, let c): return transposed ? c : r
        }
    }

    /// Rows and columns as drawn.
    var rows: Int { transposed ? matrix.columns : matrix.rows }
    var columns: Int { transposed ? matrix.rows : matrix.columns }
    /// The value drawn at (r, c).
    func value(row r: Int, column c: Int) -> Double { transposed ? matrix[c, r] : matrix[r, c] }

    func isHighlighted(row r: Int, column c: Int) -> Bool {
        switch highlight {
        case .none: return false
        case .row(let k): return r == k
        case .column(let k): return c == k
        case .cell(let rr, let cc): return r == rr && c == cc
        }
    }
}

/// One step of the batch as one matrix operation: `Z⁽¹⁾ = A⁽⁰⁾ · W⁽¹⁾ᵀ + b⁽¹⁾` with the recorded
/// matrices, their shapes, the cell the current event is about, and the NumPy line. Every
/// number is the engine's (`StepTrace`'s matrices); this only picks and names them.
struct LayerOperation: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ · W⁽ˡ⁾ᵀ + b⁽ˡ⁾
        case weightedSum
        /// A⁽ˡ⁾ = f(Z⁽ˡ⁾)
        case activation
        /// L = loss(A⁽ᴸ⁾, Y) row by row, E their mean or sum
        case loss
        /// Δ⁽ᴸ⁾ = ∂L/∂Z⁽ᴸ⁾
        case outputDelta
        /// ∂E/∂W⁽ˡ⁾ = Δ⁽ˡ⁾ᵀ · A⁽ˡ⁻¹⁾ (/ B)
        case weightGradient
        /// Δ⁽ˡ⁾ = (Δ⁽ˡ⁺¹⁾ · W⁽ˡ⁺¹⁾) ⊙ f′(Z⁽ˡ⁾)
        case hiddenDelta
        /// A⁽ᵗ⁾ = f(Z⁽ᵗ⁾) + A⁽ˢ⁾: a skip connection from layer s
        case residualSum
        /// Δ⁽ˢ⁾ = (Δ⁽ˢ⁺¹⁾ · W⁽ˢ⁺¹⁾ + ∂L/∂A⁽ᵗ⁾) ⊙ f′(Z⁽ˢ⁾): the two paths back to a skip's source
        case residualDelta
        /// batch normalization: μ, σ² of Z⁽ˡ⁾; U⁽ˡ⁾ = γ ⊙ Ẑ⁽ˡ⁾ + β; ∂E/∂γ, ∂E/∂β; Δ⁽ˡ⁾ through the normalization
        case batchStatistics
        case normalization
        case normalizationGradient
        case normalizationDelta
        /// W⁽ˡ⁾ ← W⁽ˡ⁾ − η · ∂E/∂W⁽ˡ⁾
        case update
    }

    var kind: Kind
    /// The neuron layer of the result (for weights: the upper layer, l of W⁽ˡ⁾).
    var layer: Int
    /// `Z⁽¹⁾ = A⁽⁰⁾ · W⁽¹⁾ᵀ + b⁽¹⁾`
    var formula: String
    /// The operands, with the operator written before each one after the first (`·`, `+`, `⊙`, `−`).
    var terms: [LayerTerm]
    var operators: [String]
    /// After the terms: `/ 32` for the mean's division.
    var suffix: String = ""
    var result: LayerTerm
    /// A second result beside the first: ∂E/∂b with the weight gradient.
    var extra: LayerTerm?
    /// `(4×3) · (4×3)ᵀ + (1×4) → (4×4)`
    var shapes: String
    var numpy: String
    /// The result's cell the current event is about (drawn orientation), if one.
    var cell: (row: Int, column: Int)?

    static func == (x: LayerOperation, y: LayerOperation) -> Bool {
        x.kind == y.kind && x.layer == y.layer && x.formula == y.formula && x.terms == y.terms
            && x.result == y.result && x.extra == y.extra && x.cell?.row == y.cell?.row && x.cell?.column == y.cell?.column
    }
}

extension LayerOperation {
    /// The operation event `k` of `trace` belongs to, with its cell highlighted. nil for an
    /// event outside the layer form (gradient clipping).
    static func make(trace: StepTrace, event k: Int, unicode: Bool, articleNames: Bool) -> LayerOperation? {
        let net = trace.before.network, config = trace.before.config
        let n = LayerNotation(unicode: unicode)
        let py = NumPyLines(article: articleNames && NumPyLines.articleFits(net), network: net, config: config)
        let event = trace[k]
        switch event.kind {
        case .weightedSum(let neuron, _, _, _):
            return weightedSum(trace, layer: neuron.layer, cell: (event.sample ?? 0, neuron.index), n, py)
        case .activation(let neuron, _, _, _, _):
            return activation(trace, layer: neuron.layer, cell: (event.sample ?? 0, neuron.index), n, py)
        case .lossShare(let output, _, _, _, _):
            return loss(trace, sample: event.sample ?? 0, output: output.index, n, py)
        case .sampleLoss:
            return loss(trace, sample: event.sample ?? 0, output: nil, n, py)
        case .batchLoss:
            return loss(trace, sample: nil, output: nil, n, py)
        case .outputDelta(let neuron, _, _, _, _, _, _, _):
            return outputDelta(trace, cell: (event.sample ?? 0, neuron.index), n, py)
        case .hiddenDelta(let neuron, _, _, _, _, _, _, _), .residualDelta(let neuron, _, _, _, _, _, _, _, _):
            return hiddenDelta(trace, layer: neuron.layer, cell: (event.sample ?? 0, neuron.index), n, py)
        case .residualSum(let neuron, _, _, _, _, _):
            return residualSum(trace, layer: neuron.layer, cell: (event.sample ?? 0, neuron.index), n, py)
        case .batchStatistics(let neuron, _, _, _):
            return batchStatistics(trace, layer: neuron.layer, column: neuron.index, n)
        case .normalization(let neuron, _, _, _, _, _, _, _, _):
            return normalization(trace, layer: neuron.layer, cell: (event.sample ?? 0, neuron.index), n)
        case .normalizationGradient(let neuron, _, _, _, _, _, _, _):
            return normalizationGradient(trace, layer: neuron.layer, column: neuron.index, n)
        case .normalizationDelta(let neuron, _, _, _, _, _, _, _, _):
            return normalizationDelta(trace, layer: neuron.layer, cell: (event.sample ?? 0, neuron.index), n)
        case .weightGradient(let p, _, _):
            guard case .weight(let l, let j, let i) = p else { return nil }
            return weightGradient(trace, layer: l + 1, row: j, column: i, sample: event.sample, bias: false, n, py)
        case .biasGradient(let p, _, _):
            return weightGradient(trace, layer: p.layer + 1, row: neuronIndex(p), column: nil, sample: event.sample, bias: true, n, py)
        case .gradientSum(let p, _, _, _, _):
            switch p {
            case .weight(let l, let j, let i):
                return weightGradient(trace, layer: l + 1, row: j, column: i, sample: nil, bias: false, n, py)
            case .bias(let l, let j):
                return weightGradient(trace, layer: l + 1, row: j, column: nil, sample: nil, bias: true, n, py)
            case .scale(let l, let j), .shift(let l, let j):
                return normalizationGradient(trace, layer: l + 1, column: j, n)
            }
        case .update(let p, _):
            switch p {
            case .weight(let l, let j, let i): return update(trace, layer: l + 1, row: j, column: i, bias: false, n, py)
            case .bias(let l, let j): return update(trace, layer: l + 1, row: j, column: nil, bias: true, n, py)
            case .scale(let l, let j), .shift(let l, let j): return normalizationUpdate(trace, layer: l + 1, column: j, n)
            }
        case .clipping:
            return nil
        }
    }

    private static func neuronIndex(_ p: ParameterRef) -> Int { p.neuronIndex }

    // MARK: forward

    static func weightedSum(_ t: StepTrace, layer l: Int, cell: (Int, Int), _ n: LayerNotation, _ py: NumPyLines) -> LayerOperation {
        let (s, j) = cell
        let hasBias = t.before.network.biasMode != .none
        var terms = [LayerTerm(name: n.a(l - 1), matrix: t.activations(layer: l - 1), highlight: .row(s), quantity: .activations(l - 1)),
                     LayerTerm(name: n.w(l) + n.transposed, matrix: t.weights(layer: l - 1), transposed: true, highlight: .column(j),
                               weightsOfLayer: l)]
        var operators = [n.times]
        if hasBias {
            terms.append(LayerTerm(name: n.b(l), matrix: Matrix(row: t.biases(layer: l - 1)), highlight: .column(j)))
            operators.append("+")
        }
        let result = LayerTerm(name: n.z(l), matrix: t.weightedSums(layer: l), highlight: .cell(row: s, column: j))
        let formula = n.z(l) + " = " + n.a(l - 1) + " " + n.times + " " + n.w(l) + n.transposed + (hasBias ? " + " + n.b(l) : "")
        return LayerOperation(kind: .weightedSum, layer: l, formula: formula, terms: terms, operators: operators,
                              result: result, shapes: shapes(terms, operators, result, n), numpy: py.weightedSum(layer: l),
                              cell: (s, j))
    }

    static func activation(_ t: StepTrace, layer l: Int, cell: (Int, Int), _ n: LayerNotation, _ py: NumPyLines) -> LayerOperation {
        let (s, j) = cell
        let f = t.before.network.activations[l - 1]
        let terms = [LayerTerm(name: n.z(l), matrix: t.weightedSums(layer: l), highlight: f == .softmax ? .row(s) : .cell(row: s, column: j))]
        // where a skip leads in, this is f(Z) alone; the residual sum comes next
        let skipped = t.before.network.skip(into: l) != nil
        let name = skipped ? n.apply(f, n.z(l)) : n.a(l)
        let result = LayerTerm(name: name, matrix: t.activatedValues(layer: l), highlight: .cell(row: s, column: j),
                               quantity: skipped ? nil : .activations(l))
        return LayerOperation(kind: .activation, layer: l, formula: name + " = " + n.apply(f, n.z(l)), terms: terms,
                              operators: [], result: result, shapes: shapes(terms, [], result, n),
                              numpy: py.activation(layer: l), cell: (s, j))
    }

    static func residualSum(_ t: StepTrace, layer l: Int, cell: (Int, Int), _ n: LayerNotation, _ py: NumPyLines) -> LayerOperation {
        let (s, j) = cell
        let net = t.before.network
        let f = net.activations[l - 1], from = net.skip(into: l)!.from
        let here = LayerTerm.Highlight.cell(row: s, column: j)
        let terms = [LayerTerm(name: n.apply(f, n.z(l)), matrix: t.activatedValues(layer: l), highlight: here),
                     LayerTerm(name: n.a(from), matrix: t.activations(layer: from), highlight: here, quantity: .activations(from))]
        let result = LayerTerm(name: n.a(l), matrix: t.activations(layer: l), highlight: here, quantity: .activations(l))
        return LayerOperation(kind: .residualSum, layer: l, formula: n.a(l) + " = " + n.apply(f, n.z(l)) + " + " + n.a(from),
                              terms: terms, operators: ["+"], result: result, shapes: shapes(terms, ["+"], result, n),
                              numpy: py.residualSum(layer: l, from: from), cell: (s, j))
    }

    // MARK: loss

    static func loss(_ t: StepTrace, sample s: Int?, output o: Int?, _ n: LayerNotation, _ py: NumPyLines) -> LayerOperation {
        let top = t.before.network.weightLayerCount
        let config = t.before.config
        let pick: LayerTerm.Highlight = s.map { s in o.map { .cell(row: s, column: $0) } ?? .row(s) } ?? .none
        let terms = [LayerTerm(name: n.a(top), matrix: t.activations(layer: top), highlight: pick, quantity: .activations(top)),
                     LayerTerm(name: "Y", matrix: t.targetMatrix, highlight: pick)]
        let losses = t.sampleLosses
        let result = LayerTerm(name: "L", matrix: Matrix(rows: losses.count, columns: 1, values: losses),
                               highlight: s.map { .cell(row: $0, column: 0) } ?? .column(0), quantity: .losses)
        let combine = config.reduction == .mean ? "mean" : (n.unicode ? "Σ" : "sum")
        let formula = "L = loss(" + n.a(top) + ", Y), E = " + combine + " L"
        return LayerOperation(kind: .loss, layer: top, formula: formula, terms: terms, operators: [","],
                              result: result, shapes: shapes(terms, [","], result, n), numpy: py.loss(),
                              cell: s.map { ($0, 0) })
    }

    // MARK: backward

    static func outputDelta(_ t: StepTrace, cell: (Int, Int), _ n: LayerNotation, _ py: NumPyLines) -> LayerOperation {
        let (s, o) = cell
        let net = t.before.network, config = t.before.config
        let top = net.weightLayerCount
        let here = LayerTerm.Highlight.cell(row: s, column: o)
        let result = LayerTerm(name: n.delta(top), matrix: t.deltas(layer: top), highlight: here, quantity: .deltas(top))
        var terms: [LayerTerm], operators: [String], formula: String, suffix = ""
        if config.loss.fusesWithOutputActivation {
            terms = [LayerTerm(name: n.a(top), matrix: t.activations(layer: top), highlight: here, quantity: .activations(top)),
                     LayerTerm(name: "Y", matrix: t.targetMatrix, highlight: here)]
            operators = [n.minus]
            formula = n.delta(top) + " = " + n.a(top) + " " + n.minus + " Y"
            if config.loss == .bce {
                suffix = "/ \(net.layerSizes[top])"
                formula = n.delta(top) + " = (" + n.a(top) + " " + n.minus + " Y) / \(net.layerSizes[top])"
            }
        } else if let derivative = t.activationDerivatives(layer: top) {
            terms = [LayerTerm(name: n.lossGradient(top), matrix: t.outputGradients, highlight: here),
                     LayerTerm(name: n.derivative(top), matrix: derivative, highlight: here)]
            operators = [n.hadamard]
            formula = n.delta(top) + " = " + n.lossGradient(top) + " " + n.hadamard + " " + n.derivative(top)
        } else {
            // softmax without cross-entropy: each row through the softmax's Jacobian
            terms = [LayerTerm(name: n.lossGradient(top), matrix: t.outputGradients, highlight: .row(s))]
            operators = []
            formula = n.delta(top) + " = " + n.lossGradient(top) + " " + n.times + " J_softmax"
        }
        var op = LayerOperation(kind: .outputDelta, layer: top, formula: formula, terms: terms, operators: operators,
                                result: result, shapes: shapes(terms, operators, result, n), numpy: py.outputDelta(),
                                cell: (s, o))
        op.suffix = suffix
        return op
    }

    static func hiddenDelta(_ t: StepTrace, layer l: Int, cell: (Int, Int), _ n: LayerNotation, _ py: NumPyLines) -> LayerOperation {
        let (s, i) = cell
        var terms = [LayerTerm(name: n.delta(l + 1), matrix: t.deltas(layer: l + 1), highlight: .row(s), quantity: .deltas(l + 1)),
                     LayerTerm(name: n.w(l + 1), matrix: t.weights(layer: l), highlight: .column(i), weightsOfLayer: l + 1)]
        var operators = [n.times]
        // a skip out of this layer: the gradient of the layer it leads into comes back along it, added
        let skip = t.before.network.skip(outOf: l)
        var along = ""
        if let skip {
            terms.append(LayerTerm(name: n.lossGradient(skip.to), matrix: t.upstreamGradients(layer: skip.to),
                                   highlight: .cell(row: s, column: i)))
            operators.append("+")
            along = " + " + n.lossGradient(skip.to)
        }
        if let derivative = t.activationDerivatives(layer: l) {
            terms.append(LayerTerm(name: n.derivative(l), matrix: derivative, highlight: .cell(row: s, column: i)))
            operators.append(n.hadamard)
        }
        let result = LayerTerm(name: n.delta(l), matrix: t.deltas(layer: l), highlight: .cell(row: s, column: i), quantity: .deltas(l))
        let formula = n.delta(l) + " = (" + n.delta(l + 1) + " " + n.times + " " + n.w(l + 1) + along + ") " + n.hadamard
            + " " + n.derivative(l)
        return LayerOperation(kind: skip == nil ? .hiddenDelta : .residualDelta, layer: l, formula: formula, terms: terms,
                              operators: operators,
                              result: result, shapes: shapes(terms, operators, result, n), numpy: py.hiddenDelta(layer: l),
                              cell: (s, i))
    }

    /// ∂E/∂W⁽ˡ⁾ = Δ⁽ˡ⁾ᵀ · A⁽ˡ⁻¹⁾, at weight (row, column), or bias `row` when `bias`; `sample`: the
    /// sample whose term the current event adds (nil: the whole sum).
    static func weightGradient(_ t: StepTrace, layer l: Int, row j: Int, column i: Int?, sample s: Int?, bias: Bool,
                               _ n: LayerNotation, _ py: NumPyLines) -> LayerOperation {
        let mean = t.before.config.reduction == .mean
        let deltaPick: LayerTerm.Highlight = s.map { .cell(row: j, column: $0) } ?? .row(j)
        let inputPick: LayerTerm.Highlight = i.map { i in s.map { .cell(row: $0, column: i) } ?? .column(i) } ?? .none
        let terms = [LayerTerm(name: n.delta(l) + n.transposed, matrix: t.deltas(layer: l), transposed: true, highlight: deltaPick,
                               quantity: .deltas(l)),
                     LayerTerm(name: n.a(l - 1), matrix: t.activations(layer: l - 1), highlight: inputPick, quantity: .activations(l - 1))]
        let result = LayerTerm(name: n.gradientW(l), matrix: t.gradient(layer: l - 1),
                               highlight: i.map { .cell(row: j, column: $0) } ?? .row(j), weightsOfLayer: l, quantity: .weightGradients(l))
        var extra: LayerTerm? = nil
        if t.before.network.biasMode == .trainable {
            extra = LayerTerm(name: n.gradientB(l), matrix: Matrix(row: t.gradientOfBiases(layer: l - 1)),
                              highlight: bias ? .column(j) : .none, quantity: .biasGradients(l))
        }
        let suffix = mean ? "/ \(t.batchCount)" : ""
        let formula = n.gradientW(l) + " = " + n.delta(l) + n.transposed + " " + n.times + " " + n.a(l - 1) + (mean ? " / B" : "")
        var op = LayerOperation(kind: .weightGradient, layer: l, formula: formula, terms: terms, operators: [n.times],
                                result: result, extra: extra, shapes: shapes(terms, [n.times], result, n),
                                numpy: py.weightGradient(layer: l), cell: i.map { (j, $0) })
        op.suffix = suffix
        return op
    }

    // MARK: update

    static func update(_ t: StepTrace, layer l: Int, row j: Int, column i: Int?, bias: Bool, _ n: LayerNotation,
                       _ py: NumPyLines) -> LayerOperation {
        let pick: LayerTerm.Highlight = i.map { .cell(row: j, column: $0) } ?? .row(j)
        let terms = [LayerTerm(name: n.w(l), matrix: t.weights(layer: l - 1), highlight: pick, weightsOfLayer: l),
                     LayerTerm(name: n.gradientW(l), matrix: t.appliedGradient(layer: l - 1), highlight: pick, weightsOfLayer: l,
                               quantity: .weightGradients(l))]
        let sgd = t.before.config.optimizer == .sgd
        let operators = [n.minus + " " + n.eta + " " + n.times]
        let result = LayerTerm(name: n.w(l), matrix: t.weights(layer: l - 1, after: true), highlight: pick, weightsOfLayer: l,
                               quantity: .newWeights(l))
        var extra: LayerTerm? = nil
        if t.before.network.biasMode == .trainable {
            extra = LayerTerm(name: n.b(l), matrix: Matrix(row: t.biases(layer: l - 1, after: true)), highlight: bias ? .column(j) : .none,
                              quantity: .newBiases(l))
        }
        let step = sgd ? n.gradientW(l) : t.before.config.optimizer.name + "(" + n.gradientW(l) + ")"
        let formula = n.w(l) + " " + n.assign + " " + n.w(l) + " " + n.minus + " " + n.eta + " " + n.times + " " + step
        return LayerOperation(kind: .update, layer: l, formula: formula, terms: terms, operators: operators,
                              result: result, extra: extra, shapes: shapes(terms, operators, result, n),
                              numpy: py.update(layer: l), cell: i.map { (j, $0) })
    }

    /// `(4×3) · (4×3)ᵀ + (1×4) → (4×4)`
    private static func shapes(_ terms: [LayerTerm], _ operators: [String], _ result: LayerTerm, _ n: LayerNotation) -> String {
        var out = ""
        for (k, term) in terms.enumerated() {
            if k > 0 { out += (k - 1 < operators.count ? " " + operators[k - 1] + " " : " ") }
            out += n.shape(term.matrix, transposed: term.transposed)
        }
        return out + " " + n.arrow + " " + n.shape(result.matrix, transposed: result.transposed)
    }
}

extension LayerOperation {
    /// The event of `trace` that computes cell (row, column) of this operation's result, in
    /// the same part of the step: for a per-sample gradient, the same `sample`'s term.
    func event(row r: Int, column c: Int, in trace: StepTrace, sample: Int?) -> Int? {
        let net = trace.before.network
        switch kind {
        case .weightedSum: return trace.eventIndex(weightedSumOf: NeuronRef(layer: layer, index: c), sample: r)
        case .activation: return trace.eventIndex(activationOf: NeuronRef(layer: layer, index: c), sample: r)
        case .loss:
            // the sample's loss, after its outputs' shares
            let k = net.layerSizes[net.weightLayerCount]
            return trace.eventIndex(lossShareOf: k - 1, sample: r).map { $0 + 1 }
        case .residualSum: return trace.eventIndex(activationOf: NeuronRef(layer: layer, index: c), sample: r)
        case .normalization: return trace.eventIndex(activationOf: NeuronRef(layer: layer, index: c), sample: r).map { $0 - 1 }
        case .batchStatistics, .normalizationGradient: return nil
        case .outputDelta, .hiddenDelta, .residualDelta, .normalizationDelta: return trace.eventIndex(deltaOf: NeuronRef(layer: layer, index: c), sample: r)
        case .weightGradient:
            let p = ParameterRef.weight(layer: layer - 1, to: r, from: c)
            if let sample { return trace.eventIndex(gradientOf: p, sample: sample) }
            return trace.eventIndex(gradientSumOf: p) ?? trace.eventIndex(gradientOf: p, sample: 0)
        case .update: return trace.eventIndex(updateOf: .weight(layer: layer - 1, to: r, from: c))
        }
    }
}
