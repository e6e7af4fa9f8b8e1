import BackpropEngine

/// Which title and sentence an event gets, with its names and numbers written out.
extension EventWords {
    func phrases(for event: StepEvent) -> (title: Phrase, sentence: Phrase) {
        let f = numbers
        switch event.kind {
        case .weightedSum(let n, let terms, let bias, let sum):
            let inputs = list(count: terms.count) { notation.name(of: NeuronRef(layer: n.layer - 1, index: $0)) }
            let biasName = bias == nil ? nil : notation.name(of: .bias(layer: n.layer - 1, neuron: n.index))
            return (.weightedSumTitle(neuron: name(of: n)),
                    .weightedSum(neuron: name(of: n), fromInputLayer: n.layer == 1, inputs: inputs, bias: biasName,
                                 sum: notation.weightedSum(of: n), z: f.fixed(sum)))
        case .activation(let n, let function, let z, let value, _):
            // where a skip leads in, this is f(z) alone (the residual sum comes next)
            let shown = residualTargets.contains(n.layer) ? formulas(shorten: true).activatedName(n, function) : name(of: n)
            return (.activationTitle(neuron: name(of: n), function: function),
                    .activation(neuron: shown, function: function, sum: notation.activationInput(of: n),
                                z: f.fixed(z), value: f.fixed(value),
                                positive: z > 0, isOutput: notation.isOutput(n), slope: f.compact(leakySlope)))
        case .lossShare(let o, let loss, let p, let y, _):
            return (.lossShareTitle(output: name(of: o)),
                    .lossShare(output: name(of: o), target: notation.target(of: o), loss: loss, prediction: f.fixed(p),
                               targetValue: f.fixed(y), targetIsZero: y == 0, outputs: outputCount))
        case .sampleLoss(_, let shares, let value):
            let outputs = list(count: shares.count) { name(of: NeuronRef(layer: outputLayer, index: $0)) }
            return (.sampleLossTitle, .sampleLoss(outputs: outputs, single: shares.count == 1, value: f.fixed(value)))
        case .batchLoss(let reduction, let losses, let value):
            return (.batchLossTitle, .batchLoss(reduction: reduction, count: losses.count, value: f.fixed(value)))
        case .outputDelta(let n, let loss, let p, let y, _, _, let delta, let fused):
            return (.outputDeltaTitle(neuron: name(of: n)),
                    .outputDelta(neuron: name(of: n), sum: notation.weightedSum(of: n), delta: notation.delta(of: n),
                                 target: notation.target(of: n),
                                 targetValue: f.fixed(y), relation: Relation(prediction: p, target: y),
                                 sign: Sign(delta), fused: fused, loss: loss, function: outputActivation))
        case .hiddenDelta(let n, let function, let terms, _, _, _, let derivative, let delta):
            let downstream = list(count: terms.count) { name(of: NeuronRef(layer: n.layer + 1, index: $0)) }
            return (.hiddenDeltaTitle(neuron: name(of: n)),
                    .hiddenDelta(neuron: name(of: n), sum: notation.activationInput(of: n), delta: notation.hiddenGradient(of: n),
                                 downstream: downstream,
                                 function: function, sign: Sign(delta), flat: derivative == 0))
        case .residualSum(let n, let function, let from, let activated, let skip, let value):
            return (.residualSumTitle(neuron: name(of: n)),
                    .residualSum(neuron: name(of: n), activated: formulas(shorten: true).activatedName(n, function),
                                 skip: name(of: from), activatedValue: f.fixed(activated), skipValue: f.fixed(skip),
                                 value: f.fixed(value)))
        case .residualDelta(let n, let function, _, let skip, _, _, _, let derivative, let delta):
            return (.residualDeltaTitle(neuron: name(of: n)),
                    .residualDelta(neuron: name(of: n), sum: notation.activationInput(of: n), delta: notation.hiddenGradient(of: n),
                                   gradient: notation.lossGradient(of: n), target: name(of: skip.to),
                                   targetGradient: notation.lossGradient(of: skip.to), through: f.fixed(skip.throughLayer),
                                   along: f.fixed(skip.alongSkip), function: function, sign: Sign(delta),
                                   flat: derivative == 0))
        case .batchStatistics(let n, let sums, let mean, let variance):
            return (.batchStatisticsTitle(neuron: name(of: n)),
                    .batchStatistics(sum: notation.weightedSum(of: n), mean: notation.batchMean(of: n),
                                     variance: notation.batchVariance(of: n), count: sums.count, meanValue: f.fixed(mean),
                                     varianceValue: f.fixed(variance)))
        case .normalization(let n, let z, _, _, _, let normalized, _, _, let value):
            return (.normalizationTitle(neuron: name(of: n)),
                    .normalization(sum: notation.weightedSum(of: n), normalized: notation.normalizedSum(of: n),
                                   scaled: notation.scaledSum(of: n), scale: name(of: .scale(layer: n.layer - 1, neuron: n.index)),
                                   shift: name(of: .shift(layer: n.layer - 1, neuron: n.index)), z: f.fixed(z),
                                   normalizedValue: f.fixed(normalized), value: f.fixed(value),
                                   epsilon: f.compact(BatchNorm.epsilon)))
        case .normalizationGradient(let n, let upstream, _, _, _, let divisor, _, _):
            return (.normalizationGradientTitle(neuron: name(of: n)),
                    .normalizationGradient(scaled: notation.scaledSum(of: n), normalized: notation.normalizedSum(of: n),
                                           scale: name(of: .scale(layer: n.layer - 1, neuron: n.index)),
                                           shift: name(of: .shift(layer: n.layer - 1, neuron: n.index)),
                                           count: upstream.count, reduction: divisor == nil ? .sum : .mean))
        case .normalizationDelta(let n, _, _, _, _, _, _, let b, _):
            return (.normalizationDeltaTitle(neuron: name(of: n)),
                    .normalizationDelta(neuron: name(of: n), sum: notation.weightedSum(of: n), delta: notation.delta(of: n),
                                        normalized: notation.normalizedSum(of: n), count: b))
        case .weightGradient(let p, let factors, let value):
            let chain = factors.contains { if case .lossGradient = $0.role { return true } else { return false } }
            let to = notation.neuron(of: p)
            let from = notation.source(of: p).map { name(of: $0) } ?? "1"
            return (.weightGradientTitle(parameter: name(of: p)),
                    .weightGradient(parameter: name(of: p), to: name(of: to), sum: notation.weightedSum(of: to),
                                    toDelta: notation.delta(of: to),
                                    from: from, chain: chain, sign: Sign(value)))
        case .biasGradient(let p, _, let value):
            let n = notation.neuron(of: p)
            return (.biasGradientTitle(parameter: name(of: p)),
                    .biasGradient(parameter: name(of: p), neuron: name(of: n), sum: notation.weightedSum(of: n),
                                  delta: notation.delta(of: n),
                                  sign: Sign(value)))
        case .gradientSum(let p, let contributions, _, let divisor, _):
            let count = contributions.count
            let cs = count <= 2 ? (0..<count).map { notation.contribution($0) }.joined(separator: ", ")
                : notation.contribution(0) + " " + symbols.ellipsis + " " + notation.contribution(count - 1)
            return (.gradientSumTitle(parameter: name(of: p)),
                    .gradientSum(parameter: name(of: p), count: count, contributions: cs,
                                 reduction: divisor == nil ? .sum : .mean))
        case .clipping(let norm, let limit, let scale):
            return (.clippingTitle, .clipping(norm: f.fixed(norm), limit: f.compact(limit), scale: scale.map(f.fixed)))
        case .update(let p, let u):
            return (.updateTitle(parameter: name(of: p), optimizer: u.optimizer),
                    .update(parameter: name(of: p), optimizer: u.optimizer, learningRate: f.compact(u.learningRate),
                            old: f.fixed(u.old), new: f.fixed(u.new), direction: Direction(old: u.old, new: u.new)))
        }
    }

    var outputLayer: Int { layerSizes.count - 1 }
    var outputCount: Int { layerSizes[layerSizes.count - 1] }

    /// "x₁, x₂" or, for a wide layer, "x₁, x₂, x₃, …, x₆₄"
    private func list(count: Int, _ item: (Int) -> String) -> String {
        let layout = FormulaLayout(width: width, shorten: true, ellipsis: symbols.ellipsis, assign: symbols.assign)
        return layout.terms(count: count, item).joined(separator: ", ")
    }
}
