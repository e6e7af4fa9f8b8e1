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
/// - Large networks stay legible (see `NetworkDiagramLayout.swift` and `NetworkDiagramEdgeChoice.swift`):
///   a layer wider than the rows allow is drawn as a few representative neurons (the focus, the
///   ends of highlighted edges, then the most active) and `⋮ 58 more`; an `image` input layer
///   is drawn as the image; once a layer is shortened or a gap would hold too many edges, only
///   the highlighted edges are drawn (or, with nothing highlighted, each shown neuron's strongest
///   incoming weight). The gaps between columns never take more than half of a row, so no row
///   is a solid block of lines.
///
/// The work per frame depends on the visible nodes and the area (plus one pass over
/// `edgeStates` and over the nodes of shortened layers), not on the layer sizes.
/// Only the cells of labels and edges are written: the area is expected to start blank.
public struct NetworkDiagram: Widget, Sendable {
    public struct Node: Hashable, Sendable {
        public var name: String
        /// Already formatted; nil while not known yet.
        public var value: String?
        public var state: ItemState
        /// How strongly the neuron responds now (its activation, or δ going backwards): the
        /// largest |activity| are the representatives of a shortened layer. nil: not known.
        public var activity: Double?

        public init(name: String, value: String? = nil, state: ItemState = .normal, activity: Double? = nil) {
            self.name = name
            self.value = value
            self.state = state
            self.activity = activity
        }
    }

    public enum ItemState: Hashable, Sendable {
        case normal, dim, path, active
    }

    /// An input layer that is a picture (the 8×8 digits, 28×28 images): drawn as shaded cells,
    /// pixel k being input neuron k (row by row, top row first).
    public struct InputImage: Hashable, Sendable {
        public var width: Int
        public var height: Int
        /// One value per input, any range: shaded from the smallest (blank) to the largest (full).
        /// Empty: the image's outline only (no sample yet).
        public var pixels: [Double]

        public init(width: Int, height: Int, pixels: [Double] = []) {
            self.width = width
            self.height = height
            self.pixels = pixels
        }

        /// The image shape of `inputs` inputs: a square of at least 5×5 (64 → 8×8, 784 → 28×28).
        public static func square(inputs: Int) -> (width: Int, height: Int)? {
            let side = Int(Double(inputs).squareRoot().rounded())
            return side >= 5 && side * side == inputs ? (side, side) : nil
        }
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
    /// The neuron that must stay visible when its layer is shortened.
    public var focus: NeuronRef?
    /// Layer 0 drawn as this image (when its size matches the layer and it fits).
    public var image: InputImage?
    /// The words of `⋮ 58 more`, `#` standing for the number ("ほか # 個" in Japanese).
    public var moreWords: String

    public init(layers: [[Node]], weights: [[[Double]]], edgeStates: [ParameterRef: ItemState] = [:],
                unicode: Bool = true, caption: [String]? = nil, focus: NeuronRef? = nil, image: InputImage? = nil,
                moreWords: String = "# more") {
        self.layers = layers
        self.weights = weights
        self.edgeStates = edgeStates
        self.unicode = unicode
        self.caption = caption
        self.focus = focus
        self.image = image
        self.moreWords = moreWords
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

    /// Cells of edges (and the `━` of the loss arrow) one row may hold: under half of the row,
    /// with room for the two borders of a panel around it.
    static func maxLineCells(width: Int) -> Int { max(0, width / 2 - 2) }

    /// Blank cells on each side of the edges in a gap of `gap` cells.
    static func pad(gap: Int) -> Int { gap >= minGap ? 1 : 0 }

    /// Cells of edges a gap of `gap` cells holds on one row.
    static func lineCells(gap: Int) -> Int { max(0, gap - 2 * pad(gap: gap)) }

    /// Where everything goes in an area: the columns, their positions, the gaps and the rows.
    struct Plan {
        var area: Rect
        var columns: [Column]
        var level: LabelLevel
        var xs: [Int]
        var widths: [Int]
        var gaps: [Int]
        /// The row of each slot (or image row) of each column.
        var ys: [[Int]]
        var header: Int
        var top: Int
        /// Columns for `◀━` after the outputs (0 or 3).
        var arrow: Int
    }

    func plan(area: Rect) -> Plan {
        let count = layers.count
        let wantsHeader = (caption?.contains { !$0.isEmpty } ?? false)
            || layers.indices.contains { isShortened(layer: $0, rows: area.height - 1) }
            || imageLayout(rows: area.height - 1, area: area) != nil
        let header = wantsHeader && area.height >= 4 ? 1 : 0
        let rows = area.height - header
        let top = area.y + header
        let pins = pinnedNeurons(rows: rows)
        let picture = imageLayout(rows: rows, area: area)
        let columns = (0..<count).map { l -> Column in
            if l == 0, let picture { return Column(slots: [], image: picture) }
            return column(layer: l, slots: Self.slots(count: layers[l].count, rows: rows, pinned: pins[l],
                                                      ranked: ranking(layer: l, rows: rows)))
        }

        // The richest labels that fit with room for the edges, then the gaps.
        let budget = Self.maxLineCells(width: area.width)
        var level = LabelLevel.marker, minGap = 1
        for (candidate, gap) in Self.labelChoices
        where columns.reduce(0, { $0 + $1.width(candidate) }) + (count - 1) * gap <= area.width
            && (count - 1) * Self.lineCells(gap: gap) <= budget {
            (level, minGap) = (candidate, gap)
            break
        }
        let widths = columns.map { $0.width(level) }
        let labels = widths.reduce(0, +)
        let roomyGap = max(minGap, Self.minGap)
        let arrow = area.width - labels - (count - 1) * roomyGap >= 3
            && (count - 1) * Self.lineCells(gap: roomyGap) + 1 <= budget ? 3 : 0
        let gaps = Self.gapWidths(count: count - 1, free: area.width - labels - arrow, budget: budget - (arrow > 0 ? 1 : 0))
        let total = labels + gaps.reduce(0, +) + arrow
        var xs: [Int] = []
        var x = area.x + max(0, (area.width - total) / 2)
        for l in 0..<count {
            xs.append(x)
            x += widths[l] + (l < gaps.count ? gaps[l] : 0)
        }
        let ys = columns.map { c -> [Int] in
            if let picture = c.image { return picture.rowPositions(rows: rows, top: top) }
            return Self.rowPositions(slots: c.slots.count, rows: rows, top: top)
        }
        return Plan(area: area, columns: columns, level: level, xs: xs, widths: widths, gaps: gaps, ys: ys,
                    header: header, top: top, arrow: arrow)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !layers.isEmpty else { return }
        let p = plan(area: area)
        let count = layers.count
        drawEdges(chooseEdges(p), into: &buffer, area: area)
        // Captions just above the highest node (nothing is drawn above it).
        let captionY = max(area.y, (p.ys.compactMap(\.first).min() ?? p.top) - 1)
        var captionEnd = area.x
        for l in 0..<count {
            let right = l + 1 < count ? p.xs[l + 1] - 1 : area.right
            let clip = Rect(x: p.xs[l], y: area.y, width: right - p.xs[l], height: area.height).intersection(area)
            if let picture = p.columns[l].image {
                drawImage(picture, into: &buffer, x: p.xs[l], y: p.ys[l].first ?? p.top, clip: clip)
            } else {
                drawLabels(into: &buffer, layer: l, column: p.columns[l], level: p.level, x: p.xs[l], width: p.widths[l],
                           ys: p.ys[l], clip: clip, moreRoom: right - p.xs[l])
            }
            if p.header == 1 {
                captionEnd = drawCaption(into: &buffer, layer: l, column: p.columns[l], x: p.xs[l], y: captionY,
                                         from: captionEnd, to: right)
            }
        }
        if p.arrow > 0 {
            drawLossArrows(into: &buffer, column: p.columns[count - 1], x: p.xs[count - 1] + p.widths[count - 1] + 1,
                           ys: p.ys[count - 1], area: area)
        }
    }

    /// `count` gaps sharing `free` cells, each at most `maxGap`, all together holding at most
    /// `budget` cells of edges on a row (the rest of the row is labels and blanks).
    static func gapWidths(count: Int, free: Int, budget: Int) -> [Int] {
        guard count > 0 else { return [] }
        var gap = min(maxGap, max(0, free) / count)
        while gap > 1 && count * lineCells(gap: gap) > budget { gap -= 1 }
        var gaps = [Int](repeating: gap, count: count)
        // Spread the remainder while it still fits (a wider area centres the diagram instead).
        var extra = gap < maxGap ? max(0, free) - gap * count : 0
        var used = count * lineCells(gap: gap)
        for g in gaps.indices where extra > 0 {
            let more = lineCells(gap: gap + 1) - lineCells(gap: gap)
            guard used + more <= budget else { break }
            gaps[g] += 1
            used += more
            extra -= 1
        }
        return gaps
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
    /// except for an `.active` node, whose whole label is reversed. `⋮ 58 more` may run into the
    /// gap on its right (`moreRoom` cells from `x`), over the edges.
    private func drawLabels(into buffer: inout Buffer, layer l: Int, column: Column, level: LabelLevel, x: Int,
                            width: Int, ys: [Int], clip: Rect, moreRoom: Int) {
        let nodes = layers[l]
        let dot = unicode ? "·" : "."
        for (s, slot) in column.slots.enumerated() {
            let y = ys[s]
            guard case .neuron(let i) = slot else {
                if case .more(let hidden) = slot {
                    buffer.put(moreText(hidden: hidden, width: moreRoom), x: x, y: y, style: Style(.dim), clip: clip)
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
        let size: String
        if let picture = column.image {
            size = "\(picture.pixelWidth)\(unicode ? "×" : "x")\(picture.pixelHeight)"
        } else {
            size = column.compressed ? "(\(layers[l].count))" : ""
        }
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
