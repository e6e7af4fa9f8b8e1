import BackpropEngine

/// One line of the settings panel.
public enum PlayField: Int, CaseIterable, Sendable {
    case data, noise, testFraction, seed, hidden, activation, residual, batchNorm, loss, optimizer, learningRate, batchSize, l2, speed

    /// Changes that the running trainers take from their next epoch; the others start over.
    public var isLive: Bool { [.optimizer, .learningRate, .batchSize, .l2, .speed].contains(self) }

    /// Whether the value can be typed (Enter) as well as stepped (← →).
    public var isTypable: Bool { [.noise, .testFraction, .seed, .hidden, .learningRate, .batchSize, .l2].contains(self) }

    public func value(_ s: PlaySettings) -> String {
        switch self {
        case .data: return s.source.name
        case .noise: return s.source.hasNoise ? formatShort(s.noise) : "-"
        case .testFraction: return formatShort(s.testFraction)
        case .seed: return String(s.seed)
        case .hidden: return s.hidden.isEmpty ? "none" : HiddenLayersText.format(s.hidden, unicode: false)
        case .activation: return s.activation.rawValue
        case .residual: return s.residual ? "on" : "off"
        case .batchNorm: return s.batchNorm ? "on" : "off"
        case .loss: return s.loss.rawValue
        case .optimizer: return s.optimizer.name
        case .learningRate: return formatShort(s.learningRate)
        case .batchSize: return s.batchSize <= 0 ? "full" : String(s.batchSize)
        case .l2: return formatShort(s.l2)
        case .speed: return s.speed.map { formatShort($0) + "/s" } ?? "max"
        }
    }

    /// The settings with this field one step up (+1) or down (−1). `sources` is the data cycle,
    /// `losses` the losses that fit the task.
    func step(_ s: PlaySettings, by d: Int, sources: [PlayDataSource], losses: [Loss]) -> PlaySettings {
        var s = s
        switch self {
        case .data: s.source = stepped(sources, from: s.source, by: d)
        case .noise: s.noise = steppedNumber(PlaySettings.noises, from: s.noise, by: d)
        case .testFraction: s.testFraction = steppedNumber(PlaySettings.fractions, from: s.testFraction, by: d)
        case .seed: s.seed = d > 0 ? s.seed &+ 1 : (s.seed > 0 ? s.seed - 1 : 0)
        case .hidden:
            // ← → change the neurons of the last hidden layer; [ ] remove and add layers
            if s.hidden.isEmpty { if d > 0 { s.hidden = [1] } } else {
                let n = s.hidden.count - 1
                s.hidden[n] = max(0, min(128, s.hidden[n] + d))
                if s.hidden[n] == 0 { s.hidden.removeLast() }
            }
        case .activation: s.activation = stepped(PlaySettings.activations, from: s.activation, by: d)
        case .residual: s.residual.toggle()
        case .batchNorm: s.batchNorm.toggle()
        case .loss: s.loss = stepped(losses, from: s.loss, by: d)
        case .optimizer: s.optimizer = stepped(PlaySettings.optimizers, from: s.optimizer, by: d)
        case .learningRate: s.learningRate = steppedNumber(PlaySettings.learningRates, from: s.learningRate, by: d)
        case .batchSize: s.batchSize = stepped(PlaySettings.batchSizes, from: s.batchSize, by: d)
        case .l2: s.l2 = steppedNumber(PlaySettings.l2s, from: s.l2, by: d)
        case .speed: s.speed = stepped(PlaySettings.speeds, from: s.speed, by: d)
        }
        return s
    }

    /// The settings with a typed value, or nil when the text does not fit the field.
    func parse(_ text: String, into s: PlaySettings) -> PlaySettings? {
        var s = s
        let t = text.filter { $0 != " " }
        switch self {
        case .noise:
            guard let v = Double(t), v >= 0, v <= 2 else { return nil }
            s.noise = v
        case .testFraction:
            guard let v = Double(t), v >= 0, v < 0.95 else { return nil }
            s.testFraction = v
        case .seed:
            guard let v = UInt64(t) else { return nil }
            s.seed = v
        case .hidden:
            guard case .sizes(let sizes) = HiddenLayersText(t) else { return nil }
            s.hidden = sizes
        case .learningRate:
            guard let v = Double(t), v > 0, v.isFinite, v <= 100 else { return nil }
            s.learningRate = v
        case .batchSize:
            if t == "full" { s.batchSize = 0; break }
            guard let v = Int(t), v >= 0 else { return nil }
            s.batchSize = v
        case .l2:
            guard let v = Double(t), v >= 0, v.isFinite else { return nil }
            s.l2 = v
        default: return nil
        }
        return s
    }

    /// The runs of compare mode for this field: two or three values of it, the rest unchanged.
    func compareValues(_ s: PlaySettings, text: PlayText = PlayText(.en)) -> [(name: String, settings: PlaySettings)] {
        func with(_ change: (inout PlaySettings) -> Void) -> PlaySettings {
            var copy = s
            change(&copy)
            return copy
        }
        switch self {
        case .learningRate:
            return [s.learningRate / 10, s.learningRate, s.learningRate * 10].map { lr in
                ("η " + formatShort(lr), with { $0.learningRate = lr })
            }
        case .activation:
            return [Activation.sigmoid, .tanh, .relu].map { a in (a.rawValue, with { $0.activation = a }) }
        case .batchSize:
            return [1, 32, 0].map { b in (text.batchRun(b == 0 ? text.full : String(b)), with { $0.batchSize = b }) }
        case .l2:
            return [0, 0.001, 0.01].map { v in ("L2 " + formatShort(v), with { $0.l2 = v }) }
        default:
            return PlaySettings.optimizers.map { o in (o.name, with { $0.optimizer = o }) }
        }
    }

    /// The field whose values compare mode shows when this one is selected.
    var comparedField: PlayField { [.learningRate, .activation, .batchSize, .l2].contains(self) ? self : .optimizer }
}

/// Up to 4 significant digits, no trailing zeros: 0.03, 1e-04 → 0.0001.
func formatShort(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
    if x == 0 { return "0" }
    var s = String(x)
    if s.hasSuffix(".0") { s.removeLast(2) }
    if s.count > 8, abs(x) >= 1e-4 {
        s = compactNumber(x)
    }
    if s.contains("e-") { s = compactNumber(x) }
    return s
}
