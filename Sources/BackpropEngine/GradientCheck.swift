/// Backprop against central differences, parameter by parameter.
public struct GradientCheck: Sendable {
    public struct Entry: Sendable, Equatable {
        public var parameter: ParameterRef
        public var backprop: Double
        public var numerical: Double
        /// |backprop − numerical| / max(|backprop|, |numerical|), 0 when both are below 1e-12
        public var relativeError: Double
    }

    public var entries: [Entry]
    public var step: Double
    public var maxRelativeError: Double { entries.map(\.relativeError).max() ?? 0 }

    /// Checks every parameter of `network` (frozen biases too: their gradient is still defined)
    /// on the batch loss of `data`. h is the central-difference step.
    public init(network: Network, data: Dataset, loss: Loss, reduction: Reduction, step h: Double = 1e-6) {
        step = h
        let analytic = Trainer.gradient(of: network, on: data, loss: loss, reduction: reduction)
        entries = network.parameterRefs.map { ref in
            var plus = network, minus = network
            let v = network.value(of: ref)
            plus.set(ref, to: v + h)
            minus.set(ref, to: v - h)
            let lp = Trainer.loss(of: plus, on: data, loss: loss, reduction: reduction)
            let lm = Trainer.loss(of: minus, on: data, loss: loss, reduction: reduction)
            let numerical = (lp - lm) / (2 * h)
            let backprop = analytic[ref]
            let scale = max(abs(backprop), abs(numerical))
            let err = scale < 1e-12 ? 0 : abs(backprop - numerical) / scale
            return Entry(parameter: ref, backprop: backprop, numerical: numerical, relativeError: err)
        }
    }
}
