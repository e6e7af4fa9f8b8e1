import BackpropEngine
import TutorFiles

/// Keys while the settings form is open. Enter applies: learning rate and optimizer from the next
/// update; activation, hidden layers and seed build a new network and restart.
func handleSettings(_ model: inout TutorModel, _ key: Key, _ form: SettingsForm) {
    var form = form
    let fields = SettingsForm.Field.allCases
    switch key {
    case .escape:
        model.overlay = nil
        return
    case .ctrlC:
        model.quit = true
        return
    case .up, .backTab:
        form.selected = fields[max(form.selected.rawValue - 1, 0)]
    case .down, .tab:
        form.selected = fields[min(form.selected.rawValue + 1, fields.count - 1)]
    case .left, .right:
        form.cycle(by: key == .right ? 1 : -1)
    case .backspace:
        form.editText { $0 = String($0.dropLast()) }
    case .character(let c) where c.isNumber || c == "." || c == "," || c == "e" || c == "-":
        let typed = c.wholeNumberValue.map(String.init) ?? String(c)
        form.editText { $0 += typed }
    case .enter:
        model.overlay = nil
        apply(form, to: &model)
        return
    default:
        break
    }
    model.overlay = .settings(form)
}

extension SettingsForm {
    /// ← → on the selected field: halve/double η, the next optimizer or activation, ±1 neuron, ±1 seed.
    mutating func cycle(by step: Int) {
        switch selected {
        case .learningRate:
            if let x = Double(learningRate), x > 0 { learningRate = Self.format(step > 0 ? x * 2 : x / 2) }
        case .optimizer:
            let k = Self.optimizers.firstIndex { $0.name == optimizer.name } ?? 0
            optimizer = Self.optimizers[(k + step + Self.optimizers.count) % Self.optimizers.count]
        case .activation:
            let k = Self.activations.firstIndex(of: activation) ?? 0
            activation = Self.activations[(k + step + Self.activations.count) % Self.activations.count]
        case .hidden:
            var sizes = hidden.split(separator: ",").compactMap { Int($0.filter { $0 != " " }) }
            if sizes.isEmpty { sizes = [2] } else { sizes[0] = min(max(sizes[0] + step, 1), 64) }
            hidden = sizes.map(String.init).joined(separator: ",")
        case .seed:
            if let s = UInt64(seed) { seed = String(step > 0 ? s &+ 1 : (s == 0 ? 0 : s - 1)) }
        }
    }

    /// Typing edits the text fields (η, hidden sizes, seed).
    mutating func editText(_ edit: (inout String) -> Void) {
        switch selected {
        case .learningRate: edit(&learningRate)
        case .hidden: edit(&hidden)
        case .seed: edit(&seed)
        case .optimizer, .activation: break
        }
    }
}

private func apply(_ form: SettingsForm, to model: inout TutorModel) {
    let text = model.text
    guard let eta = Double(form.learningRate), eta > 0, eta.isFinite else {
        model.status = text.invalid(form.learningRate); return
    }
    let sizes = form.hidden.split(separator: ",").compactMap { Int($0.filter { $0 != " " }) }
    guard sizes.count == form.hidden.split(separator: ",").count, sizes.allSatisfy({ $0 >= 1 && $0 <= 1024 }) else {
        model.status = text.invalid(form.hidden); return
    }
    guard let seed = UInt64(form.seed) else { model.status = text.invalid(form.seed); return }

    var spec = model.spec
    let oldHidden = Array(spec.layerSizes.dropFirst().dropLast())
    let hiddenActivation = spec.activations.count > 1 ? spec.activations[0] : nil
    let architectureChanged = sizes != oldHidden || (hiddenActivation != nil && form.activation != hiddenActivation)
        || seed != spec.seed
    var changes: [String] = []
    if eta != model.timeline.live.config.learningRate { changes.append("η \(SettingsForm.format(eta))") }
    if form.optimizer.name != model.timeline.live.config.optimizer.name { changes.append(form.optimizer.name) }

    if architectureChanged {
        spec.layerSizes = [spec.layerSizes.first!] + sizes + [spec.layerSizes.last!]
        let output = spec.outputActivation
        spec.activations = sizes.map { _ in form.activation } + [output]
        // skip connections stay where the layers they join still exist with equal widths
        let sizesNow = spec.layerSizes
        spec.residual = spec.residual.filter { ResidualSkip.problem([$0], layerSizes: sizesNow) == nil }
        spec.batchNorm = spec.batchNorm.filter { $0 < sizesNow.count - 1 }
        spec.seed = seed
        // new shapes or a new seed: the file's explicit weights no longer apply (the status says so)
        let hadFileWeights = spec.explicitWeights != nil
        spec.explicitWeights = nil
        spec.explicitBiases = nil
        var config = model.timeline.live.config
        config.learningRate = eta
        config.optimizer = form.optimizer
        config.shuffleSeed = seed
        let old = model.initialTrainer
        // the engine checks the new shape (sizes, memory); its refusal is shown, nothing changes
        let trainer: Trainer
        do {
            trainer = try Trainer(network: spec.build(), config: config, data: old.data, testData: old.testData)
            try model.timeline.restart(with: trainer)
        } catch {
            model.status = "\(error)"; return
        }
        model.spec = spec
        model.initialTrainer = trainer
        model.autoplay = false
        let shape = spec.layerSizes.map(String.init).joined(separator: "-")
        // the file's title describes the file's network, which this no longer is
        if sizes != oldHidden { model.title = text.changedTitle(shape) }
        model.status = text.applied(([shape, form.activation.rawValue] + changes).joined(separator: ", "))
            + " · " + text.newWeights(seed, fromFile: hadFileWeights)
    } else if !changes.isEmpty {
        do {
            try model.timeline.changeConfig {
                $0.learningRate = eta
                $0.optimizer = form.optimizer
            }
        } catch {
            model.status = "\(error)"; return
        }
        model.status = text.applied(changes.joined(separator: ", ")) + " · " + text.appliesNext
    }
}
