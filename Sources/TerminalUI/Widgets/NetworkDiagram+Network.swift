import BackpropEngine
import EventWords

extension NetworkDiagram {
    /// What the diagram shows of one neuron: its value (already formatted), how active it is (for
    /// choosing the representatives of a long layer) and its highlight.
    struct NeuronShown {
        var value: String? = nil
        var activity: Double? = nil
        var state: ItemState = .normal
    }

    /// The diagram of `network` as every screen draws it (the tutor, the lesson screens, the
    /// playground): neurons named by `words`, captions in `language`, a square input layer of 25
    /// or more (the digits' 8×8, 28×28) drawn as the image of `pixels`.
    static func of(_ network: Network, words: EventWords, language: Language, unicode: Bool,
                   weights: [[[Double]]]? = nil, pixels: [Double]? = nil,
                   edgeStates: [ParameterRef: ItemState] = [:], focus: NeuronRef? = nil,
                   neuron: (NeuronRef) -> NeuronShown = { _ in NeuronShown() }) -> NetworkDiagram {
        var layers: [[Node]] = []
        for (l, size) in network.layerSizes.enumerated() {
            var nodes: [Node] = []
            nodes.reserveCapacity(size)
            for i in 0..<size {
                let n = NeuronRef(layer: l, index: i)
                let shown = neuron(n)
                nodes.append(Node(name: words.name(of: n), value: shown.value, state: shown.state, activity: shown.activity))
            }
            layers.append(nodes)
        }
        let ja = language == .ja
        let last = network.layerSizes.count - 1
        let captions = network.layerSizes.indices.map { l -> String in
            l == 0 ? (ja ? "入力層" : "input") : l == last ? (ja ? "出力層" : "output") : (ja ? "隠れ層" : "hidden")
        }
        let image = InputImage.square(inputs: network.layerSizes[0]).map {
            InputImage(width: $0.width, height: $0.height, pixels: pixels ?? [])
        }
        return NetworkDiagram(layers: layers, weights: weights ?? network.nestedWeights, edgeStates: edgeStates,
                              unicode: unicode, caption: captions, focus: focus, image: image,
                              moreWords: ja ? "ほか # 個" : "# more")
    }
}
