/// One small, inspectable piece of a training step: structured data only, no words.
/// The EventWords module turns it into a sentence and a formula.
public struct StepEvent: Equatable, Sendable {
    public enum Phase: String, CaseIterable, Sendable {
        case forward, loss, backward, update
    }

    public var phase: Phase
    /// Position of the sample within the batch (nil for events about the whole batch).
    public var sample: Int?
    public var kind: Kind
    /// Neurons this event touches, for highlighting (layer 0 is the input layer).
    public var neurons: [NeuronRef]
    /// Weights and biases this event touches.
    public var parameters: [ParameterRef]

    /// A product of two numbers in a sum, e.g. w·x in a weighted sum or w·δ in a hidden δ.
    public struct Product: Equatable, Sendable {
        public var left: Double
        public var right: Double
        public var value: Double
    }

    /// One factor of a chain-rule product.
    public struct Factor: Equatable, Sendable {
        public enum Role: Equatable, Sendable {
            /// ∂L/∂ŷ of this output neuron
            case lossGradient(NeuronRef)
            /// ∂ŷ/∂z = f′(z) of this neuron
            case activationDerivative(NeuronRef)
            /// δ = ∂L/∂z of this neuron
            case delta(NeuronRef)
            /// ∂z/∂w = the activation feeding the weight (the input for the first layer)
            case input(NeuronRef)
        }
        public var role: Role
        public var value: Double
    }

    public enum Kind: Equatable, Sendable {
        /// z = Σ w·x (+ b), the terms in the order they are added
        case weightedSum(neuron: NeuronRef, terms: [Product], bias: Double?, sum: Double)
        /// a = f(z); for softmax, `denominator` is Σ e^(z−shift) and `shift` the largest z
        case activation(neuron: NeuronRef, function: Activation, z: Double, value: Double,
                        softmax: SoftmaxDetail?)
        /// a = f(z) + a_from of a neuron a skip connection leads into: `activated` is f(z) (the
        /// activation event's value), `skip` the activation of neuron `from` carried along the skip
        case residualSum(neuron: NeuronRef, function: Activation, from: NeuronRef, activated: Double, skip: Double, value: Double)
        /// batch normalization, forward: the batch mean and variance of a neuron's weighted sums
        /// (`sums`, one per sample; BatchNorm.swift)
        case batchStatistics(neuron: NeuronRef, sums: [Double], mean: Double, variance: Double)
        /// one sample's ẑ = (z − μ)·`inverse` with inverse = 1/√(σ² + ε), and u = γ·ẑ + β (`value`)
        case normalization(neuron: NeuronRef, z: Double, mean: Double, variance: Double, inverse: Double,
                           normalized: Double, scale: Double, shift: Double, value: Double)
        /// the share of one output in the sample loss
        case lossShare(output: NeuronRef, loss: Loss, prediction: Double, target: Double, value: Double)
        /// the sample loss: the sum of its shares
        case sampleLoss(loss: Loss, shares: [Double], value: Double)
        /// the batch loss: the sample losses summed, or averaged
        case batchLoss(reduction: Reduction, sampleLosses: [Double], value: Double)
        /// δ of an output neuron. `fused`: δ = ŷ − y taken in one piece (bce, cross-entropy),
        /// `lossGradient` and `activationDerivative` then shown for understanding only.
        case outputDelta(neuron: NeuronRef, loss: Loss, prediction: Double, target: Double,
                         lossGradient: Double, activationDerivative: Double?, delta: Double, fused: Bool)
        /// δ of a hidden neuron: (Σ w·δ downstream) · f′(z)
        case hiddenDelta(neuron: NeuronRef, function: Activation, terms: [Product], sum: Double,
                         z: Double, activation: Double, derivative: Double, delta: Double)
        /// δ of a hidden neuron a skip connection leads out of: ∂L/∂a is the sum of two paths,
        /// through the layer above (Σ w·δ, the `terms`) and along the skip (∂L/∂a of the neuron the
        /// skip leads into, unchanged); then δ = ∂L/∂a · f′(z). `sum` is ∂L/∂a.
        case residualDelta(neuron: NeuronRef, function: Activation, terms: [Product], skip: SkipGradient, sum: Double,
                           z: Double, activation: Double, derivative: Double, delta: Double)
        /// batch normalization, backward: ∂E/∂γ = Σ g·ẑ and ∂E/∂β = Σ g over the batch (g = ∂E/∂u
        /// of each sample, `upstream`), ÷B for the mean
        case normalizationGradient(neuron: NeuronRef, upstream: [Double], normalized: [Double], scaleSum: Double,
                                   shiftSum: Double, divisor: Double?, scaleGradient: Double, shiftGradient: Double)
        /// one sample's δ = ∂E/∂z through the normalization, the three-term formula:
        /// δ = (inverse/B)·(B·∂E/∂ẑ − Σ ∂E/∂ẑ − ẑ·Σ ∂E/∂ẑ·ẑ) with ∂E/∂ẑ = g·γ; `sum` and `products` are the sums
        case normalizationDelta(neuron: NeuronRef, upstream: Double, scale: Double, normalized: Double, sum: Double,
                                products: Double, inverse: Double, batch: Int, delta: Double)
        /// ∂L/∂w for this sample as a chain-rule product
        case weightGradient(parameter: ParameterRef, factors: [Factor], value: Double)
        /// ∂L/∂b for this sample: δ of the neuron
        case biasGradient(parameter: ParameterRef, delta: Double, value: Double)
        /// the batch gradient: each sample's contribution added in order, then ÷B for the mean
        case gradientSum(parameter: ParameterRef, contributions: [Double], sum: Double,
                         divisor: Double?, value: Double)
        /// global-norm clipping of the whole gradient
        case clipping(norm: Double, limit: Double, scale: Double?)
        /// one parameter's update, old → new
        case update(parameter: ParameterRef, detail: UpdateDetail)
    }

    /// The two paths of a gradient at a neuron with a skip out of it.
    public struct SkipGradient: Equatable, Sendable {
        /// Σ w·δ of the layer above: the path through the next layer
        public var throughLayer: Double
        /// the neuron the skip leads into, and its ∂L/∂a: the path along the skip
        public var to: NeuronRef
        public var alongSkip: Double
    }

    public struct SoftmaxDetail: Equatable, Sendable {
        public var shift: Double
        public var exponential: Double
        public var denominator: Double
    }

    /// The neuron the event is about, if it is about one.
    public var mainNeuron: NeuronRef? {
        switch kind {
        case .weightedSum(let n, _, _, _), .activation(let n, _, _, _, _), .lossShare(let n, _, _, _, _),
             .outputDelta(let n, _, _, _, _, _, _, _), .hiddenDelta(let n, _, _, _, _, _, _, _),
             .residualSum(let n, _, _, _, _, _), .residualDelta(let n, _, _, _, _, _, _, _, _),
             .batchStatistics(let n, _, _, _), .normalization(let n, _, _, _, _, _, _, _, _),
             .normalizationGradient(let n, _, _, _, _, _, _, _), .normalizationDelta(let n, _, _, _, _, _, _, _, _):
            return n
        default:
            return nil
        }
    }

    /// The parameter the event is about, if it is about one.
    public var mainParameter: ParameterRef? {
        switch kind {
        case .weightGradient(let p, _, _), .biasGradient(let p, _, _), .gradientSum(let p, _, _, _, _),
             .update(let p, _):
            return p
        default:
            return nil
        }
    }
}
