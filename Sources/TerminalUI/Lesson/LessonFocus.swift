import BackpropEngine
import EventWords
import TutorFiles

/// The panel the scene's `focus` puts in front, drawn with the tutor's panels where they exist.
func drawFocus(_ model: LessonModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let tutor = model.tutorModel
    let s = ScreenState(tutor)
    let focus = model.player.scene.focus
    switch focus {
    case .network, .neuron, .parameter, .layer, .loss, .event:
        // the diagram, and beside it the current step's formula once there is one (unless it
        // would give away the quiz's answer)
        let showStep = s.event != nil && !revealsAnswer(model)
        if focus == .event && showStep {
            drawStep(s, into: &buffer, area: area, box: box)
            return
        }
        guard showStep else { drawFocusedDiagram(s, focus, into: &buffer, area: area, box: box); return }
        // tall areas (wide screens): the step under the diagram; else beside it
        let parts = area.height >= 24 ? area.rows([.fill, .length(max(10, area.height * 2 / 5))])
            : area.columns([.fill, .length(focus == .loss ? area.width / 2 : max(30, area.width * 2 / 5))])
        drawFocusedDiagram(s, focus, into: &buffer, area: parts[0], box: box)
        drawStep(s, into: &buffer, area: parts[1], box: box)
    case .lossCurve:
        drawLoss(s, into: &buffer, area: area, box: box)
    case .parameters, .update:
        if area.width >= 100 {
            let columns = area.columns([.fill, .length(area.width / 2)])
            drawFocusedDiagram(s, focus, into: &buffer, area: columns[0], box: box)
            drawParameters(s, into: &buffer, area: columns[1], box: box)
        } else {
            drawParameters(s, into: &buffer, area: area, box: box)
        }
    case .data:
        drawData(model, into: &buffer, area: area, box: box)
    case .gradients:
        drawGradients(model, into: &buffer, area: area, box: box)
    case .comparison:
        drawComparison(model, into: &buffer, area: area, box: box)
    case .comparisonGradients:
        drawComparisonGradients(model, into: &buffer, area: area, box: box)
    case .digits(let mistakes):
        drawDigits(model, mistakes: mistakes, into: &buffer, area: area, box: box)
    }
}

/// Whether the step's formula could give away the pending quiz's answer (the formulas show
/// every factor, e.g. the sigmoid's slope inside δ): then it waits for the answer.
func revealsAnswer(_ model: LessonModel) -> Bool {
    model.player.quizPending && model.player.scene.quiz?.kind != .choice
}

/// The tutor's diagram with the scene's neuron, weight or layer highlighted.
private func drawFocusedDiagram(_ s: ScreenState, _ focus: Focus, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let backward = s.event.map { $0.phase == .backward || $0.phase == .update } ?? false
    let separator = s.model.unicode ? " · " : " - "
    let content = backward ? s.text.deltas(unicode: s.model.unicode) : s.text.activations
    let panel = Panel(title: s.text.network + separator + content, box: box)
    panel.render(into: &buffer, area: area)
    var d = diagram(for: s, backward: backward)
    func demoteActive() {
        for l in d.layers.indices { for i in d.layers[l].indices where d.layers[l][i].state == .active { d.layers[l][i].state = .path } }
        for (p, state) in d.edgeStates where state == .active { d.edgeStates[p] = .path }
    }
    switch focus {
    case .neuron(let n) where n.layer < d.layers.count && n.index < d.layers[n.layer].count:
        demoteActive()
        d.layers[n.layer][n.index].state = .active
        d.focus = n
    case .parameter(let p):
        demoteActive()
        switch p {
        case .weight(let l, let j, let i):
            d.edgeStates[p] = .active
            d.focus = NeuronRef(layer: l + 1, index: j)
            if l < d.layers.count, i < d.layers[l].count, d.layers[l][i].state == .normal { d.layers[l][i].state = .path }
        case .bias(let l, let j):
            if l + 1 < d.layers.count, j < d.layers[l + 1].count { d.layers[l + 1][j].state = .active }
            d.focus = NeuronRef(layer: l + 1, index: j)
        }
    case .layer(let l) where l < d.layers.count:
        for i in d.layers[l].indices where d.layers[l][i].state == .normal { d.layers[l][i].state = .path }
    default:
        break
    }
    d.render(into: &buffer, area: panel.inner(area))
}
