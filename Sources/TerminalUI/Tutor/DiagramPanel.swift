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
    var layers: [[NetworkDiagram.Node]] = []
    for (l, size) in net.layerSizes.enumerated() {
        var nodes: [NetworkDiagram.Node] = []
        nodes.reserveCapacity(size)
        for i in 0..<size {
            let n = NeuronRef(layer: l, index: i)
            var value: String? = nil
            if let trace = s.trace {
                if l == 0 {
                    value = words.format(trace.activation(sample: s.sample, layer: 0, neuron: i))
                } else if backward {
                    if s.isShown(trace.eventIndex(deltaOf: n, sample: s.sample)) {
                        value = words.format(trace.delta(sample: s.sample, layer: l, neuron: i))
                    }
                } else if s.isShown(trace.eventIndex(activationOf: n, sample: s.sample)) {
                    value = words.format(trace.activation(sample: s.sample, layer: l, neuron: i))
                }
            } else if l == 0, let first = s.trainer.nextBatchIndices.first {
                value = words.format(s.trainer.data.inputs[first][i])
            }
            let state: NetworkDiagram.ItemState = n == active ? .active : highlighted.contains(n) ? .path : .normal
            nodes.append(.init(name: words.name(of: n), value: value, state: state))
        }
        layers.append(nodes)
    }
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
    let captions = net.layerSizes.indices.map { l -> String in
        l == 0 ? (s.model.language == .ja ? "入力層" : "input")
            : l == net.layerSizes.count - 1 ? (s.model.language == .ja ? "出力層" : "output")
            : (s.model.language == .ja ? "隠れ層" : "hidden")
    }
    return NetworkDiagram(layers: layers, weights: weights, edgeStates: edgeStates, unicode: s.model.unicode,
                          caption: captions, focus: active ?? event?.mainParameter.map(neuronOf))
}

private func neuronOf(_ p: ParameterRef) -> NeuronRef {
    switch p {
    case .weight(let l, let j, _), .bias(let l, let j): return NeuronRef(layer: l + 1, index: j)
    }
}
