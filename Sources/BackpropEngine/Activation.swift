import CMath

/// Activation of one layer. Each keeps its forward rule and its derivative side by side.
public enum Activation: String, CaseIterable, Sendable, Codable {
    case identity
    case sigmoid
    case tanh
    case relu
    case leakyRelu = "leaky-relu"
    case softmax

    /// f(z) for the elementwise activations. Softmax needs the whole layer: see `softmax(_:)`.
    @inlinable
    public func apply(_ z: Double, slope: Double) -> Double {
        switch self {
        case .identity: return z
        case .sigmoid: return 1 / (1 + bp_exp(-z))
        case .tanh: return bp_tanh(z)
        case .relu: return z > 0 ? z : 0
        case .leakyRelu: return z > 0 ? z : slope * z
        case .softmax: preconditionFailure("softmax is applied to a whole layer")
        }
    }

    /// f′(z), written in terms of z and a = f(z) the way a course writes it
    /// (σ′ = a(1−a), tanh′ = 1−a²). Softmax has no elementwise derivative.
    @inlinable
    public func derivative(z: Double, a: Double, slope: Double) -> Double {
        switch self {
        case .identity: return 1
        case .sigmoid: return a * (1 - a)
        case .tanh: return 1 - a * a
        case .relu: return z > 0 ? 1 : 0
        case .leakyRelu: return z > 0 ? 1 : slope
        case .softmax: preconditionFailure("softmax has no elementwise derivative")
        }
    }

    /// Softmax over one layer, shifted by the largest z so that exp never overflows.
    /// Returns the activations and Σ exp(z − max), the denominator a formula shows.
    public static func softmax(_ z: [Double]) -> (values: [Double], denominator: Double, shift: Double) {
        let shift = z.max() ?? 0
        var exps = z.map { bp_exp($0 - shift) }
        var sum = 0.0
        for e in exps { sum += e }
        for k in exps.indices { exps[k] /= sum }
        return (exps, sum, shift)
    }
}
