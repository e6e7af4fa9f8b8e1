/// Backprop against central differences, parameter by parameter.
public struct GradientCheck: Sendable {
    public struct Entry: Sendable, Equatable {
        public var parameter: ParameterRef
        public var backprop: Double
        public var numerical: Double
        /// |backprop − numerical| / max(|backprop|, |numerical|), 0 when both are below 1e-12
        public var relativeError: Double
        /// |backprop − numerical|
        public var absoluteError: Double { abs(backprop - numerical) }

        /// Relative error within `relative`, or — for gradients so small that the finite difference's
        /// rounding (about ε·L/h) dominates — absolute error within `absolute`.
        public func agrees(relative: Double, absolute: Double) -> Bool {
            relativeError < relative || absoluteError < absolute
        }
    }

    public var entries: [Entry]
    public var step: Double
    public var maxRelativeError: Double { entries.map(\.relativeError).max() ?? 0 }
    public var maxAbsoluteError: Double { entries.map(\.absoluteError).max() ?? 0 }

    /// Whether every parameter agrees (see `Entry.agrees`).
    public func passes(relative: Double = 1e-6, absolute: Double = 1e-9) -> Bool {
        entries.allSatisfy { $0.agrees(relative: relative, absolute: absolute) }
    }

    /// Checks every parameter of `network` (frozen biases too: their gradient is still defined)
    /// on the batch loss of `data`. h is the central-difference step.
    public init(network: Network, data: Dataset, loss: Loss, reduction: Reduction, step h: Double = 1e-5) {
        step = h
        let analytic = Trainer.gradient(of: network, on: data, loss: loss, reduction: reduction)
        entries = network.parameterRefs.map { ref in
            var plus = network, minus = network
            let v = network.value(of: ref)
            plus.set(ref, to: v + h)
            minus.set(ref, to: v - h)
            // the loss backprop differentiates: batch normalization with the set's own statistics
            let lp = Trainer.loss(of: plus, on: data, loss: loss, reduction: reduction, batchStatistics: true)
            let lm = Trainer.loss(of: minus, on: data, loss: loss, reduction: reduction, batchStatistics: true)
            let numerical = (lp - lm) / (2 * h)
            let backprop = analytic[ref]
            let scale = max(abs(backprop), abs(numerical))
            let err = scale < 1e-12 ? 0 : abs(backprop - numerical) / scale
            return Entry(parameter: ref, backprop: backprop, numerical: numerical, relativeError: err)
        }
    }
}
