import BackpropEngine

extension NetworkDiagram {
    /// One row of a column: a neuron, or a `⋮` standing for neurons left out.
    public enum Slot: Hashable, Sendable {
        case neuron(Int)
        /// `hidden` neurons left out here.
        case more(hidden: Int)
    }

    /// Layers with more neurons than this are drawn compressed.
    static let fullLayerLimit = 8
    /// Rows (slots) a compressed layer takes at most: first few, `⋮`, last few.
    static let compressedSlots = 7

    /// The slots of a layer of `count` neurons given `rows` rows: every neuron when
    /// `count <= min(8, rows)`, otherwise at most `min(7, rows)` slots showing the first and last
    /// neurons and the `pinned` ones (the focus first; the others as room allows).
    public static func slots(count: Int, rows: Int, pinned: [Int]) -> [Slot] {
        guard count > 0, rows > 0 else { return [] }
        if count <= min(fullLayerLimit, rows) { return (0..<count).map { .neuron($0) } }
        let budget = min(compressedSlots, rows)
        var shown: [Int] = []
        for p in pinned where p >= 0 && p < count && !shown.contains(p) {
            let candidate = insertSorted(p, into: shown)
            if slotCount(candidate, count: count) <= budget || shown.isEmpty { shown = candidate }
        }
        // Grow from both ends while there is room.
        var head = 0, tail = count - 1
        var headOpen = true, tailOpen = true
        while headOpen || tailOpen {
            if headOpen {
                while head < count && shown.contains(head) { head += 1 }
                if head < count {
                    let candidate = insertSorted(head, into: shown)
                    if slotCount(candidate, count: count) <= budget { shown = candidate } else { headOpen = false }
                } else { headOpen = false }
            }
            if tailOpen {
                while tail >= 0 && shown.contains(tail) { tail -= 1 }
                if tail >= 0 {
                    let candidate = insertSorted(tail, into: shown)
                    if slotCount(candidate, count: count) <= budget { shown = candidate } else { tailOpen = false }
                } else { tailOpen = false }
            }
        }
        var out: [Slot] = []
        var next = 0
        for i in shown {
            if i > next { out.append(.more(hidden: i - next)) }
            out.append(.neuron(i))
            next = i + 1
        }
        if next < count { out.append(.more(hidden: count - next)) }
        if out.count > rows { out.removeAll { $0 != .neuron(shown[0]) } }  // fewer than 3 rows: the focus alone
        return out
    }

    private static func insertSorted(_ v: Int, into a: [Int]) -> [Int] {
        var b = a
        b.insert(v, at: b.firstIndex { $0 > v } ?? b.count)
        return b
    }

    /// Nodes plus one `⋮` per run of hidden neurons.
    private static func slotCount(_ shown: [Int], count: Int) -> Int {
        var n = shown.count, next = 0
        for i in shown {
            if i > next { n += 1 }
            next = i + 1
        }
        return next < count ? n + 1 : n
    }

    /// For each layer, the neurons that should stay visible if it is compressed, most important
    /// first: the focus, the ends of `.active` edges, `.active` neurons, the ends of `.path`
    /// edges, `.path` neurons (the lowest indices of each kind, so the choice does not depend on
    /// the dictionary's order). Empty for layers shown in full.
    func pinnedNeurons(rows: Int) -> [[Int]] {
        let limit = Self.compressedSlots, count = layers.count
        let big = layers.map { $0.count > min(Self.fullLayerLimit, rows) }
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

    /// The column of one layer: its slots and the widths of its parts at a label level.
    struct Column {
        var slots: [Slot]
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
            level == .marker ? 1 : max(labelWidth(level), moreWidth)
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

    /// The text of a `⋮` slot that fits in `width`: `⋮ 776 more`, `⋮ +776`, `⋮ 776` or `⋮`.
    func moreText(hidden: Int, width: Int) -> String {
        let dots = unicode ? "⋮" : ":"
        for candidate in ["\(dots) \(hidden) more", "\(dots) +\(hidden)", "\(dots) \(hidden)"]
        where displayWidth(of: candidate) <= width {
            return candidate
        }
        return dots
    }
}
