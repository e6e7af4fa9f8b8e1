import CMath

/// Per-sample loss functions. The batch loss is their mean or sum (`Reduction`).
public enum Loss: String, CaseIterable, Sendable, Codable {
    /// mean over outputs of (y − ŷ)²
    case mse
    /// ½ Σ over outputs of (y − ŷ)²
    case halfSSE = "half-sse"
    /// binary cross-entropy on sigmoid outputs, mean over outputs
    case bce
    /// categorical cross-entropy on softmax outputs: −Σ y·log ŷ
    case crossEntropy = "cross-entropy"

    /// The output activation this loss needs, if it needs one.
    public var requiredOutputActivation: Activation? {
        switch self {
        case .bce: return .sigmoid
        case .crossEntropy: return .softmax
        case .mse, .halfSSE: return nil
        }
    }

    /// The share of output k in the sample loss (the loss is the sum of the shares).
    /// `z` is the output's weighted sum, used by bce for a form that never takes log(0).
    @inlinable
    public func share(prediction p: Double, target y: Double, z: Double, outputs: Int,
                      logSumExp: Double) -> Double {
        switch self {
        case .mse:
            let d = y - p
            return d * d / Double(outputs)
        case .halfSSE:
            let d = y - p
            return 0.5 * (d * d)
        case .bce:
            // −[y log σ(z) + (1−y) log(1−σ(z))] = max(z,0) − z·y + log(1+e^−|z|)
            let v = (z > 0 ? z : 0) - z * y + bp_log1p(bp_exp(-abs(z)))
            return v / Double(outputs)
        case .crossEntropy:
            // −y·log ŷ with log ŷ = z − logΣe^z
            return y == 0 ? 0 : y * (logSumExp - z)
        }
    }

    /// ∂L/∂ŷ for output k.
    @inlinable
    public func gradient(prediction p: Double, target y: Double, outputs: Int) -> Double {
        switch self {
        case .mse: return 2 * (p - y) / Double(outputs)
        case .halfSSE: return p - y
        case .bce: return (p - y) / (p * (1 - p) * Double(outputs))
        case .crossEntropy: return y == 0 ? 0 : -y / p
        }
    }

    /// Whether δ = ∂L/∂z is taken in one piece (ŷ − y, scaled) rather than as ∂L/∂ŷ · ∂ŷ/∂z.
    /// Mathematically the same product; the fused form never divides by ŷ(1−ŷ) ≈ 0.
    public var fusesWithOutputActivation: Bool { self == .bce || self == .crossEntropy }
}

/// How per-sample losses (and their gradients) combine into the batch loss.
public enum Reduction: String, CaseIterable, Sendable, Codable {
    case mean
    case sum
}
