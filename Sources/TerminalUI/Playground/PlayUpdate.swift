import BackpropEngine

/// What can happen to the playground: a key, a new size, a snapshot from the trainer thread.
public enum PlayMsg: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case snapshot(PlaySnapshot)
    /// The outcome of a save: nil for success, else what went wrong.
    case saved(path: String, error: String?)
}

/// What the loop must do for the playground (the only side effects).
public enum PlayCommand: Equatable, Sendable {
    /// Give the trainer thread `model.freshTrainers()` under `model.generation`.
    case restart
    /// Send `model.configs` and `model.settings.speed` to the trainer thread.
    case configure
    case setRunning(Bool)
    /// Train one epoch (when paused).
    case trainEpoch
    case save(path: String)
    /// Open the step-by-step tutor on the current network and come back.
    case stepIn
}

/// The one place the playground's state changes.
public func update(_ model: inout PlayModel, _ msg: PlayMsg) -> [PlayCommand] {
    switch msg {
    case .resize(let w, let h):
        model.width = w
        model.height = h
        return []
    case .snapshot(let snapshot):
        guard snapshot.generation == model.generation, snapshot.runs.count == model.runs.count else { return [] }
        model.runs = snapshot.runs
        if model.running, snapshot.runs.allSatisfy({ $0.trainer.hasDiverged }) {
            model.running = false
            model.status = model.text.divergedStatus
            return [.setRunning(false)]
        }
        return []
    case .saved(let path, let error):
        model.status = error.map { model.text.cannotSave(path, $0) } ?? model.text.saved(path)
        return []
    case .key(let key):
        model.status = nil
        if model.showHelp {
            model.showHelp = false
            return []
        }
        if let text = model.savePrompt { return savePromptKey(&model, key, text) }
        if let text = model.editing { return editKey(&model, key, text) }
        return playKey(&model, key)
    }
}

private func playKey(_ model: inout PlayModel, _ key: Key) -> [PlayCommand] {
    let fields = PlayField.allCases
    switch key {
    case .up, .character("k"):
        model.selected = fields[max(model.selected.rawValue - 1, 0)]
    case .down, .character("j"):
        model.selected = fields[min(model.selected.rawValue + 1, fields.count - 1)]
    case .left, .character("-"), .character("h"):
        return change(&model, to: model.selected.step(model.settings, by: -1, sources: sources(model),
                                                      losses: model.data.task.losses))
    case .right, .character("+"), .character("="), .character("l"):
        return change(&model, to: model.selected.step(model.settings, by: 1, sources: sources(model),
                                                      losses: model.data.task.losses))
    case .character("]"):
        guard model.settings.hidden.count < PlaySettings.maxHiddenLayers else {
            model.status = model.text.tooManyLayers(model.settings.hidden.count + 1)
            return []
        }
        var s = model.settings
        s.hidden.append(s.hidden.last ?? 4)
        return change(&model, to: s)
    case .character("["):
        var s = model.settings
        guard !s.hidden.isEmpty else { return [] }
        s.hidden.removeLast()
        return change(&model, to: s)
    case .enter:
        if model.selected.isTypable { model.editing = "" }
    case .character(" "), .character("p"):
        model.running.toggle()
        return [.setRunning(model.running)]
    case .character("n"), .character("."):
        if model.running { model.running = false; return [.setRunning(false), .trainEpoch] }
        return [.trainEpoch]
    case .character("r"):
        guard restart(&model) else { return [] }
        model.status = model.text.reset(seed: model.settings.seed)
        return [.restart]
    case .character("c"):
        let before = model.compare
        model.compare = model.compare == nil ? .setting(model.selected.comparedField) : nil
        guard restart(&model) else { model.compare = before; return [] }
        return [.restart]
    case .character("d"):
        return toggleDeepPreset(&model)
    case .character("i"):
        if model.running { model.running = false; return [.setRunning(false), .stepIn] }
        return [.stepIn]
    case .character("s"):
        model.savePrompt = PlayModel.defaultSaveName
    case .character("t"):
        let k = Theme.all.firstIndex { $0.name == model.theme.name } ?? 0
        model.theme = Theme.all[(k + 1) % Theme.all.count]
    case .character("?"), .function(1):
        model.showHelp = true
    case .character("q"), .ctrlC:
        model.quit = true
    default:
        break
    }
    return []
}

/// The data sets the data setting cycles through.
private func sources(_ model: PlayModel) -> [PlayDataSource] {
    ToyDataset.allCases.map { .toy($0) } + BuiltinSet.allCases.map { .builtin($0) }
        + (model.fileSource.map { [$0] } ?? [])
}

/// Takes new settings: live ones go to the running trainers, others start over. Settings the
/// engine refuses (a network too large, say) change nothing; the refusal is the status line.
private func change(_ model: inout PlayModel, to new: PlaySettings) -> [PlayCommand] {
    guard new != model.settings else { return [] }
    var next = model
    do {
        let commands = try applyChange(&next, to: new)
        model = next
        return commands
    } catch {
        model.status = "\(error)"
        return []
    }
}

private func applyChange(_ model: inout PlayModel, to new: PlaySettings) throws(EngineError) -> [PlayCommand] {
    let old = model.settings
    model.settings = new
    if old.source != new.source {
        switch new.source {
        case .builtin(let set): model.table = PlayTable.builtin(set)
        case .csv, .idx: break  // the table read at start
        case .toy: break
        }
    }
    let dataChanged = old.source != new.source || old.seed != new.seed || old.testFraction != new.testFraction
        || (old.noise != new.noise && new.source.hasNoise)
    if dataChanged {
        model.data = PlayData.make(new, table: model.table)
        if !model.data.task.losses.contains(model.settings.loss) { model.settings.loss = model.data.task.losses[0] }
    }
    let liveOnly = model.compare == nil && PlayField.allCases.filter { !$0.isLive }.allSatisfy {
        $0.value(old) == $0.value(model.settings)
    } && old.hidden == new.hidden
    if liveOnly {
        for k in model.runs.indices {
            // the engine checks the new settings; a refusal leaves the model as it was (`change`).
            // reconfigure does not check a batch of 1 against batch normalization: Trainer.init does
            let t = model.runs[k].trainer
            if !t.network.batchNormLayers.isEmpty {
                _ = try Trainer(network: t.network, config: model.configs[k], data: t.data, testData: t.testData)
            }
            try model.runs[k].trainer.reconfigure(model.configs[k])
        }
        return [.configure]
    }
    let runs = try model.freshRuns()
    model.generation += 1
    model.runs = runs
    return [.restart]
}

/// The compare preset on (its deep network, every variant side by side) or off (the plain deep
/// network alone, to change further).
private func toggleDeepPreset(_ model: inout PlayModel) -> [PlayCommand] {
    let before = model
    if model.compare == .deep {
        model.compare = nil
        guard restart(&model) else { model.compare = before.compare; return [] }
        return [.restart]
    }
    var preset = model.settings
    preset.applyDeepPreset()
    model.compare = .deep
    if preset == model.settings {
        guard restart(&model) else { model.compare = before.compare; return [] }
    } else {
        let commands = change(&model, to: preset)
        guard commands == [.restart] else { model.compare = before.compare; return [] }
    }
    model.status = model.text.deepPresetStatus
    return [.restart]
}

/// Fresh runs under a new generation (the trainer thread gets them through `.restart`); false,
/// with the engine's refusal as the status, when the settings cannot be trained.
private func restart(_ model: inout PlayModel) -> Bool {
    do {
        let runs = try model.freshRuns()
        model.generation += 1
        model.runs = runs
        return true
    } catch {
        model.status = "\(error)"
        return false
    }
}

private func editKey(_ model: inout PlayModel, _ key: Key, _ text: String) -> [PlayCommand] {
    switch key {
    case .escape: model.editing = nil
    case .enter:
        model.editing = nil
        guard let s = model.selected.parse(text, into: model.settings) else {
            if model.selected == .hidden, case .tooMany(let n) = HiddenLayersText(text) {
                model.status = model.text.tooManyLayers(n)
                return []
            }
            model.status = model.text.notAValue(text, model.selected)
            return []
        }
        return change(&model, to: s)
    case .backspace: model.editing = String(text.dropLast())
    case .character(let c) where text.count < 48 && (c.isNumber || ".,e-×".contains(c) || c.isLetter):
        model.editing = text + String(c)
    case .ctrlC: model.quit = true
    default: break
    }
    return []
}

private func savePromptKey(_ model: inout PlayModel, _ key: Key, _ text: String) -> [PlayCommand] {
    switch key {
    case .escape: model.savePrompt = nil
    case .enter:
        model.savePrompt = nil
        guard !text.isEmpty else { return [] }
        return [.save(path: text.hasSuffix(".toml") ? text : text + ".toml")]
    case .backspace: model.savePrompt = String(text.dropLast())
    case .character(let c) where text.count < 200 && c != "\t":
        // the default name is replaced by the first character typed
        model.savePrompt = (text == PlayModel.defaultSaveName ? "" : text) + String(c)
    case .ctrlC: model.quit = true
    default: break
    }
    return []
}

extension PlayModel {
    public static let defaultSaveName = "playground.toml"
}
