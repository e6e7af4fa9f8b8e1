import BackpropEngine
import EventWords
import TutorFiles

/// The step panel of a lesson, always in the same place beside (or under) the diagram: the
/// tutor's step; while a quiz waits for its answer, the numbers its question needs and never the
/// answer; before the first step, the network's numbers.
func drawLessonStep(_ model: LessonModel, _ s: ScreenState, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let text = model.text
    if hidesStep(model) {
        let values = quizGivens(model, s.words).map { ($0.name, s.words.format($0)) }
        drawValues(model, title: s.text.step, heading: text.givensHeading, values: values, note: text.givensNote,
                   into: &buffer, area: area, box: box)
    } else if s.event == nil {
        drawValues(model, title: s.text.step, heading: text.networkNumbers, values: networkNumbers(s), note: nil,
                   into: &buffer, area: area, box: box)
    } else {
        drawStep(s, into: &buffer, area: area, box: box)
    }
}

/// Whether the step would give away the pending quiz's answer (the formulas show every factor,
/// e.g. the sigmoid's slope inside δ): number and sign quizzes, and choice quizzes about a value.
func hidesStep(_ model: LessonModel) -> Bool {
    guard model.player.quizPending, let quiz = model.player.scene.quiz else { return false }
    return quizHidesStep(quiz)
}

private func quizHidesStep(_ quiz: Quiz) -> Bool { quiz.kind != .choice || !quiz.hidden.isEmpty }

/// Whether the scene's quiz shows the numbers it needs in the step panel while it waits: then
/// the scene keeps a step panel, answered or not (its panels stay where they were).
func keepsStepPanel(_ model: LessonModel, _ words: EventWords) -> Bool {
    guard let quiz = model.player.scene.quiz, quizHidesStep(quiz) else { return false }
    return !quizGivens(model, words).isEmpty
}

/// The values the pending quiz's question needs: the lesson's `given` list, else what the event
/// computing the answer starts from (for a slope: the activation it is computed from).
func quizGivens(_ model: LessonModel, _ words: EventWords) -> [GivenValue] {
    let player = model.player
    guard let quiz = player.scene.quiz else { return [] }
    if !quiz.given.isEmpty {
        return quiz.given.compactMap { name in
            player.value(of: name).map { GivenValue(name: symbol(of: name, words), value: $0, isCount: isCount(name)) }
        }
    }
    if case .slope(let n)? = quiz.answer, let a = player.value(of: .activation(n)) {
        return [GivenValue(name: words.name(of: n), value: a)]
    }
    guard let event = player.workedEvent else { return [] }
    return words.givens(for: event)
}

/// Inputs and targets of the first sample, and every parameter, as the network starts the step.
private func networkNumbers(_ s: ScreenState) -> [(String, String)] {
    let net = s.network, words = s.words
    var out: [(String, String)] = []
    let data = s.trainer.data
    let sample = s.trainer.nextBatchIndices.first ?? 0
    if sample < data.count {
        for (i, x) in data.inputs[sample].enumerated() { out.append((words.name(of: NeuronRef(layer: 0, index: i)), words.format(x))) }
    }
    for p in net.parameterRefs { out.append((words.name(of: p), words.format(net.value(of: p)))) }
    if sample < data.count {
        for (j, y) in data.targets[sample].enumerated() {
            out.append((words.notation.target(of: NeuronRef(layer: net.layerSizes.count - 1, index: j)), words.format(y)))
        }
    }
    return out
}

/// A heading, then "name value" cells in as many columns as fit, then a note when there is room.
/// Cells that do not fit give way to "…".
private func drawValues(_ model: LessonModel, title: String, heading: String, values: [(String, String)], note: String?,
                        into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let panel = Panel(title: title, box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    guard !inner.isEmpty else { return }
    let u = model.unicode
    buffer.put(truncate(plainSymbols(heading, u), width: inner.width, unicode: u), x: inner.x, y: inner.y,
               style: Style(.title, attributes: .bold), clip: inner)
    let nameWidth = values.map { displayWidth(of: plainSymbols($0.0, u)) }.max() ?? 0
    let valueWidth = values.map { displayWidth(of: $0.1) }.max() ?? 0
    let cellWidth = nameWidth + 1 + valueWidth
    let columns = max(1, (inner.width + 3) / (cellWidth + 3))
    let noteLines = note.map { TextBlock(plainSymbols($0, u)).layout(width: inner.width) } ?? []
    let rowsForValues = inner.height - 1
    let valueRows = (values.count + columns - 1) / columns
    let showNote = !noteLines.isEmpty && valueRows + 1 + noteLines.count <= rowsForValues
    let capacity = max(0, rowsForValues - (showNote ? noteLines.count + 1 : 0)) * columns
    var cells = values.map { name, value in
        plainSymbols(name, u).padding(toWidth: nameWidth) + " " + String(repeating: " ", count: valueWidth - displayWidth(of: value)) + value
    }
    if cells.count > capacity, capacity > 0 { cells = Array(cells.prefix(capacity - 1)) + [u ? "…" : "..."] }
    for (k, cell) in cells.prefix(capacity).enumerated() {
        buffer.put(cell, x: inner.x + (k % columns) * (cellWidth + 3), y: inner.y + 1 + k / columns,
                   style: Style(.accent, attributes: .bold), clip: inner)
    }
    if showNote {
        TextBlock(plainSymbols(note ?? "", u), style: Style(.dim))
            .render(noteLines, into: &buffer, area: Rect(x: inner.x, y: inner.bottom - noteLines.count, width: inner.width,
                                                          height: noteLines.count))
    }
}

extension String {
    /// The string with spaces after it up to `width` display columns.
    func padding(toWidth width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - displayWidth(of: self)))
    }
}

/// A value's symbol as the formulas write it (`∂E/∂w₅`, `δ(ŷ₁)`, `y₁`).
func symbol(of name: ValueName, _ words: EventWords) -> String {
    let n = words.notation
    let ja = words.language == .ja
    switch name {
    case .activation(let x): return n.name(of: x)
    case .weightedSum(let x): return n.weightedSum(of: x)
    case .delta(let x): return n.delta(of: x)
    case .lossGradient(let x): return n.lossGradient(of: x)
    case .slope(let x): return n.activationSlope(of: x)
    case .target(let x): return n.target(of: x)
    case .lossShare(let x): return n.lossShare(of: x)
    case .sampleLoss(let k): return n.sampleLoss(k - 1)
    case .gradient(let p): return n.gradient(of: p)
    case .value(let p): return n.name(of: p)
    case .newValue(let p): return (ja ? "新しい " : "new ") + n.name(of: p)
    case .loss: return "E"
    case .learningRate: return words.ascii ? "eta" : "η"
    case .epoch: return ja ? "エポック" : "epoch"
    case .update: return ja ? "更新" : "update"
    case .accuracy: return ja ? "正解率" : "accuracy"
    case .testAccuracy: return ja ? "テスト正解率" : "test accuracy"
    case .samples: return ja ? "サンプル数" : "samples"
    case .gradientNorm(let layer): return "‖g‖" + (layer.map { " (\($0))" } ?? "")
    case .clipScale: return "clip scale"
    case .clipNorm: return "clip"
    case .comparison(let variant, _): return variant
    case .cost(_, let value):
        // which network (784-128-64-10 or the lesson's) the question says
        switch value {
        case .parameters: return ja ? "パラメータ数" : "parameters"
        case .numerical: return ja ? "中心差分の順伝播" : "central-difference passes"
        case .forward: return ja ? "順伝播" : "forward passes"
        case .backward: return ja ? "逆伝播" : "backward passes"
        case .ratio: return ja ? "回数の比" : "ratio of passes"
        }
    }
}

/// Whether a value counts something (passes, parameters, epochs, samples): shown without decimals.
func isCount(_ name: ValueName) -> Bool {
    switch name {
    case .cost, .epoch, .update, .samples: return true
    default: return false
    }
}
