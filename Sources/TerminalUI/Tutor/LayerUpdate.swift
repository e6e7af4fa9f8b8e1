import BackpropEngine

/// `i` `j` `k` `l` in the layer view: the cell above, left, below or right of the selected one
/// in the operation's result (wrapping round), shown by moving to the event that computes it,
/// so the step panel gives its one-number formula (for a weight, its chain rule).
func selectLayerCell(_ model: inout TutorModel, _ key: Key) {
    guard let trace = model.timeline.currentTrace, let k = model.timeline.position?.event,
          let op = LayerOperation.make(trace: trace, event: k, unicode: model.unicode, articleNames: model.numpyArticle)
    else { return }
    let rows = op.result.rows, columns = op.result.columns
    guard rows > 0, columns > 0 else { return }
    var (r, c) = op.cell ?? (op.result.highlightedMatrixRow ?? 0, 0)
    switch key {
    case .character("i"): r = (r + rows - 1) % rows
    case .character("k"): r = (r + 1) % rows
    case .character("j"): c = (c + columns - 1) % columns
    case .character("l"): c = (c + 1) % columns
    default: return
    }
    let sample = op.kind == .weightGradient ? trace.sample(at: k) : nil
    if let target = op.event(row: r, column: c, in: trace, sample: sample), let p = model.timeline.position {
        model.timeline.go(to: Timeline.Position(step: p.step, event: target))
    }
}
