import TutorFiles

/// The one place the lesson screen's state changes: keys, a new size, the presenter's tick.
public func update(_ model: inout LessonModel, _ msg: TutorMsg) {
    switch msg {
    case .resize(let w, let h):
        model.width = w
        model.height = h
        model.planLayout()
    case .tick:
        guard model.autoplayRunning, !model.showHelp else { return }
        nextScene(&model)
    case .key(let key):
        model.status = nil
        if model.showHelp {
            model.showHelp = false
            if key == .ctrlC { model.quit = true; model.quitProgram = true }
            return
        }
        if model.editing {
            handleEditing(&model, key)
        } else {
            handleKey(&model, key)
        }
    }
}

private func nextScene(_ model: inout LessonModel) {
    if model.player.nextScene() {
        model.enterScene()
    } else {
        model.status = model.text.lastScene
    }
}

private func previousScene(_ model: inout LessonModel) {
    if model.player.previousScene() {
        model.enterScene()
    } else {
        model.status = model.text.firstScene
    }
}

private func handleKey(_ model: inout LessonModel, _ key: Key) {
    switch key {
    case .right, .pageDown, .character(" "), .character("n"), .down:
        nextScene(&model)
    case .left, .pageUp, .character("p"), .backspace, .up:
        previousScene(&model)
    case .enter:
        if model.player.quizPending { model.editing = true } else { nextScene(&model) }
    case .character("h"):
        showHint(&model)
    case .character("j"), .character("k"):
        scrollText(&model, key)
    case .character("v"):
        model.layerView.toggle()
    case .character("?"), .function(1):
        model.showHelp = true
    case .character("a") where model.autoplayInterval != nil:
        model.playing.toggle()
        model.status = model.playing ? model.text.playing : model.text.paused
    case .character("q"):
        model.quit = true
    case .ctrlC:
        model.quit = true
        model.quitProgram = true
    case .character(let c) where model.player.quizPending && isAnswerCharacter(c):
        // typing an answer starts the field
        model.editing = true
        model.answerText.append(c)
    default:
        break
    }
}

private func handleEditing(_ model: inout LessonModel, _ key: Key) {
    switch key {
    case .escape:
        model.editing = false
    case .ctrlC:
        model.quit = true
        model.quitProgram = true
    case .enter:
        submit(&model)
    case .backspace:
        if !model.answerText.isEmpty { model.answerText.removeLast() }
    case .right, .pageDown, .down:
        nextScene(&model)
    case .left, .pageUp, .up:
        previousScene(&model)
    case .character("h") where !letterIsAnAnswer(model, "h"):
        showHint(&model)
    case .character("?") where model.answerText.isEmpty:
        model.showHelp = true
    case .character("j"), .character("k"):
        scrollText(&model, key)
    case .character("v"):   // never part of an answer
        model.layerView.toggle()
    case .character(let c):
        if model.answerText.count < 24 { model.answerText.append(c) }
    default:
        break
    }
}

private func submit(_ model: inout LessonModel) {
    let result = model.player.answer(model.answerText)
    model.lastResult = result
    model.quizScroll = nil   // the verdict in view
    switch result.outcome {
    case .correct, .wrong:
        model.editing = false
    case .unreadable:
        model.status = result.message
    case .alreadyAnswered, .noQuiz:
        model.editing = false
    }
}

/// j down, k up, within the lines that do not fit, in reading order: j the narration to its
/// end, then the quiz box; k the quiz box back to its top, then the narration.
private func scrollText(_ model: inout LessonModel, _ key: Key) {
    let narration = narrationOverflow(model)
    let quiz = quizScrollState(model)
    if key == .character("j") {
        if model.narrationScroll < narration {
            model.narrationScroll += 1
        } else if quiz.offset < quiz.overflow {
            model.quizScroll = quiz.offset + 1
        }
    } else if quiz.offset > 0 {
        model.quizScroll = quiz.offset - 1
    } else {
        model.narrationScroll = max(0, min(narration, model.narrationScroll) - 1)
    }
}

private func showHint(_ model: inout LessonModel) {
    guard model.player.scene.quiz != nil else { return }
    if model.player.hint() == nil {
        model.status = LessonStrings.noHint(model.language)
    } else if model.player.quizPending {
        model.quizScroll = .max   // the hint, at the end of the quiz box, in view
    }
}

/// Characters that begin an answer: digits, signs, a decimal point, letters of the choices.
private func isAnswerCharacter(_ c: Character) -> Bool {
    c.isNumber || "+-−.,".contains(c) || ("a"..."g").contains(c) || c == "＋" || c == "－"
}

/// Whether typing `c` in a choice quiz picks a choice (then it is not a command).
private func letterIsAnAnswer(_ model: LessonModel, _ c: Character) -> Bool {
    guard let quiz = model.player.scene.quiz, quiz.kind == .choice else { return false }
    let letters = (0..<quiz.choices.count).map { Character(QuizChecker.letter($0)) }
    return letters.contains(c)
}
