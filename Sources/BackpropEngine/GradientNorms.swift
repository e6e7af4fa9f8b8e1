/// The size of the gradient, layer by layer: what shows vanishing and exploding gradients. The
/// one definition the lessons (`gradnorm.layer1`, the `gradients` focus, comparisons) and the
/// playground's gradient bars both show.
public enum GradientNorms {
    /// L2 norm of the batch-loss gradient of each weight layer's weights, first weight layer
    /// (inputs → layer 1) first: `gradnorm.layer1`, `gradnorm.layer2`…
    /// Biases are left out: a layer's weights are what shrink or blow up layer by layer as the
    /// gradient flows back, and leaving them out keeps the norm the same whether the biases are
    /// trainable, frozen or absent (a frozen bias has a gradient that is never applied).
    public static func perLayer(_ gradient: Parameters) -> [Double] {
        gradient.weights.map { norm($0) }
    }

    /// L2 norm of the whole gradient as clipping measures it: every weight and, when biases are
    /// trainable, every bias (`gradnorm`).
    public static func total(_ gradient: Parameters, biasMode: BiasMode) -> Double {
        let w = gradient.weights.reduce(0) { $0 + squares($1) }
        let b = biasMode == .trainable ? gradient.biases.reduce(0) { $0 + squares($1) } : 0
        return (w + b).squareRoot()
    }

    /// The per-layer norms of a recorded step (for the `gradients` focus).
    public static func perLayer(_ trace: StepTrace) -> [Double] { perLayer(trace.gradient) }

    static func norm(_ v: [Double]) -> Double { squares(v).squareRoot() }

    private static func squares(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 } }
}
