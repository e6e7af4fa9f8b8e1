/// The parameters as the screen shows them at the timeline's position, their last change, and
/// their change since the mark: computed here so that every screen shows the engine's numbers.
extension Timeline {
    /// Whether the event at `index` of the update on screen has been shown already.
    public func isShown(_ index: Int?) -> Bool {
        guard let index, let p = position else { return false }
        return index <= p.event
    }

    /// The value of p as shown now: after its update once that update's event is on screen.
    public func shownValue(of p: ParameterRef) -> Double {
        guard let trace = currentTrace else { return shownTrainer.network.value(of: p) }
        if isShown(trace.eventIndex(updateOf: p)) { return trace.after.network.value(of: p) }
        return trace.before.network.value(of: p)
    }

    /// Every parameter as shown now.
    public var shownParameters: Parameters {
        let net = shownTrainer.network
        var out = net.parameters
        guard currentTrace != nil else { return out }
        for p in net.parameterRefs {
            let v = shownValue(of: p)
            switch p {
            case .weight(let l, let j, let i): out.weights[l][j * net.layerSizes[l] + i] = v
            case .bias(let l, let j): out.biases[l][j] = v
            case .scale(let l, let j): out.scales[l][j] = v
            case .shift(let l, let j): out.shifts[l][j] = v
            }
        }
        return out
    }

    /// The change of p in the update on screen once its update is shown, else in the update
    /// before it; nil before any update, and for parameters that are not trained.
    public func lastChange(of p: ParameterRef) -> Double? {
        guard let trace = currentTrace, trace.before.network.isTrainable(p) else { return nil }
        if isShown(trace.eventIndex(updateOf: p)) {
            return trace.after.network.value(of: p) - trace.before.network.value(of: p)
        }
        guard let previousNetwork else { return nil }
        return trace.before.network.value(of: p) - previousNetwork.value(of: p)
    }

    /// The value shown now minus the value shown at the mark (nil without a mark).
    public func changeSinceMark(of p: ParameterRef) -> Double? {
        guard let mark else { return nil }
        return shownValue(of: p) - mark.parameters[p]
    }
}
