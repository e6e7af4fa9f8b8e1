import BackpropEngine

/// Batch normalization's steps as matrix operations of the whole batch (BatchNorm.swift): every
/// matrix is the engine's; the NumPy lines are those of benchmarks/reference/deep_reference.py.
extension LayerOperation {
    private static func row(_ name: String, _ values: [Double], _ highlight: LayerTerm.Highlight) -> LayerTerm {
        LayerTerm(name: name, matrix: Matrix(row: values), highlight: highlight)
    }

    private static func shape(_ terms: [LayerTerm], _ operators: [String], _ result: LayerTerm, _ n: LayerNotation) -> String {
        var out = ""
        for (k, term) in terms.enumerated() {
            if k > 0 { out += " " + (k - 1 < operators.count ? operators[k - 1] : ",") + " " }
            out += n.shape(term.matrix, transposed: term.transposed)
        }
        return out + " " + n.arrow + " " + n.shape(result.matrix)
    }

    /// μ⁽ˡ⁾ = mean(Z⁽ˡ⁾), σ²⁽ˡ⁾ = var(Z⁽ˡ⁾), column by column
    static func batchStatistics(_ t: StepTrace, layer l: Int, column j: Int, _ n: LayerNotation) -> LayerOperation {
        let mu = "μ" + n.layer(l), variance = "σ²" + n.layer(l)
        let terms = [LayerTerm(name: n.z(l), matrix: t.weightedSums(layer: l), highlight: .column(j))]
        let result = row(mu, t.batchMeans(layer: l), .column(j))
        return LayerOperation(kind: .batchStatistics, layer: l, formula: mu + " = mean(" + n.z(l) + "), " + variance + " = var("
                                + n.z(l) + ")", terms: terms, operators: [], result: result,
                              extra: row(variance, t.batchVariances(layer: l), .column(j)),
                              shapes: shape(terms, [], result, n),
                              numpy: "mu = Z\(l).mean(axis=0); var = Z\(l).var(axis=0)", cell: (0, j))
    }

    /// U⁽ˡ⁾ = γ ⊙ Ẑ⁽ˡ⁾ + β with Ẑ⁽ˡ⁾ = (Z⁽ˡ⁾ − μ) / √(σ² + ε)
    static func normalization(_ t: StepTrace, layer l: Int, cell: (Int, Int), _ n: LayerNotation) -> LayerOperation {
        let (s, j) = cell
        let zh = "Ẑ" + n.layer(l), u = "U" + n.layer(l), here = LayerTerm.Highlight.cell(row: s, column: j)
        let terms = [row("γ" + n.layer(l), t.scales(layer: l), .column(j)),
                     LayerTerm(name: zh, matrix: t.normalizedSums(layer: l), highlight: here),
                     row("β" + n.layer(l), t.shifts(layer: l), .column(j))]
        let result = LayerTerm(name: u, matrix: t.scaledSums(layer: l), highlight: here)
        return LayerOperation(kind: .normalization, layer: l,
                              formula: u + " = γ ⊙ " + zh + " + β,  " + zh + " = (" + n.z(l) + " − μ) / √(σ² + ε)",
                              terms: terms, operators: [n.hadamard, "+"], result: result,
                              shapes: shape(terms, [n.hadamard, "+"], result, n),
                              numpy: "Zhat\(l) = (Z\(l) - mu) / np.sqrt(var + eps); U\(l) = gamma * Zhat\(l) + beta", cell: (s, j))
    }

    /// ∂E/∂γ = Σₛ ∂L/∂U ⊙ Ẑ (/ B), ∂E/∂β = Σₛ ∂L/∂U (/ B)
    static func normalizationGradient(_ t: StepTrace, layer l: Int, column j: Int, _ n: LayerNotation) -> LayerOperation {
        let mean = t.before.config.reduction == .mean
        let dU = "∂L/∂U" + n.layer(l), zh = "Ẑ" + n.layer(l)
        let terms = [LayerTerm(name: dU, matrix: t.scaledSumGradients(layer: l), highlight: .column(j)),
                     LayerTerm(name: zh, matrix: t.normalizedSums(layer: l), highlight: .column(j))]
        let result = row("∂E/∂γ" + n.layer(l), t.scaleGradients(layer: l), .column(j))
        var op = LayerOperation(kind: .normalizationGradient, layer: l,
                                formula: "∂E/∂γ = Σ " + dU + " ⊙ " + zh + (mean ? " / B" : "") + ",  ∂E/∂β = Σ " + dU + (mean ? " / B" : ""),
                                terms: terms, operators: [n.hadamard], result: result,
                                extra: row("∂E/∂β" + n.layer(l), t.shiftGradients(layer: l), .column(j)),
                                shapes: shape(terms, [n.hadamard], result, n),
                                numpy: "dgamma = (DU\(l) * Zhat\(l)).sum(axis=0)\(mean ? " / B" : ""); dbeta = DU\(l).sum(axis=0)\(mean ? " / B" : "")",
                                cell: (0, j))
        op.suffix = mean ? "/ \(t.batchCount)" : ""
        return op
    }

    /// Δ⁽ˡ⁾ = (B·∂L/∂Ẑ − Σₛ ∂L/∂Ẑ − Ẑ ⊙ Σₛ ∂L/∂Ẑ ⊙ Ẑ) / (B·√(σ² + ε)), ∂L/∂Ẑ = ∂L/∂U ⊙ γ
    static func normalizationDelta(_ t: StepTrace, layer l: Int, cell: (Int, Int), _ n: LayerNotation) -> LayerOperation {
        let (s, j) = cell
        let dU = "∂L/∂U" + n.layer(l), zh = "Ẑ" + n.layer(l), here = LayerTerm.Highlight.cell(row: s, column: j)
        let terms = [LayerTerm(name: dU, matrix: t.scaledSumGradients(layer: l), highlight: .column(j)),
                     LayerTerm(name: zh, matrix: t.normalizedSums(layer: l), highlight: .column(j))]
        let result = LayerTerm(name: n.delta(l), matrix: t.deltas(layer: l), highlight: here)
        return LayerOperation(kind: .normalizationDelta, layer: l,
                              formula: n.delta(l) + " = (B·dẐ − Σ dẐ − " + zh + " ⊙ Σ dẐ ⊙ " + zh + ") / (B·√(σ² + ε)),  dẐ = "
                                + dU + " ⊙ γ",
                              terms: terms, operators: [","], result: result, shapes: shape(terms, [","], result, n),
                              numpy: "dZh = DU\(l) * gamma; D\(l) = (B * dZh - dZh.sum(0) - Zhat\(l) * (dZh * Zhat\(l)).sum(0)) / (B * np.sqrt(var + eps))",
                              cell: (s, j))
    }

    /// γ ← γ − η·∂E/∂γ (and β), with the optimizer's step
    static func normalizationUpdate(_ t: StepTrace, layer l: Int, column j: Int, _ n: LayerNotation) -> LayerOperation {
        let terms = [row("γ" + n.layer(l), t.scales(layer: l), .column(j)),
                     row("∂E/∂γ" + n.layer(l), t.scaleGradients(layer: l), .column(j))]
        let result = row("γ" + n.layer(l), t.scales(layer: l, after: true), .column(j))
        let step = t.before.config.optimizer == .sgd ? "∂E/∂γ" : t.before.config.optimizer.name + "(∂E/∂γ)"
        return LayerOperation(kind: .update, layer: l, formula: "γ ← γ − η × " + step + ",  β likewise", terms: terms,
                              operators: [n.minus + " " + n.eta + " " + n.times], result: result,
                              extra: row("β" + n.layer(l), t.shifts(layer: l, after: true), .column(j)),
                              shapes: shape(terms, ["−"], result, n), numpy: "gamma -= lr * dgamma; beta -= lr * dbeta",
                              cell: (0, j))
    }
}
