import BackpropEngine
import TutorFiles

/// What can happen to the tutor: a key, a new terminal size, a timer tick (autoplay).
public enum TutorMsg: Sendable, Equatable {
    case key(Key)
    case resize(width: Int, height: Int)
    case tick
}

/// The one place the tutor's state changes.
public func update(_ model: inout TutorModel, _ msg: TutorMsg) {
    switch msg {
    case .resize(let w, let h):
        model.width = w
        model.height = h
    case .tick:
        guard model.autoplay, model.overlay == nil else { return }
        if model.timeline.isAtDivergence { model.autoplay = false; return }
        model.timeline.forward(by: model.granularity)
    case .key(let key):
        model.status = nil
        switch model.overlay {
        case .help?: model.overlay = nil
        case .skipPrompt(let text)?: handleSkipPrompt(&model, key, text)
        case .goToPrompt(let text)?: handleGoToPrompt(&model, key, text)
        case .settings(let form)?: handleSettings(&model, key, form)
        case nil: handleKey(&model, key)
        }
    }
}

private func handleKey(_ model: inout TutorModel, _ key: Key) {
    let sizes = Timeline.Granularity.allCases
    switch key {
    case .right, .pageDown, .character("n"), .character(" "), .enter, .down:
        if model.timeline.isAtDivergence { model.status = model.text.diverged; return }
        model.timeline.forward(by: model.granularity)
    case .left, .pageUp, .character("p"), .backspace, .up:
        // from the first event, back to the start screen; there, a word that this is the start
        if model.timeline.position == nil { model.status = model.text.atStart }
        model.timeline.backward(by: model.granularity)
    case .character("]"):
        let k = sizes.firstIndex(of: model.granularity)!
        model.granularity = sizes[min(k + 1, sizes.count - 1)]
    case .character("["):
        let k = sizes.firstIndex(of: model.granularity)!
        model.granularity = sizes[max(k - 1, 0)]
    case .tab:
        model.timeline.nextPhase()
    case .backTab:
        model.timeline.startOfPhase()
    case .home:
        model.timeline.moveToStart()
    case .end:
        model.timeline.moveToNewest()
    case .character("a"):
        model.autoplay.toggle()
        if model.autoplay { model.status = model.text.speed(model.autoplayInterval) }
    case .character("+"), .character("="):
        model.speedIndex = min(model.speedIndex + 1, TutorModel.autoplaySpeeds.count - 1)
        model.status = model.text.speed(model.autoplayInterval)
    case .character("-"), .character("_"):
        model.speedIndex = max(model.speedIndex - 1, 0)
        model.status = model.text.speed(model.autoplayInterval)
    case .character("e"):
        model.overlay = .skipPrompt("")
    case .character("G"):
        model.overlay = .goToPrompt("")
    case .character("m"):
        if let mark = model.timeline.mark, mark.position == model.timeline.position {
            model.timeline.clearMark()
            model.status = model.text.markCleared
        } else {
            model.timeline.setMark()
            model.status = model.text.marked
        }
    case .character("M"):
        guard let mark = model.timeline.mark else { model.status = model.text.noMark; return }
        model.timeline.go(to: mark.position)
        model.status = model.text.backAtMark
    case .character("r"):
        do {
            try model.timeline.restart(with: model.initialTrainer)
            model.autoplay = false
            model.status = model.text.restarted
        } catch {
            model.status = "\(error)"
        }
    case .character("c"):
        model.overlay = .settings(SettingsForm(config: model.timeline.live.config, spec: model.spec))
    case .character("v"):
        model.layerView.toggle()
    case .character("i"), .character("j"), .character("k"), .character("l"):
        guard model.layerView else { break }
        selectLayerCell(&model, key)
    case .character("g"):
        model.logScale = !model.lossAxisIsLog
        model.status = model.text.lossAxis(logarithmic: model.logScale!)
    case .character("t"):
        let names = Theme.all.map(\.name)
        let k = names.firstIndex(of: model.theme.name) ?? 0
        model.theme = Theme.all[(k + 1) % Theme.all.count]
        model.status = model.text.theme(model.theme.name)
    case .character("?"), .character("h"), .function(1):
        model.overlay = .help
    case .character("q"), .ctrlC, .escape:
        if key == .escape { return }
        model.quit = true
    default:
        break
    }
}

private func handleSkipPrompt(_ model: inout TutorModel, _ key: Key, _ text: String) {
    switch key {
    case .escape: model.overlay = nil
    case .enter:
        model.overlay = nil
        // nothing typed: the default shown in the prompt
        guard let n = text.isEmpty ? TutorModel.defaultSkip : Int(text), n > 0 else {
            model.status = model.text.invalid(text); return
        }
        model.timeline.skip(epochs: n)
        model.status = model.text.skipped(n, model.timeline.currentTrace?.epochNumber ?? model.timeline.live.epoch)
    case .backspace: model.overlay = .skipPrompt(String(text.dropLast()))
    case .character(let c) where c.wholeNumberValue != nil && text.count < 7:
        // full-width digits count too
        model.overlay = .skipPrompt(text + String(c.wholeNumberValue!))
    case .ctrlC: model.quit = true
    default: break
    }
}

/// `G`: "epoch N" or "update N" (e N, u N); Enter goes to its first event, or says why not.
private func handleGoToPrompt(_ model: inout TutorModel, _ key: Key, _ text: String) {
    switch key {
    case .escape: model.overlay = nil
    case .enter:
        model.overlay = nil
        guard let target = Timeline.Target.parse(text) else { model.status = model.text.goToUnreadable(text); return }
        guard model.timeline.go(to: target) else {
            guard let last = model.timeline.lastTrainedUpdate else { model.status = model.text.nothingTrained; return }
            model.status = model.text.outOfRun(target, epochs: last / model.timeline.batchesPerEpoch + 1,
                                               updates: last + 1)
            return
        }
        model.autoplay = false
    case .backspace: model.overlay = .goToPrompt(String(text.dropLast()))
    case .ctrlC: model.quit = true
    case .character(let c) where text.count < 24 && !c.isNewline:
        model.overlay = .goToPrompt(text + String(c))
    default: break
    }
}
