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
        if model.timeline.position == nil || model.timeline.position == .init(step: 0, event: 0) {
            model.status = model.text.atStart
        }
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
        model.timeline.moveToFirst()
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
        model.overlay = .skipPrompt("1000")
    case .character("r"):
        model.timeline.restart(with: model.initialTrainer)
        model.autoplay = false
        model.status = model.text.restarted
    case .character("c"):
        model.overlay = .settings(SettingsForm(config: model.timeline.live.config, spec: model.spec))
    case .character("v"):
        model.layerView.toggle()
    case .character("i"), .character("j"), .character("k"), .character("l"):
        guard model.layerView else { break }
        selectLayerCell(&model, key)
    case .character("g"):
        model.logScale = !(model.logScale ?? false)
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
        guard let n = Int(text), n > 0 else { model.status = model.text.invalid(text); return }
        model.timeline.skip(epochs: n)
        model.status = model.text.skipped(n, model.timeline.currentTrace?.epochNumber ?? model.timeline.live.epoch)
    case .backspace: model.overlay = .skipPrompt(String(text.dropLast()))
    case .character(let c) where c.wholeNumberValue != nil && text.count < 7:
        // the default is replaced by the first digit typed; full-width digits count too
        model.overlay = .skipPrompt((text == "1000" ? "" : text) + String(c.wholeNumberValue!))
    case .ctrlC: model.quit = true
    default: break
    }
}
