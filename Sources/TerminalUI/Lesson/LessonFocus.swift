import BackpropEngine
import EventWords
import TutorFiles

/// The panel the scene's `focus` puts in front, drawn with the tutor's panels where they exist.
func drawFocus(_ model: LessonModel, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let tutor = model.tutorModel
    let s = ScreenState(tutor)
    let focus = model.player.scene.focus
    var area = area
    if model.layerView {
        // the matrices need the width: the step panel (the selected cell's formula) below them;
        // on short screens only on a scene whose quiz lists the numbers it needs there
        let givens = keepsStepPanel(model, s.words)
        guard area.height >= 24 || givens else {
            drawLayerPanel(s, into: &buffer, area: area, box: box)
            return
        }
        // short screens: the numbers in one row under their heading, so that the matrices keep
        // their rows (at 80x24 a 6-row panel left the matrices only their titles)
        let parts = area.height >= 24 ? area.rows([.fill, .length(max(10, area.height * 2 / 5))])
            : area.rows([.fill, .length(4)])
        drawLayerPanel(s, into: &buffer, area: parts[0], box: box)
        drawLessonStep(model, s, into: &buffer, area: parts[1], box: box)
        return
    }
    switch focus {
    case .network, .neuron, .parameter, .layer, .loss, .event:
        break
    default:
        // a quiz beside a table or a chart: the numbers its question needs beside them (and the
        // step once it is answered, in the same place: answering does not move the panels)
        if keepsStepPanel(model, s.words) {
            let parts = focusParts(area)
            drawLessonStep(model, s, into: &buffer, area: parts.step, box: box)
            area = parts.diagram
        }
    }
    switch focus {
    case .network, .neuron, .parameter, .layer, .loss, .event:
        if focus == .event {
            drawLessonStep(model, s, into: &buffer, area: area, box: box)
            return
        }
        // the diagram and the step panel, in the same places on every scene of the lesson
        let parts = focusParts(area)
        drawFocusedDiagram(s, focus, into: &buffer, area: parts.diagram, box: box)
        drawLessonStep(model, s, into: &buffer, area: parts.step, box: box)
    case .lossCurve:
        drawLoss(s, into: &buffer, area: area, box: box)
    case .parameters, .update:
        if area.width >= 100 {
            let columns = area.columns([.fill, .length(area.width / 2)])
            drawFocusedDiagram(s, focus, into: &buffer, area: columns[0], box: box)
            drawParameters(s, into: &buffer, area: columns[1], box: box, compact: true, keep: sceneParameters(model, s.words))
        } else {
            drawParameters(s, into: &buffer, area: area, box: box, compact: true, keep: sceneParameters(model, s.words))
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
    case .confusion:
        drawConfusion(model, into: &buffer, area: area, box: box)
    }
}

/// Tall areas (wide screens): the step under the diagram; else beside it.
func focusParts(_ area: Rect) -> (diagram: Rect, step: Rect) {
    let parts = area.height >= 24 ? area.rows([.fill, .length(max(10, area.height * 2 / 5))])
        : area.columns([.fill, .length(max(30, area.width * 2 / 5))])
    return (parts[0], parts[1])
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
        case .bias(let l, let j), .scale(let l, let j), .shift(let l, let j):
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

/// The parameters the scene talks about, to keep in a table too short for all: those its quiz
/// asks about or gives, the one it focuses, those its narration names.
func sceneParameters(_ model: LessonModel, _ words: EventWords) -> [ParameterRef] {
    var out: [ParameterRef] = []
    if let quiz = model.player.scene.quiz {
        for name in quiz.hidden + quiz.given {
            switch name {
            case .value(let p), .gradient(let p), .newValue(let p): out.append(p)
            default: break
            }
        }
    }
    if case .parameter(let p) = model.player.scene.focus { out.append(p) }
    let narration = plainSymbols(model.player.narration(), model.unicode)   // as the names are written
    let network = model.player.sceneTimeline.shownTrainer.network
    for p in network.parameterRefs where names(words.name(of: p), in: narration) { out.append(p) }
    return out
}

/// Whether `text` names `name` ("w₁" in "w₁ ← …", not in "w₁₂").
private func names(_ name: String, in text: String) -> Bool {
    var rest = text[...]
    while let range = rest.range(of: name) {
        let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
        let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
        let joined = { (c: Character?) in c.map { $0.isLetter || $0.isNumber || "⁽⁾₍₎".contains($0) } ?? false }
        if !joined(before) && !joined(after) { return true }
        rest = text[range.upperBound...]
    }
    return false
}
