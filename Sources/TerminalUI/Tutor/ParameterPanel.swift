import BackpropEngine
import EventWords

/// Weights and biases as shown now, with their gradient once it is known and their last change.
func drawParameters(_ s: ScreenState, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let panel = Panel(title: s.text.parameters, box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    guard inner.height >= 2 else { return }
    let words = s.words
    let refs = s.network.parameterRefs
    let active = s.event?.mainParameter
    let touched = Set(s.event?.parameters ?? [])
    // keep the active parameter in view: a window of rows around it
    let rowsAvailable = inner.height - 1
    let focus = active.flatMap { refs.firstIndex(of: $0) } ?? 0
    let start = max(0, min(focus - rowsAvailable / 2, refs.count - rowsAvailable))
    let shown = refs[start..<min(refs.count, start + rowsAvailable)]

    var rows: [[String]] = []
    var styles: [[Style?]] = []
    for p in shown {
        let hidden = s.model.hidden
        let updated = s.value(of: p) != s.trainer.network.value(of: p)
        let value = hidden.newValues.contains(p) && updated ? "?" : words.format(s.value(of: p))
        var gradient = ""
        if let trace = s.trace, s.isShown(trace.eventIndex(gradientKnownOf: p)) {
            gradient = hidden.gradients.contains(p) ? "?" : words.format(trace.appliedGradient[p])
        }
        var (change, role) = lastChange(s, p, words)
        if hidden.newValues.contains(p) || hidden.gradients.contains(p) { (change, role) = ("", nil) }
        rows.append([words.name(of: p), value, gradient, change])
        let rowStyle: Style? = p == active ? Style(.highlight, attributes: [.bold, .reverse])
            : touched.contains(p) ? Style(.highlight, attributes: .bold) : nil
        styles.append([rowStyle, rowStyle, rowStyle, rowStyle ?? role.map { Style($0) }])
    }
    let sinceMark = s.model.timeline.mark != nil
    let table = Table(header: s.text.parameterHeader(unicode: s.model.unicode, sinceMark: sinceMark), rows: rows, alignments: [.left, .right, .right, .right],
                      columnGap: inner.width >= 32 ? 2 : 1, cellStyles: styles)
    table.render(into: &buffer, area: inner)
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
