import BackpropEngine

/// The work of one gradient, for lesson 13 ("why backpropagation"): `cost.<value>` for the
/// lesson's network, counted by running a gradient check on the current batch, and
/// `cost.784-128-64-10.<value>` for a network of those sizes (with biases), from
/// `GradientCheck.Cost`, which gives the counts a check would make without running it.
public enum CostValue: String, Hashable, Sendable, CaseIterable {
    /// parameters: weights and biases (the biases the network has)
    case parameters
    /// numerical: forward passes central differences need, two per parameter
    case numerical
    /// forward, backward: backprop's passes, one of each for every gradient at once
    case forward
    case backward
    /// ratio: central differences' passes per pass of backprop
    case ratio
}

extension ValueNames {
    /// `cost.parameters`, `cost.784-128-64-10.ratio`; nil when `s` does not start with `cost.`.
    func parseCost(_ s: String) -> Result<ValueName, ValueNameError>? {
        guard s.hasPrefix("cost.") else { return nil }
        let parts = s.dropFirst("cost.".count).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let all = CostValue.allCases.map(\.rawValue)
        func fail(_ why: String) -> Result<ValueName, ValueNameError> {
            .failure(ValueNameError(name: s, message: "unknown value \"\(s)\": \(why)"))
        }
        guard let last = parts.last, let value = CostValue(rawValue: last) else {
            return fail("cost. is followed by one of: " + all.joined(separator: ", ")
                + " (or by layer sizes first, cost.784-128-64-10.ratio)" + Suggestion.hint(for: parts.last ?? "", among: all))
        }
        switch parts.count {
        case 1: return .success(.cost(layers: nil, value))
        case 2:
            let sizes = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Self.index(String($0)) }
            guard sizes.count >= 2, sizes.allSatisfy({ $0 != nil }) else {
                return fail("write the layer sizes joined by -, input layer first: cost.784-128-64-10.\(last)")
            }
            let layers = sizes.map { $0! }
            do throws(EngineError) {
                _ = try GradientCheck.Cost(layerSizes: layers)
            } catch {
                return fail(error.description)
            }
            return .success(.cost(layers: layers, value))
        default:
            return fail("write cost.\(last) or cost.784-128-64-10.\(last)")
        }
    }

    func costSpelling(layers: [Int]?, _ value: CostValue) -> String {
        "cost." + (layers.map { $0.map(String.init).joined(separator: "-") + "." } ?? "") + value.rawValue
    }
}

extension ValueResolver {
    /// The lesson network's counts come from a gradient check run on the current batch (the
    /// whole data before the first step); the checked network is small in the lessons that ask.
    static func resolveCost(layers: [Int]?, _ value: CostValue, timeline: Timeline) -> Double? {
        let passes: (parameters: Int, numerical: Int, forward: Int, backward: Int)
        if let layers {
            guard let cost = try? GradientCheck.Cost(layerSizes: layers) else { return nil }
            passes = (cost.parameters, cost.numericalForwardPasses, cost.backpropForwardPasses, cost.backpropBackwardPasses)
        } else {
            let trainer = timeline.currentTrace?.before ?? timeline.shownTrainer
            let batch = timeline.currentTrace.map { t in
                Dataset(inputs: t.inputs, targets: t.targets)
            } ?? trainer.data
            let check = GradientCheck(network: trainer.network, data: batch, loss: trainer.config.loss,
                                      reduction: trainer.config.reduction)
            passes = (check.entries.count, check.numericalForwardPasses, check.backpropForwardPasses, check.backpropBackwardPasses)
        }
        switch value {
        case .parameters: return Double(passes.parameters)
        case .numerical: return Double(passes.numerical)
        case .forward: return Double(passes.forward)
        case .backward: return Double(passes.backward)
        case .ratio: return Double(passes.numerical) / Double(passes.forward + passes.backward)
        }
    }
}
