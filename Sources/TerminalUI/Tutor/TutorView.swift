import BackpropEngine
import EventWords

/// The whole tutor screen, drawn from the model alone.
public func view(_ model: TutorModel) -> Buffer {
    var buffer = Buffer(width: max(model.width, 1), height: max(model.height, 1))
    if model.isTooSmall {
        drawTooSmall(model, into: &buffer)
        return buffer
    }
    let screen = ScreenState(model)
    let area = buffer.area
    let rows = area.rows([.length(1), .length(1), .fill, .length(1)])
    drawTitleBar(screen, into: &buffer, area: rows[0])
    drawRunBar(screen, into: &buffer, area: rows[1])
    let box = BoxStyle.standard(unicode: model.unicode)
    if model.layerView {
        let panels = layerLayout(rows[2])
        drawLayerPanel(screen, into: &buffer, area: panels.layers, box: box)
        drawStep(screen, into: &buffer, area: panels.step, box: box)
        if let loss = panels.loss { drawLoss(screen, into: &buffer, area: loss, box: box) }
    } else {
        let panels = layout(rows[2])
        drawDiagram(screen, into: &buffer, area: panels.diagram, box: box)
        drawLoss(screen, into: &buffer, area: panels.loss, box: box)
        drawStep(screen, into: &buffer, area: panels.step, box: box)
        drawParameters(screen, into: &buffer, area: panels.parameters, box: box)
    }
    drawKeyLine(screen, into: &buffer, area: rows[3])
    switch model.overlay {
    case .help?: drawHelp(model, into: &buffer, box: box)
    case .skipPrompt(let text)?: drawSkipPrompt(model, text, into: &buffer, box: box)
    case .goToPrompt(let text)?: drawGoToPrompt(model, text, into: &buffer, box: box)
    case .settings(let form)?: drawSettings(model, form, into: &buffer, box: box)
    case nil: break
    }
    return buffer
}

/// Where the four panels go. Wide screens: diagram over loss on the left, step over parameters on
/// the right. Narrower ones: the step panel spans the whole width, so formulas fit on one line.
func layout(_ area: Rect) -> (diagram: Rect, loss: Rect, step: Rect, parameters: Rect) {
    if area.width >= 110 {
        let rightWidth = area.width * 9 / 20
        let columns = area.columns([.fill, .length(rightWidth)])
        let left = columns[0].rows([.fill, .length(max(7, columns[0].height * 2 / 5))])
        let right = columns[1].rows([.length(max(11, columns[1].height * 11 / 20)), .fill])
        return (left[0], left[1], right[0], right[1])
    }
    let stepHeight = max(10, area.height * 2 / 5)
    let rows = area.rows([.fill, .length(stepHeight)])
    // 33 columns at 80: a parameter row with value, gradient and change fits (29 inside)
    let top = rows[0].columns([.fill, .length(max(33, area.width * 2 / 5))])
    let right = top[1].rows([.percentage(50), .fill])
    return (top[0], right[0], rows[1], right[1])
}

/// The layer view's panels: the matrices over the whole width (they need it), the step panel
/// with the one-number formula of the selected cell below; on wide screens the step panel on
/// the right and the loss under it.
func layerLayout(_ area: Rect) -> (layers: Rect, step: Rect, loss: Rect?) {
    if area.width >= 150 {
        let columns = area.columns([.fill, .length(area.width * 7 / 20)])
        let right = columns[1].rows([.fill, .length(max(7, columns[1].height / 3))])
        return (columns[0], right[0], right[1])
    }
    let rows = area.rows([.fill, .length(max(10, area.height * 2 / 5))])
    return (rows[0], rows[1], nil)
}

/// What is on screen now, worked out once per frame from the model.
struct ScreenState {
    let model: TutorModel
    let text: UIText
    let trace: StepTrace?
    let eventIndex: Int?
    let event: StepEvent?
    /// the sample whose numbers the diagram shows
    let sample: Int
    let trainer: Trainer
    /// Event words at the panels' width (80), made once per frame rather than once per panel.
    let words: EventWords

    init(_ model: TutorModel) {
        self.model = model
        text = model.text
        trace = model.timeline.currentTrace
        eventIndex = model.timeline.position?.event
        event = model.timeline.currentEvent
        trainer = model.timeline.shownTrainer
        sample = event?.sample ?? max((trace?.batchCount ?? 1) - 1, 0)
        words = model.words(width: 80)
    }

    var network: Network { trainer.network }

    /// Whether the event at `index` of the current step has already been shown.
    func isShown(_ index: Int?) -> Bool { model.timeline.isShown(index) }

    /// The value of parameter p as shown now: after its update once that update is on screen.
    func value(of p: ParameterRef) -> Double { model.timeline.shownValue(of: p) }
}

private func drawTitleBar(_ s: ScreenState, into buffer: inout Buffer, area: Rect) {
    let style = Style(.title, attributes: [.reverse, .bold])
    buffer.fill(area, with: Cell(" ", style: style))
    var right: [String] = []
    if let trace = s.trace, let k = s.eventIndex {
        right.append(s.text.epoch(trace.epochNumber))
        if let sample = s.event?.sample {
            right.append(s.text.sample(sample + 1, of: trace.batchCount))
        } else {
            right.append(s.text.batchWide)
        }
        right.append(s.text.stepOf(k + 1, trace.count))
        right.append(s.words.phaseName(trace.phase(at: k)))
    } else {
        right.append(s.text.epoch(s.trainer.epoch + 1))
        right.append(s.text.start)
    }
    if s.model.autoplay { right.append(s.text.playing) }
    let dot = s.model.unicode ? " · " : " | "
    let rightText = right.joined(separator: dot) + " "
    let rightWidth = displayWidth(of: rightText)
    let leftRoom = max(0, area.width - rightWidth - 1)
    let left = truncate(" backprop-tutor" + dot + s.model.title, width: leftRoom, unicode: s.model.unicode)
    buffer.put(left, x: area.x, y: area.y, style: style, clip: area)
    buffer.put(rightText, x: area.right - rightWidth, y: area.y, style: style, clip: area)
}

private func drawKeyLine(_ s: ScreenState, into buffer: inout Buffer, area: Rect) {
    if let status = s.model.status {
        buffer.put(truncate(" " + status, width: area.width, unicode: s.model.unicode), x: area.x, y: area.y,
                   style: Style(.warning, attributes: .bold), clip: area)
        return
    }
    let size = "\(s.text.stepSize): \(s.text.granularity(s.model.granularity))  "
    let x = buffer.put(" " + size, x: area.x, y: area.y, style: Style(.accent, attributes: .bold), clip: area)
    let arrows = s.model.unicode ? s.text.keyHints : s.text.keyHints.map { pair in
        (pair.0.replacingArrows(), pair.1)
    }
    KeyHints(arrows).render(into: &buffer, area: Rect(x: x, y: area.y, width: area.right - x, height: 1))
}

private func drawTooSmall(_ model: TutorModel, into buffer: inout Buffer) {
    let message = model.text.enlarge(model.width, model.height)
    let lines = wrap(message, width: max(model.width - 2, 1))
    let top = max(0, (model.height - lines.count) / 2)
    for (k, line) in lines.enumerated() {
        let x = max(0, (model.width - displayWidth(of: line)) / 2)
        buffer.put(line, x: x, y: top + k, style: Style(.warning, attributes: .bold))
    }
}

extension String {
    /// → ← in ASCII mode.
    func replacingArrows() -> String {
        var out = ""
        for c in self {
            switch c {
            case "→": out += "->"
            case "←": out += "<-"
            case "↑": out += "^"
            case "↓": out += "v"
            default: out.append(c)
            }
        }
        return out
    }
}
