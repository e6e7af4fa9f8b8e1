/// How much of a split one part takes.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (less if the area is too small).
    case length(Int)
    /// This percentage of the whole area (rounded down).
    case percentage(Int)
    /// A share of what is left after lengths and percentages, by weight.
    case fill(Int)

    public static let fill = Constraint.fill(1)
}

/// The direction of a split: `.horizontal` puts parts side by side (columns),
/// `.vertical` stacks them (rows).
public enum Axis: Hashable, Sendable {
    case horizontal, vertical
}

extension Rect {
    /// Splits this rectangle into one part per constraint, in order, with `spacing` cells
    /// between neighbours. Fixed lengths and percentages are served first (in order, while
    /// space lasts); fills share the rest by weight, the last fill taking any remainder. When
    /// there is no fill, the last part grows to use any leftover space.
    public func split(_ axis: Axis, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        guard !constraints.isEmpty else { return [] }
        let total = axis == .horizontal ? width : height
        let gaps = max(0, spacing) * (constraints.count - 1)
        var remaining = max(0, total - gaps)
        let available = remaining
        var sizes = [Int](repeating: 0, count: constraints.count)
        for (i, c) in constraints.enumerated() {
            switch c {
            case .length(let n): sizes[i] = min(max(0, n), remaining)
            case .percentage(let p): sizes[i] = min(available * max(0, min(100, p)) / 100, remaining)
            case .fill: continue
            }
            remaining -= sizes[i]
        }
        let fills = constraints.enumerated().compactMap { i, c -> (Int, Int)? in
            if case .fill(let w) = c { return (i, max(0, w)) } else { return nil }
        }
        if fills.isEmpty {
            sizes[sizes.count - 1] += remaining
        } else {
            let weightSum = fills.reduce(0) { $0 + $1.1 }
            var left = remaining
            for (k, (i, w)) in fills.enumerated() {
                let share = k == fills.count - 1 ? left : (weightSum == 0 ? 0 : remaining * w / weightSum)
                sizes[i] = share
                left -= share
            }
        }
        var offset = 0
        return sizes.map { size in
            defer { offset += size + max(0, spacing) }
            switch axis {
            case .horizontal: return Rect(x: x + min(offset, width), y: y, width: size, height: height)
            case .vertical: return Rect(x: x, y: y + min(offset, height), width: width, height: size)
            }
        }
    }

    /// Side-by-side columns.
    public func columns(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        split(.horizontal, constraints, spacing: spacing)
    }

    /// Stacked rows.
    public func rows(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        split(.vertical, constraints, spacing: spacing)
    }

    /// A rectangle of at most `width` x `height` centred in this one.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }
}
