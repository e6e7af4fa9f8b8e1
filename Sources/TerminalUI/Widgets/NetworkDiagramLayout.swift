import BackpropEngine

extension NetworkDiagram {
    /// One row of a column: a neuron, or a `⋮` standing for neurons left out.
    public enum Slot: Hashable, Sendable {
        case neuron(Int)
        /// `hidden` neurons left out here.
        case more(hidden: Int)
    }

    /// Layers of up to this many neurons are drawn in full when the rows allow (more on tall areas).
    static let fullLayerLimit = 8
    /// Rows (slots) a shortened layer takes at least, when the rows allow: neurons and `⋮ N more`.
    static let compressedSlots = 7

    /// The most neurons a layer may have to be drawn in full on `rows` rows: 8, up to 16 on a
    /// tall area (one neuron every other row).
    static func fullLimit(rows: Int) -> Int { min(rows, max(fullLayerLimit, min(16, rows / 2))) }

    /// The slots of a shortened layer on `rows` rows: 7, a third of a tall area.
    static func shortenedSlots(rows: Int) -> Int { min(rows, max(compressedSlots, rows / 3)) }

    /// The slots of a layer of `count` neurons given `rows` rows: every neuron when it fits
    /// (`fullLimit`), otherwise a few representatives in index order and one `⋮ N more` below
    /// them: the `pinned` ones first (the focus, then the highlighted), then the `ranked` ones
    /// (the most active first), then the first neurons. One row: the first pinned neuron alone.
    public static func slots(count: Int, rows: Int, pinned: [Int], ranked: [Int] = []) -> [Slot] {
        guard count > 0, rows > 0 else { return [] }
        if count <= fullLimit(rows: rows) { return (0..<count).map { .neuron($0) } }
        let room = shortenedSlots(rows: rows) - 1
        guard room > 0 else {
            if let p = pinned.first(where: { $0 >= 0 && $0 < count }) { return [.neuron(p)] }
            return [.more(hidden: count)]
        }
        var chosen = Set<Int>()
        var shown: [Int] = []
        func add(_ i: Int) {
            guard shown.count < room, i >= 0, i < count, !chosen.contains(i) else { return }
            chosen.insert(i)
            shown.append(i)
        }
        for p in pinned { add(p) }
        for r in ranked { add(r) }
        var next = 0
        while shown.count < room && next < count { add(next); next += 1 }
        return shown.sorted().map { .neuron($0) } + [.more(hidden: count - shown.count)]
    }

    /// Whether layer `l` is drawn as a few representatives on `rows` rows.
    func isShortened(layer l: Int, rows: Int) -> Bool { layers[l].count > Self.fullLimit(rows: rows) }

    /// The neurons of a shortened layer with a known activity, the largest |activity| first (the
    /// lowest index first among equals); empty for a layer drawn in full.
    func ranking(layer l: Int, rows: Int) -> [Int] {
        guard isShortened(layer: l, rows: rows) else { return [] }
        var known: [(magnitude: Double, index: Int)] = []
        for (i, node) in layers[l].enumerated() {
            if let a = node.activity, a.isFinite { known.append((abs(a), i)) }
        }
        known.sort { $0.magnitude != $1.magnitude ? $0.magnitude > $1.magnitude : $0.index < $1.index }
        return known.prefix(Self.shortenedSlots(rows: rows)).map(\.index)
    }

    /// How the input image is drawn on `rows` rows of `area`, or nil when there is none or it
    /// does not fit (then the inputs are drawn as neurons). The image takes at most a quarter of
    /// the width.
    func imageLayout(rows: Int, area: Rect) -> ImageLayout? {
        guard let image, layers.count >= 2, image.width * image.height == layers[0].count else { return nil }
        return ImageLayout.fit(width: image.width, height: image.height, rows: rows,
                               maxColumns: max(8, area.width / 4))
    }

    /// For each layer, the neurons that should stay visible if it is compressed, most important
    /// first: the focus, the ends of `.active` edges, `.active` neurons, the ends of `.path`
    /// edges, `.path` neurons (the lowest indices of each kind, so the choice does not depend on
    /// the dictionary's order). Empty for layers shown in full.
    func pinnedNeurons(rows: Int) -> [[Int]] {
        let limit = Self.shortenedSlots(rows: rows), count = layers.count
        let big = layers.indices.map { isShortened(layer: $0, rows: rows) }
        var pins = [[Int]](repeating: [], count: count)
        guard big.contains(true) else { return pins }
        // lowest[(kind * count + layer) * limit + k], sorted, Int.max = empty; kind 0 active, 1 path.
        var lowest = [Int](repeating: .max, count: 2 * count * limit)
        lowest.withUnsafeMutableBufferPointer { lowest in
            func offer(_ v: Int, kind: Int, layer: Int) {
                let base = (kind * count + layer) * limit
                var k = base + limit - 1
                guard v < lowest[k] else { return }
                for j in base..<(base + limit) where lowest[j] == v { return }
                while k > base && lowest[k - 1] > v {
                    lowest[k] = lowest[k - 1]
                    k -= 1
                }
                lowest[k] = v
            }
            for (ref, state) in edgeStates where state == .active || state == .path {
                guard case .weight(let l, let to, let from) = ref, l >= 0, l + 1 < count else { continue }
                let kind = state == .active ? 0 : 1
                if big[l] { offer(from, kind: kind, layer: l) }
                if big[l + 1] { offer(to, kind: kind, layer: l + 1) }
            }
        }
        for l in layers.indices where big[l] {
            var out: [Int] = []
            func add(_ i: Int) { if !out.contains(i) { out.append(i) } }
            if let f = focus, f.layer == l { add(f.index) }
            let nodes = layers[l]
            for kind in 0..<2 {
                let base = (kind * count + l) * limit
                for k in base..<(base + limit) where lowest[k] != .max { add(lowest[k]) }
                let wanted: ItemState = kind == 0 ? .active : .path
                var found = 0
                for i in nodes.indices where found < limit && nodes[i].state == wanted { add(i); found += 1 }
            }
            pins[l] = out
        }
        return pins
    }

    /// How much each label says, from most to least.
    enum LabelLevel: Int, CaseIterable {
        /// `h₁ 0.593`
        case nameAndValue
        /// `0.593` (the name when the value is not known yet)
        case value
        /// `h₁`
        case name
        /// `●`
        case marker
    }

    /// The column of one layer: its slots and the widths of its parts at a label level, or the
    /// input image.
    struct Column {
        var slots: [Slot]
        var image: ImageLayout? = nil
        var nameWidth = 0
        var valueWidth = 0
        var bareValueWidth = 0
        var moreWidth = 0
        var hasValues = false
        var compressed: Bool { slots.contains { if case .more = $0 { return true } else { return false } } }

        /// The width of a neuron's label.
        func labelWidth(_ level: LabelLevel) -> Int {
            switch level {
            case .nameAndValue: return hasValues ? nameWidth + 1 + valueWidth : nameWidth
            case .value: return bareValueWidth
            case .name: return nameWidth
            case .marker: return 1
            }
        }

        /// The width of the column: its labels, and room for `⋮ 58` unless only markers are shown.
        func width(_ level: LabelLevel) -> Int {
            if let image { return image.width }
            return level == .marker ? 1 : max(labelWidth(level), moreWidth)
        }
    }

    func column(layer l: Int, slots: [Slot]) -> Column {
        var c = Column(slots: slots)
        let nodes = layers[l]
        for slot in slots {
            switch slot {
            case .neuron(let i):
                let n = nodes[i]
                let nw = displayWidth(of: n.name)
                c.nameWidth = max(c.nameWidth, nw)
                if let v = n.value {
                    c.hasValues = true
                    let vw = displayWidth(of: v)
                    c.valueWidth = max(c.valueWidth, vw)
                    c.bareValueWidth = max(c.bareValueWidth, vw)
                } else {
                    c.valueWidth = max(c.valueWidth, 1)
                    c.bareValueWidth = max(c.bareValueWidth, nw)
                }
            case .more(let hidden):
                c.moreWidth = max(c.moreWidth, 2 + String(hidden).count)
            }
        }
        return c
    }

    /// The text of a `⋮` slot that fits in `width`: `⋮ 776 more` (from `moreWords`), `⋮ +776`,
    /// `⋮ 776` or `⋮`.
    func moreText(hidden: Int, width: Int) -> String {
        let dots = unicode ? "⋮" : ":"
        let words = moreWords.split(separator: "#", omittingEmptySubsequences: false).joined(separator: String(hidden))
        for candidate in ["\(dots) \(words)", "\(dots) +\(hidden)", "\(dots) \(hidden)"]
        where displayWidth(of: candidate) <= width {
            return candidate
        }
        return dots
    }
}
