import BackpropEngine
import EventWords

/// Weights and biases as shown now, with their gradient once it is known and their last change.
/// When the rows do not fit: with `compact` (a lesson's scene, whose table does not change while
/// it is shown) the table without its empty columns in as many groups side by side as it needs;
/// else, or when even that does not fit, the rows of `keep` (the parameters the scene talks
/// about) and the active one, else a window around the active one, with "⋮ N more" in the
/// bottom border.
func drawParameters(_ s: ScreenState, into buffer: inout Buffer, area: Rect, box: BoxStyle, compact: Bool = false,
                    keep: [ParameterRef] = []) {
    let refs = s.network.parameterRefs
    let inner = Panel(box: box).inner(area).inset(horizontal: 1, vertical: 0)
    let rowsAvailable = inner.height - 1
    let header = s.text.parameterHeader(unicode: s.model.unicode, sinceMark: s.model.timeline.mark != nil)
    let gap = inner.width >= 32 ? 2 : 1
    // rows are made only for the parameters that can be shown: a digits network has thousands
    let all = ParameterRows(s, refs)
    var layout = ParameterLayout(groups: [Array(refs.indices)], columns: Array(header.indices), hidden: 0)
    if rowsAvailable > 0, refs.count > rowsAvailable {
        layout = parameterLayout(s, refs, rows: all, header: header, rowsAvailable: rowsAvailable, width: inner.width,
                                 gap: gap, compact: compact, keep: keep)
    }
    let footer = layout.hidden > 0 ? plainSymbols(s.text.moreParameters(layout.hidden), s.model.unicode) : ""
    let panel = Panel(title: s.text.parameters, footer: footer, box: box)
    panel.render(into: &buffer, area: area)
    guard inner.height >= 2 else { return }
    let groupGap = 3
    var x = inner.x
    for group in layout.groups {
        let cells = group.map { k in layout.columns.map { all.row(k).cells[$0] } }
        let styles = group.map { k in layout.columns.map { all.row(k).styles[$0] } }
        let table = Table(header: layout.columns.map { header[$0] }, rows: cells,
                          alignments: layout.columns.map { $0 == 0 ? .left : .right }, columnGap: gap, cellStyles: styles)
        let width = layout.groups.count == 1 ? inner.right - x : tableWidth(table)
        table.render(into: &buffer, area: Rect(x: x, y: inner.y, width: max(0, min(width, inner.right - x)), height: inner.height))
        x += width + groupGap
    }
}

/// Which rows go where: `groups` of row indices side by side, the `columns` shown, how many
/// rows are left out.
private struct ParameterLayout {
    var groups: [[Int]]
    var columns: [Int]
    var hidden: Int
}

private func tableWidth(_ table: Table) -> Int {
    let widths = table.columnWidths
    return widths.reduce(0, +) + table.columnGap * max(0, widths.count - 1)
}

/// The table's cells and styles for every parameter: name, value, gradient, change.
/// The table's rows, each made the first time it is asked for.
private final class ParameterRows {
    let s: ScreenState
    let refs: [ParameterRef]
    let active: ParameterRef?
    let touched: Set<ParameterRef>
    private var made: [Int: (cells: [String], styles: [Style?])] = [:]

    init(_ s: ScreenState, _ refs: [ParameterRef]) {
        self.s = s
        self.refs = refs
        active = s.event?.mainParameter
        touched = Set(s.event?.parameters ?? [])
    }

    func row(_ k: Int) -> (cells: [String], styles: [Style?]) {
        if let r = made[k] { return r }
        let r = parameterRow(s, refs[k], active: active, touched: touched)
        made[k] = r
        return r
    }
}

private func parameterRow(_ s: ScreenState, _ p: ParameterRef, active: ParameterRef?,
                          touched: Set<ParameterRef>) -> (cells: [String], styles: [Style?]) {
    let words = s.words
    do {
        let hidden = s.model.hidden
        let updated = s.value(of: p) != s.trainer.network.value(of: p)
        let value = hidden.newValues.contains(p) && updated ? "?" : words.format(s.value(of: p))
        var gradient = ""
        if let trace = s.trace, s.isShown(trace.eventIndex(gradientKnownOf: p)) {
            gradient = hidden.gradients.contains(p) ? "?" : words.format(trace.appliedGradient[p])
        }
        var (change, role) = lastChange(s, p, words)
        if hidden.newValues.contains(p) || hidden.gradients.contains(p) { (change, role) = ("", nil) }
        let rowStyle: Style? = p == active ? Style(.highlight, attributes: [.bold, .reverse])
            : touched.contains(p) ? Style(.highlight, attributes: .bold) : nil
        return ([words.name(of: p), value, gradient, change], [rowStyle, rowStyle, rowStyle, rowStyle ?? role.map { Style($0) }])
    }
}

/// Rows that do not fit one under another: groups side by side without the empty columns when
/// they fit, else the rows that matter and a count of the others.
private func parameterLayout(_ s: ScreenState, _ refs: [ParameterRef], rows: ParameterRows,
                             header: [String], rowsAvailable: Int, width: Int, gap: Int, compact: Bool,
                             keep: [ParameterRef]) -> ParameterLayout {
    let groupCount = (refs.count + rowsAvailable - 1) / rowsAvailable
    // groups side by side, when each could have its name and value columns (a group needs 10)
    if compact, groupCount * 10 + 3 * (groupCount - 1) <= width {
        let columns = header.indices.filter { c in c < 2 || refs.indices.contains { !rows.row($0).cells[c].isEmpty } }
        let perGroup = (refs.count + groupCount - 1) / groupCount   // as even as the rows allow
        let groups = (0..<groupCount).map { g in Array((g * perGroup)..<min(refs.count, (g + 1) * perGroup)) }
        let widths = groups.map { group in
            tableWidth(Table(header: columns.map { header[$0] }, rows: group.map { k in columns.map { rows.row(k).cells[$0] } },
                             columnGap: gap))
        }
        if widths.reduce(0, +) + 3 * (groupCount - 1) <= width {
            return ParameterLayout(groups: groups, columns: columns, hidden: 0)
        }
    }
    let active = s.event?.mainParameter.flatMap { refs.firstIndex(of: $0) }
    var chosen: [Int]
    let wanted = (keep.compactMap { refs.firstIndex(of: $0) } + (active.map { [$0] } ?? []))
    if keep.isEmpty {
        // a window of rows around the active parameter
        let focus = active ?? 0
        let start = max(0, min(focus - rowsAvailable / 2, refs.count - rowsAvailable))
        chosen = Array(start..<(start + rowsAvailable))
    } else {
        // the rows asked for (the first of them when they are too many), then the first others
        var set: [Int] = []
        for k in wanted where !set.contains(k) && set.count < rowsAvailable { set.append(k) }
        for k in refs.indices where !set.contains(k) && set.count < rowsAvailable { set.append(k) }
        chosen = set.sorted()
    }
    return ParameterLayout(groups: [chosen], columns: Array(header.indices), hidden: refs.count - chosen.count)
}

/// The change of p since the mark, when there is one; else in the update on screen (once shown),
/// or in the update before it.
private func lastChange(_ s: ScreenState, _ p: ParameterRef, _ words: EventWords) -> (String, ColorRole?) {
    let timeline = s.model.timeline
    let change = timeline.mark == nil ? timeline.lastChange(of: p)
        : s.network.isTrainable(p) ? timeline.changeSinceMark(of: p) : nil
    guard let delta = change else { return ("", nil) }
    if delta == 0 { return (words.format(0), .dim) }
    let up = s.model.unicode ? "↑" : "+"
    let down = s.model.unicode ? "↓" : "-"
    let magnitude = words.format(abs(delta))
    return delta > 0 ? (up + magnitude, .positive) : (down + magnitude, .negative)
}
