import BackpropEngine
import Foundation

/// Reads named values from the engine state a `Timeline` shows: the current step's recorded
/// numbers, for the sample of the current event (the first sample when the event is about the
/// whole batch). Before the first step only what needs no step is known (parameters, lr, epoch…).
public enum ValueResolver {
    /// The value, or nil when the timeline has not computed it (yet).
    public static func resolve(_ name: ValueName, timeline: Timeline) -> Double? {
        resolve(name, timeline: timeline, comparison: nil)
    }

    /// The same, with the runs of the lesson's comparison for `compare.<name>.…`.
    public static func resolve(_ name: ValueName, timeline: Timeline, comparison: Comparison?) -> Double? {
        if case .comparison(let variant, let value) = name { return comparison?.value(variant, value) }
        if case .cost(let layers, let value) = name { return resolveCost(layers: layers, value, timeline: timeline) }
        guard let t = timeline.currentTrace else { return resolveWithoutStep(name, timeline.shownTrainer) }
        let s = timeline.currentEvent?.sample ?? 0
        let net = t.before.network
        let top = net.layerSizes.count - 1
        func ok(_ n: NeuronRef) -> Bool { n.layer <= top && n.index < net.layerSizes[n.layer] }
        switch name {
        case .activation(let n):
            return ok(n) ? t.activation(sample: s, layer: n.layer, neuron: n.index) : nil
        case .weightedSum(let n):
            return ok(n) && n.layer > 0 ? t.weightedSum(sample: s, layer: n.layer, neuron: n.index) : nil
        case .delta(let n):
            return ok(n) && n.layer > 0 ? t.delta(sample: s, layer: n.layer, neuron: n.index) : nil
        case .slope(let n):
            return ok(n) && n.layer > 0 ? t.activationSlope(sample: s, layer: n.layer, neuron: n.index) : nil
        case .lossGradient(let n):
            return ok(n) && n.layer == top ? t.lossGradient(sample: s, output: n.index) : nil
        case .target(let n):
            return ok(n) && n.layer == top ? t.targets[s][n.index] : nil
        case .lossShare(let n):
            return ok(n) && n.layer == top ? t.lossShare(sample: s, output: n.index) : nil
        case .sampleLoss(let k):
            return k >= 1 && k <= t.batchCount ? t.loss(sample: k - 1) : nil
        case .gradient(let p):
            return valid(p, net) ? t.gradient[p] : nil
        case .value(let p):
            return valid(p, net) ? net.value(of: p) : nil
        case .newValue(let p):
            return valid(p, net) ? t.after.network.value(of: p) : nil
        case .loss:
            return t.batchLoss
        case .epoch:
            return Double(t.epochNumber)
        case .update:
            return Double(t.after.updateCount)
        case .learningRate, .accuracy, .samples, .clipNorm, .testAccuracy, .comparison, .cost:
            return resolveWithoutStep(name, t.before)
        case .gradientNorm(let layer?):
            return layer >= 1 && layer <= net.weightLayerCount ? GradientNorms.perLayer(t.gradient)[layer - 1] : nil
        case .gradientNorm(nil):
            return GradientNorms.total(t.gradient, biasMode: net.biasMode)
        case .clipScale:
            return t.clipScale ?? 1
        }
    }

    /// A name as written in a file (`grad.w5`), against the timeline's network.
    public static func resolve(name: String, timeline: Timeline) -> Double? {
        guard case .success(let v) = ValueNames(trainer: timeline.live).parse(name) else { return nil }
        return resolve(v, timeline: timeline)
    }

    /// Values a trainer knows without a recorded step.
    static func resolveWithoutStep(_ name: ValueName, _ trainer: Trainer) -> Double? {
        switch name {
        case .value(let p): return valid(p, trainer.network) ? trainer.network.value(of: p) : nil
        case .activation(let n) where n.layer == 0:
            // an input of the first sample of the next update
            guard let k = trainer.nextBatchIndices.first, n.index < trainer.data.inputs[k].count else { return nil }
            return trainer.data.inputs[k][n.index]
        case .target(let n):
            guard let k = trainer.nextBatchIndices.first, n.index < trainer.data.targets[k].count else { return nil }
            return trainer.data.targets[k][n.index]
        case .epoch: return Double(trainer.epoch + 1)
        case .update: return Double(trainer.updateCount + 1)
        case .learningRate: return trainer.config.learningRate
        case .samples: return Double(trainer.data.count)
        case .accuracy: return ClassifiedSet(network: trainer.network, data: trainer.data).accuracy
        case .testAccuracy: return trainer.testData.map { ClassifiedSet(network: trainer.network, data: $0).accuracy }
        case .clipNorm: return trainer.config.clipNorm
        default: return nil
        }
    }

    private static func valid(_ p: ParameterRef, _ net: Network) -> Bool {
        switch p {
        case .weight(let l, let j, let i):
            return l < net.weightLayerCount && j < net.layerSizes[l + 1] && i < net.layerSizes[l]
        case .bias(let l, let j):
            return net.biasMode != .none && l < net.weightLayerCount && j < net.layerSizes[l + 1]
        case .scale(let l, let j), .shift(let l, let j):
            return l < net.weightLayerCount && net.isNormalized(weightLayer: l) && j < net.layerSizes[l + 1]
        }
    }
}
