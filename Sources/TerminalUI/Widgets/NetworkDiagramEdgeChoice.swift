import BackpropEngine

/// Which edges a `NetworkDiagram` draws.
///
/// Small networks (every layer in full, at most `denseEdgeLimit` edges between two layers) get
/// every edge, the highlighted ones on top. Otherwise a drawing of every edge would be a solid
/// block, so only the highlighted edges are drawn, at most `highlightedEdgeLimit` per gap (the
/// active one, then those at the focus, then the largest |w|); with no edge and no neuron
/// highlighted, the `strongestEdgeLimit` largest |w| between the neurons shown.
extension NetworkDiagram {
    static let denseEdgeLimit = 24
    static let highlightedEdgeLimit = 8
    static let strongestEdgeLimit = 3

    /// One edge as drawn, in cells: the weight from neuron `source` of `layer` to neuron
    /// `target` of the next layer.
    struct DrawnEdge {
        var layer: Int
        var source: Int
        var target: Int
        var weight: Double
        /// |w| / the largest |w| drawn between the same layers.
        var relative: Double
        var state: ItemState
        var from: Point
        var to: Point
        var magnitude: Double { weight.isFinite ? abs(weight) : 0 }
    }

    /// A neuron an edge can start or end at, and its row.
    private struct End {
        var neuron: Int
        var y: Int
    }

    func weight(layer l: Int, to j: Int, from i: Int) -> Double? {
        guard l < weights.count, j < weights[l].count, i < weights[l][j].count else { return nil }
        return weights[l][j][i]
    }

    static func rank(_ state: ItemState) -> Int {
        switch state {
        case .dim: return 0
        case .normal: return 1
        case .path: return 2
        case .active: return 3
        }
    }

    /// The neurons of column `c` of layer `l` edges can reach: the shown ones, or every pixel of
    /// the image (at the row of its image row).
    private func ends(layer l: Int, column c: Column, ys: [Int]) -> [End] {
        if let picture = c.image {
            return layers[l].indices.map { End(neuron: $0, y: ys[picture.row(ofInput: $0)]) }
        }
        var out: [End] = []
        for (s, slot) in c.slots.enumerated() { if case .neuron(let i) = slot { out.append(End(neuron: i, y: ys[s])) } }
        return out
    }

    /// The edges to draw, in drawing order (highlighted last).
    func chooseEdges(_ plan: Plan) -> [DrawnEdge] {
        let (columns, xs, widths, gaps, ys) = (plan.columns, plan.xs, plan.widths, plan.gaps, plan.ys)
        guard columns.count > 1 else { return [] }
        struct Gap { var start: Int; var end: Int; var sources: [End]; var targets: [End] }
        var spans: [Gap?] = []
        for l in 0..<(columns.count - 1) {
            let pad = Self.pad(gap: gaps[l])
            let start = xs[l] + widths[l] + pad, end = xs[l + 1] - 1 - pad
            spans.append(end >= start ? Gap(start: start, end: end, sources: ends(layer: l, column: columns[l], ys: ys[l]),
                                            targets: ends(layer: l + 1, column: columns[l + 1], ys: ys[l + 1])) : nil)
        }
        let dense = !columns.contains { $0.compressed || $0.image != nil }
            && !spans.contains { ($0?.sources.count ?? 0) * ($0?.targets.count ?? 0) > Self.denseEdgeLimit }

        func edge(_ l: Int, _ span: Gap, _ a: End, _ b: End, _ w: Double, _ state: ItemState) -> DrawnEdge {
            DrawnEdge(layer: l, source: a.neuron, target: b.neuron, weight: w, relative: 0, state: state,
                      from: Point(x: span.start, y: a.y), to: Point(x: span.end, y: b.y))
        }
        var chosen: [[DrawnEdge]] = Array(repeating: [], count: spans.count)
        for (l, span) in spans.enumerated() {
            guard let span else { continue }
            if dense {
                for b in span.targets {
                    for a in span.sources {
                        guard let w = weight(layer: l, to: b.neuron, from: a.neuron) else { continue }
                        let state = edgeStates.isEmpty ? .normal : edgeStates[.weight(layer: l, to: b.neuron, from: a.neuron)] ?? .normal
                        chosen[l].append(edge(l, span, a, b, w, state))
                    }
                }
                continue
            }
            // Highlighted edges, one per pair of rows. From a picture the `.path` edges into a
            // neuron are one solid bundle from the middle of the picture (a bundle has no one
            // sign): eight lines converging on one neuron would be a solid wedge. An `.active`
            // edge leaves from its pixel's row.
            guard !edgeStates.isEmpty else { continue }
            let bundleRow = columns[l].image.map { ys[l][$0.rows / 2] }
            var best: [Int: (DrawnEdge, Int)] = [:]   // key: from row * rows + to row; value: edge, priority
            for b in span.targets {
                for var a in span.sources {
                    guard let state = edgeStates[.weight(layer: l, to: b.neuron, from: a.neuron)],
                          state == .path || state == .active,
                          var w = weight(layer: l, to: b.neuron, from: a.neuron) else { continue }
                    if state == .path, let bundleRow { (a.y, w) = (bundleRow, abs(w)) }
                    let atFocus = focus == NeuronRef(layer: l, index: a.neuron) || focus == NeuronRef(layer: l + 1, index: b.neuron)
                    let priority = Self.rank(state) * 2 + (atFocus ? 1 : 0)
                    let candidate = edge(l, span, a, b, w, state)
                    let key = a.y * 100_000 + b.y
                    if let (old, p) = best[key], (p, old.magnitude) >= (priority, candidate.magnitude) { continue }
                    best[key] = (candidate, priority)
                }
            }
            let ordered = best.values.sorted { x, y in
                (x.1, x.0.magnitude, -x.0.from.y, -x.0.to.y) > (y.1, y.0.magnitude, -y.0.from.y, -y.0.to.y)
            }
            chosen[l] = ordered.prefix(Self.highlightedEdgeLimit).map(\.0)
        }
        let quiet = !layers.contains { $0.contains { $0.state == .path || $0.state == .active } }
        if !dense && quiet && chosen.allSatisfy(\.isEmpty) {
            // Nothing highlighted: the few strongest weights between the neurons shown.
            for (l, span) in spans.enumerated() {
                guard let span else { continue }
                var strongest: [(DrawnEdge, Int)] = []   // edge, -(from row) for a stable order
                for b in span.targets {
                    for a in span.sources {
                        guard let w = weight(layer: l, to: b.neuron, from: a.neuron), w.isFinite else { continue }
                        let e = edge(l, span, a, b, w, .normal)
                        if strongest.count == Self.strongestEdgeLimit, let last = strongest.last,
                           last.0.magnitude >= e.magnitude { continue }
                        if strongest.contains(where: { $0.0.from == e.from && $0.0.to == e.to }) { continue }
                        strongest.append((e, 0))
                        strongest.sort { $0.0.magnitude > $1.0.magnitude }
                        if strongest.count > Self.strongestEdgeLimit { strongest.removeLast() }
                    }
                }
                chosen[l] = strongest.map(\.0)
            }
        }
        var all: [DrawnEdge] = []
        for var gap in chosen {
            let largest = gap.map(\.magnitude).max() ?? 0
            for k in gap.indices { gap[k].relative = largest > 0 ? gap[k].magnitude / largest : 0 }
            all += gap
        }
        all.sort { (Self.rank($0.state), $0.magnitude) < (Self.rank($1.state), $1.magnitude) }
        return all
    }

    /// The style and stroke of an edge with weight `w`, `relative` = |w| / the largest |w| drawn
    /// between the same layers.
    static func edgeLook(weight w: Double, relative: Double, state: ItemState) -> (Style, EdgeCanvas.Stroke) {
        let dotted = w < 0
        switch state {
        case .dim: return (Style(.dim), EdgeCanvas.Stroke(dotted: dotted, heavy: false))
        case .path: return (Style(.accent, attributes: .bold), EdgeCanvas.Stroke(dotted: dotted, heavy: true))
        case .active: return (Style(.highlight, attributes: .bold), EdgeCanvas.Stroke(dotted: dotted, heavy: true))
        case .normal:
            let attributes: Attributes = relative < 1.0 / 3 ? .dim : (relative >= 2.0 / 3 ? .bold : [])
            return (Style(dotted ? .negative : .positive, attributes: attributes),
                    EdgeCanvas.Stroke(dotted: dotted, heavy: false))
        }
    }

    func drawEdges(_ edges: [DrawnEdge], into buffer: inout Buffer, area: Rect) {
        guard !edges.isEmpty else { return }
        var canvas = EdgeCanvas(area: area, unicode: unicode)
        for e in edges {
            let (style, stroke) = Self.edgeLook(weight: e.weight, relative: e.relative, state: e.state)
            canvas.edge(from: e.from, to: e.to, stroke: stroke, style: style)
        }
        canvas.draw(into: &buffer)
    }
}
