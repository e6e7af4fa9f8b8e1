import BackpropEngine
import EventWords

/// The network with the numbers known at this point: activations in the forward pass, δ going back.
func drawDiagram(_ s: ScreenState, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let backward = s.event.map { $0.phase == .backward || $0.phase == .update } ?? false
    let separator = s.model.unicode ? " · " : " - "
    let content = backward ? s.text.deltas(unicode: s.model.unicode) : s.text.activations
    let panel = Panel(title: s.text.network + separator + content, box: box)
    panel.render(into: &buffer, area: area)
    diagram(for: s, backward: backward).render(into: &buffer, area: panel.inner(area))
}

func diagram(for s: ScreenState, backward: Bool) -> NetworkDiagram {
    let net = s.network
    let words = s.words
    let event = s.event
    let highlighted = Set(event?.neurons ?? [])
    let active = event?.mainNeuron
    var weights = net.nestedWeights
    if let trace = s.trace, let k = s.eventIndex, trace.phase(at: k) == .update {
        for p in net.parameterRefs {
            if case .weight(let l, let j, let i) = p { weights[l][j][i] = s.value(of: p) }
        }
    }
    var edgeStates: [ParameterRef: NetworkDiagram.ItemState] = [:]
    if let event {
        for p in event.parameters { edgeStates[p] = .path }
        if case .weightGradient(let p, _, _) = event.kind, case .weight(let l, let j, _) = p {
            // the chain rule runs from this weight's neuron up to the loss
            for later in (l + 1)..<net.weightLayerCount {
                for to in 0..<net.layerSizes[later + 1] {
                    for from in 0..<net.layerSizes[later] where later > l + 1 || from == j {
                        edgeStates[.weight(layer: later, to: to, from: from)] = .path
                    }
                }
            }
        }
        if let p = event.mainParameter { edgeStates[p] = .active }
    }
    let first = s.trainer.nextBatchIndices.first
    let pixels: [Double]? = s.trace.map { trace in
        (0..<net.layerSizes[0]).map { trace.activation(sample: s.sample, layer: 0, neuron: $0) }
    } ?? first.map { s.trainer.data.inputs[$0] }
    return NetworkDiagram.of(net, words: words, language: s.model.language, unicode: s.model.unicode,
                             weights: weights, pixels: pixels, edgeStates: edgeStates,
                             focus: active ?? event?.mainParameter.map(neuronOf)) { n in
        var shown = NetworkDiagram.NeuronShown()
        shown.state = n == active ? .active : highlighted.contains(n) ? .path : .normal
        if let trace = s.trace {
            // The representatives of a long layer are chosen by the recorded values of this
            // sample, shown or not yet, so they stay put while the step moves through the layer.
            let (l, i) = (n.layer, n.index)
            if l == 0 {
                shown.activity = trace.activation(sample: s.sample, layer: 0, neuron: i)
                shown.value = words.format(shown.activity!)
            } else if backward {
                shown.activity = trace.delta(sample: s.sample, layer: l, neuron: i)
                if s.isShown(trace.eventIndex(deltaOf: n, sample: s.sample)) { shown.value = words.format(shown.activity!) }
            } else {
                shown.activity = trace.activation(sample: s.sample, layer: l, neuron: i)
                if s.isShown(trace.eventIndex(activationOf: n, sample: s.sample)) { shown.value = words.format(shown.activity!) }
            }
        } else if n.layer == 0, let first {
            shown.activity = s.trainer.data.inputs[first][n.index]
            shown.value = words.format(shown.activity!)
        }
        // a value a lesson's pending quiz asks for (or that gives it away) waits for the answer
        let hidden = s.model.hidden
        if shown.value != nil, backward ? hidden.deltas.contains(n) : hidden.activations.contains(n) { shown.value = "?" }
        return shown
    }
}

private func neuronOf(_ p: ParameterRef) -> NeuronRef {
    switch p {
    case .weight(let l, let j, _), .bias(let l, let j), .scale(let l, let j), .shift(let l, let j):
        return NeuronRef(layer: l + 1, index: j)
    }
}
