import BackpropEngine

/// The network as columns of neurons joined by their weights:
///
/// ```
/// input            hidden           output
/// x₁ 0.050 ⢶⠶⠶⠶⠶⠶⡶ h₁ 0.009 ⢶⠶⠶⠶⠶⠶⡶ ŷ₁  0.139 ◀━
///           ⢣   ⡐           ⠈⢧   ⡜
///           ⢀⠂ ⠱⡀            ⢀⠎ ⢳⡀
/// x₂ 0.100 ⠒⠒⠒⠒⠒⠒⠓ h₂ 0.010 ⠊⠂⠂⠂⠂⠂⠳ ŷ₂ -0.038 ◀━
/// ```
/// - Each node shows its name and its current value (already formatted by the caller: the
///   activation going forwards, δ going backwards; nil is drawn `·`). When the area is narrow the
///   labels shrink to the value only, then the name only, then a dot.
/// - Each edge shows its weight: `.positive` role and a solid line for w ≥ 0, `.negative` and a
///   dotted line (`.` `:` in ASCII) for w < 0, so the sign survives without colour; dim for a
///   small |w| and bold for a large one, relative to the largest |w| drawn between the same
///   two layers. Edges in `edgeStates` are drawn last and thicker: `.path` in `.accent`,
///   `.active` in `.highlight`.
/// - Nodes: `.active` reversed in `.highlight`, `.path` bold `.accent`, `.dim` in `.dim`. An
///   output on the path gets `◀━` (the gradient comes from the loss) when there is room.
/// - A layer of more than 8 neurons (or more than the rows allow) is compressed to its first and
///   last few with `⋮ 58 more`, always keeping `focus`, the ends of highlighted edges and the
///   highlighted neurons visible when there is room; edges are drawn between visible nodes only.
///   Captions (on the top row) get the layer size of a compressed layer, e.g. `input (784)`.
///
/// The work per frame depends on the visible nodes and the area (plus one pass over
/// `edgeStates` and over the states of compressed layers' nodes), not on the layer sizes.
/// Only the cells of labels and edges are written: the area is expected to start blank.
public struct NetworkDiagram: Widget, Sendable {
    public struct Node: Hashable, Sendable {
        public var name: String
        /// Already formatted; nil while not known yet.
        public var value: String?
        public var state: ItemState

        public init(name: String, value: String? = nil, state: ItemState = .normal) {
            self.name = name
            self.value = value
            self.state = state
        }
    }

    public enum ItemState: Hashable, Sendable {
        case normal, dim, path, active
    }

    /// `layers[l][i]`: neuron i of layer l (layer 0 = inputs).
    public var layers: [[Node]]
    /// `weights[l][j][i]`: from neuron i of layer l to neuron j of layer l+1 (missing = not drawn).
    public var weights: [[[Double]]]
    /// Highlighted (or dimmed) edges; a missing edge is `.normal`; biases are ignored.
    public var edgeStates: [ParameterRef: ItemState]
    /// Braille edges and `⋮` when true; ASCII characters only when false.
    public var unicode: Bool
    /// A label over each column, e.g. "input", "hidden", "output".
    public var caption: [String]?
    /// The neuron that must stay visible when its layer is compressed.
    public var focus: NeuronRef?

    public init(layers: [[Node]], weights: [[[Double]]], edgeStates: [ParameterRef: ItemState] = [:],
                unicode: Bool = true, caption: [String]? = nil, focus: NeuronRef? = nil) {
        self.layers = layers
        self.weights = weights
        self.edgeStates = edgeStates
        self.unicode = unicode
        self.caption = caption
        self.focus = focus
    }

    /// Cells between two columns for edges that can be followed (1 blank on each side).
    static let minGap = 4
    /// Label levels from richest to barest, each with the gap it needs between columns: names
    /// are dropped before the edges get cramped, then the gaps shrink (no blank beside a label
    /// below 4 cells).
    static let labelChoices: [(LabelLevel, Int)] = [
        (.nameAndValue, 6), (.value, 6), (.nameAndValue, 4), (.value, 4), (.name, 4),
        (.value, 2), (.name, 2), (.marker, 4), (.marker, 2), (.marker, 1),
    ]
    /// Cells between two columns at most; a wider area centres the diagram.
    static let maxGap = 30
    /// Rows between two neurons at most; a taller area centres the diagram.
    static let maxPitch = 6.0

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !layers.isEmpty else { return }
        let count = layers.count
        let wantsHeader = (caption?.contains { !$0.isEmpty } ?? false)
            || layers.contains { $0.count > Self.fullLayerLimit }
        let header = wantsHeader && area.height >= 4 ? 1 : 0
        let rows = area.height - header
        let top = area.y + header
        let pins = pinnedNeurons(rows: rows)
        let columns = (0..<count).map { l in
            column(layer: l, slots: Self.slots(count: layers[l].count, rows: rows, pinned: pins[l]))
        }

        // The richest labels that fit with room for the edges, then the gaps.
        var level = LabelLevel.marker, minGap = 1
        for (candidate, gap) in Self.labelChoices
        where columns.reduce(0, { $0 + $1.width(candidate) }) + (count - 1) * gap <= area.width {
            (level, minGap) = (candidate, gap)
            break
        }
        let widths = columns.map { $0.width(level) }
        let labels = widths.reduce(0, +)
        let arrow = area.width - labels - (count - 1) * max(minGap, Self.minGap) >= 3 ? 3 : 0
        var gaps = [Int](repeating: 0, count: max(0, count - 1))
        if count > 1 {
            let free = max(0, area.width - labels - arrow)
            let gap = min(Self.maxGap, free / (count - 1))
            let extra = gap < Self.maxGap ? free - gap * (count - 1) : 0
            for g in gaps.indices { gaps[g] = gap + (g < extra ? 1 : 0) }
        }
        let total = labels + gaps.reduce(0, +) + arrow
        var xs: [Int] = []
        var x = area.x + max(0, (area.width - total) / 2)
        for l in 0..<count {
            xs.append(x)
            x += widths[l] + (l < gaps.count ? gaps[l] : 0)
        }
        let ys = columns.map { Self.rowPositions(slots: $0.slots.count, rows: rows, top: top) }

        // Captions just above the highest node (nothing is drawn above it).
        let captionY = max(area.y, (ys.compactMap(\.first).min() ?? top) - 1)
        drawEdges(into: &buffer, area: area, columns: columns, xs: xs, widths: widths, ys: ys)
        var captionEnd = area.x
        for l in 0..<count {
            let right = l + 1 < count ? xs[l + 1] - 1 : area.right
            let clip = Rect(x: xs[l], y: area.y, width: right - xs[l], height: area.height).intersection(area)
            drawLabels(into: &buffer, layer: l, column: columns[l], level: level, x: xs[l], width: widths[l],
                       ys: ys[l], clip: clip)
            if header == 1 {
                captionEnd = drawCaption(into: &buffer, layer: l, column: columns[l], x: xs[l], y: captionY,
                                         from: captionEnd, to: right)
            }
        }
        if arrow > 0 { drawLossArrows(into: &buffer, column: columns[count - 1], x: xs[count - 1] + widths[count - 1] + 1, ys: ys[count - 1], area: area) }
    }

    /// The row of each of `k` slots spread over `rows` rows from `top`: first and last slot on
    /// the first and last row, at most `maxPitch` apart (then centred).
    static func rowPositions(slots k: Int, rows: Int, top: Int) -> [Int] {
        guard k > 0, rows > 0 else { return [] }
        guard k > 1 else { return [top + (rows - 1) / 2] }
        let pitch = min(Double(rows - 1) / Double(k - 1), maxPitch)
        let offset = (Double(rows - 1) - pitch * Double(k - 1)) / 2
        return (0..<k).map { s in top + min(rows - 1, Int((offset + Double(s) * pitch).rounded())) }
    }

    // MARK: Edges

    func weight(layer l: Int, to j: Int, from i: Int) -> Double? {
        guard l < weights.count, j < weights[l].count, i < weights[l][j].count else { return nil }
        return weights[l][j][i]
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

    private struct EdgeItem {
        var rank: Int
        var magnitude: Double
        var weight: Double
        var relative: Double
        var state: ItemState
        var from: Point
        var to: Point
    }

    private func drawEdges(into buffer: inout Buffer, area: Rect, columns: [Column], xs: [Int], widths: [Int],
                           ys: [[Int]]) {
        guard columns.count > 1 else { return }
        var items: [EdgeItem] = []
        for l in 0..<(columns.count - 1) {
            let pad = xs[l + 1] - xs[l] - widths[l] >= Self.minGap ? 1 : 0
            let start = xs[l] + widths[l] + pad, end = xs[l + 1] - 1 - pad
            guard end >= start else { continue }
            let fromSlots = columns[l].slots, toSlots = columns[l + 1].slots
            var largest = 0.0
            for case .neuron(let j) in toSlots {
                for case .neuron(let i) in fromSlots {
                    if let w = weight(layer: l, to: j, from: i), w.isFinite { largest = max(largest, abs(w)) }
                }
            }
            for (b, tslot) in toSlots.enumerated() {
                guard case .neuron(let j) = tslot else { continue }
                for (a, fslot) in fromSlots.enumerated() {
                    guard case .neuron(let i) = fslot, let w = weight(layer: l, to: j, from: i) else { continue }
                    // One lookup per visible edge: the dictionary may hold thousands of edges.
                    let state = edgeStates.isEmpty ? .normal : edgeStates[.weight(layer: l, to: j, from: i)] ?? .normal
                    let magnitude = w.isFinite ? abs(w) : 0
                    let rank: Int
                    switch state {
                    case .dim: rank = 0
                    case .normal: rank = 1
                    case .path: rank = 2
                    case .active: rank = 3
                    }
                    items.append(EdgeItem(rank: rank, magnitude: magnitude, weight: w,
                                          relative: largest > 0 ? magnitude / largest : 0, state: state,
                                          from: Point(x: start, y: ys[l][a]), to: Point(x: end, y: ys[l + 1][b])))
                }
            }
        }
        items.sort { ($0.rank, $0.magnitude) < ($1.rank, $1.magnitude) }
        var canvas = EdgeCanvas(area: area, unicode: unicode)
        for item in items {
            let (style, stroke) = Self.edgeLook(weight: item.weight, relative: item.relative, state: item.state)
            canvas.edge(from: item.from, to: item.to, stroke: stroke, style: style)
        }
        canvas.draw(into: &buffer)
    }

    // MARK: Labels

    static func nodeStyle(_ state: ItemState) -> Style {
        switch state {
        case .normal: return Style(.text)
        case .dim: return Style(.dim)
        case .path: return Style(.accent, attributes: .bold)
        case .active: return Style(.highlight, attributes: [.bold, .reverse])
        }
    }

    /// Writes only the characters of each label (padding is skipped: every cell costs a write),
    /// except for an `.active` node, whose whole label is reversed.
    private func drawLabels(into buffer: inout Buffer, layer l: Int, column: Column, level: LabelLevel, x: Int,
                            width: Int, ys: [Int], clip: Rect) {
        let nodes = layers[l]
        let dot = unicode ? "·" : "."
        for (s, slot) in column.slots.enumerated() {
            let y = ys[s]
            guard case .neuron(let i) = slot else {
                if case .more(let hidden) = slot {
                    buffer.put(moreText(hidden: hidden, width: width), x: x, y: y, style: Style(.dim), clip: clip)
                }
                continue
            }
            let node = nodes[i]
            let style = Self.nodeStyle(node.state)
            if node.state == .active {
                buffer.fill(Rect(x: x, y: y, width: column.labelWidth(level), height: 1).intersection(clip),
                            with: Cell(" ", style: style))
            }
            switch level {
            case .nameAndValue:
                buffer.put(node.name, x: x, y: y, style: style, clip: clip)
                guard column.hasValues else { continue }
                let valueX = x + column.nameWidth + 1
                if let value = node.value {
                    buffer.put(value, x: valueX + column.valueWidth - displayWidth(of: value), y: y, style: style, clip: clip)
                } else {
                    buffer.put(dot, x: valueX, y: y, style: node.state == .active ? style : Style(.dim), clip: clip)
                }
            case .value:
                let text = node.value ?? node.name
                buffer.put(text, x: x + column.bareValueWidth - displayWidth(of: text), y: y, style: style, clip: clip)
            case .name:
                buffer.put(node.name, x: x, y: y, style: style, clip: clip)
            case .marker:
                buffer.put(unicode ? "●" : "o", x: x, y: y, style: style, clip: clip)
            }
        }
    }

    /// Draws the caption of layer `l` from `x` (further left when it is too long, but not before
    /// `from`), ending before `to`; returns the column after the caption and a blank.
    private func drawCaption(into buffer: inout Buffer, layer l: Int, column: Column, x: Int, y: Int,
                             from: Int, to: Int) -> Int {
        let name = l < (caption?.count ?? 0) ? caption![l] : ""
        let size = column.compressed ? "(\(layers[l].count))" : ""
        var text = name.isEmpty || size.isEmpty ? name + size : name + " " + size
        let room = to - from
        if displayWidth(of: text) > room, !name.isEmpty { text = name }
        guard !text.isEmpty, room > 0 else { return from }
        text = truncate(text, width: room, unicode: unicode)
        let start = max(from, min(x, to - displayWidth(of: text)))
        return buffer.put(text, x: start, y: y, style: Style(.dim), clip: Rect(x: start, y: y, width: to - start, height: 1)) + 1
    }

    /// `◀━` after each output on the highlighted path: the gradient arrives from the loss.
    private func drawLossArrows(into buffer: inout Buffer, column: Column, x: Int, ys: [Int], area: Rect) {
        let nodes = layers[layers.count - 1]
        for (s, slot) in column.slots.enumerated() {
            guard case .neuron(let i) = slot, nodes[i].state == .path else { continue }
            buffer.put(unicode ? "◀━" : "<-", x: x, y: ys[s], style: Style(.accent, attributes: .bold), clip: area)
        }
    }
}
