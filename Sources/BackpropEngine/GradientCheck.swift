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
    /// Passes over the batch this check ran, counted as they ran: the central differences'
    /// forward passes (two per parameter: loss at w + h and at w − h), and backprop's one forward
    /// and one backward pass for every gradient at once. `Cost` gives the same counts for
    /// networks too large to check here.
    public private(set) var numericalForwardPasses = 0
    public private(set) var backpropForwardPasses = 0
    public private(set) var backpropBackwardPasses = 0
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
        backpropForwardPasses += 1
        backpropBackwardPasses += 1
        var passes = 0
        entries = network.parameterRefs.map { ref in
            var plus = network, minus = network
            let v = network.value(of: ref)
            plus.set(ref, to: v + h)
            minus.set(ref, to: v - h)
            // the loss backprop differentiates: batch normalization with the set's own statistics
            let lp = Trainer.loss(of: plus, on: data, loss: loss, reduction: reduction, batchStatistics: true)
            let lm = Trainer.loss(of: minus, on: data, loss: loss, reduction: reduction, batchStatistics: true)
            passes += 2
            let numerical = (lp - lm) / (2 * h)
            let backprop = analytic[ref]
            let scale = max(abs(backprop), abs(numerical))
            let err = scale < 1e-12 ? 0 : abs(backprop - numerical) / scale
            return Entry(parameter: ref, backprop: backprop, numerical: numerical, relativeError: err)
        }
        numericalForwardPasses = passes
    }

    /// The work of one gradient by either method, for a network of any size: the passes a
    /// `GradientCheck` would count (the tests check that it does), without running them.
    public struct Cost: Sendable, Equatable {
        /// weights and biases (none when `bias = "none"`)
        public let parameters: Int
        public var numericalForwardPasses: Int { 2 * parameters }
        public var backpropForwardPasses: Int { 1 }
        public var backpropBackwardPasses: Int { 1 }
        /// central differences' passes per pass of backprop (a backward pass counted as one)
        public var ratio: Double { Double(numericalForwardPasses) / Double(backpropForwardPasses + backpropBackwardPasses) }

        public init(network: Network) {
            parameters = network.parameterRefs.count
        }

        /// A network of these sizes (checked against the engine's limits), with or without biases.
        public init(layerSizes: [Int], biases: Bool = true) throws(EngineError) {
            let size = try NetworkSize(layerSizes: layerSizes)
            parameters = biases ? size.parameters : size.parameters - (size.neurons - layerSizes[0])
        }
    }
}
