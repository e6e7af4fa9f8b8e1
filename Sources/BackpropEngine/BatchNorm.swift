import CMath

/// Batch normalization of a hidden layer (Ioffe & Szegedy 2015), between the weighted sum and the
/// activation. For each neuron j, over the B samples s of the mini-batch:
///
///     forward   μ = (Σ_s z_s) / B                      the batch mean
///               σ² = (Σ_s (z_s − μ)²) / B              the batch variance (biased, as the paper)
///               ẑ_s = (z_s − μ) / √(σ² + ε)            normalized: mean 0, variance 1
///               u_s = γ·ẑ_s + β                        scaled and shifted: what f receives
///     backward  with g_s = ∂E/∂u_s (the sum of the sample losses' gradients):
///               ∂E/∂γ = Σ_s g_s·ẑ_s,   ∂E/∂β = Σ_s g_s,   ∂E/∂ẑ_s = g_s·γ
///               δ_s = ∂E/∂z_s = (1/(B·√(σ² + ε))) · (B·∂E/∂ẑ_s − Σ_t ∂E/∂ẑ_t − ẑ_s·Σ_t ∂E/∂ẑ_t·ẑ_t)
///
/// The three terms: each sample's own gradient, minus the share every sample has in the mean,
/// minus the share it has in the variance. A normalized layer has no bias (β takes its place).
/// Evaluation (Network.predict, Trainer.loss) uses the running statistics instead of the batch's:
/// after each training batch, running ← m·running + (1 − m)·batch (m = `momentum`).
/// Sums run over s = 0, 1, … in order, as everywhere in the engine.
public enum BatchNorm {
    /// ε, added to the variance so that a constant neuron does not divide by zero
    public static let epsilon = 1e-5
    /// m of the running statistics
    public static let momentum = 0.9

    /// One layer's buffers: n neurons × B samples, feature-major ([j·B + s]).
    struct Layer {
        let neurons: Int, batch: Int
        /// z in, u out; ẑ kept for the backward pass
        let z: UnsafePointer<Double>, u: UnsafeMutablePointer<Double>, normalized: UnsafeMutablePointer<Double>
        /// per neuron: the batch mean and variance, and 1/√(σ² + ε)
        let mean: UnsafeMutablePointer<Double>, variance: UnsafeMutablePointer<Double>
        let inverse: UnsafeMutablePointer<Double>
        let scale: UnsafePointer<Double>, shift: UnsafePointer<Double>
        /// the running statistics (read in evaluation, updated in training)
        let runningMean: UnsafeMutablePointer<Double>, runningVariance: UnsafeMutablePointer<Double>
    }

    /// u = γ·ẑ + β with the batch's statistics (training: updates the running ones) or the running
    /// statistics (evaluation).
    static func forward(_ x: Layer, training: Bool) {
        let b = x.batch, bd = Double(x.batch)
        for j in 0..<x.neurons {
            let z = x.z + j &* b, zh = x.normalized + j &* b, u = x.u + j &* b
            var mu: Double, variance: Double
            if training {
                var sum = 0.0
                for s in 0..<b { sum += z[s] }
                mu = sum / bd
                var squares = 0.0
                for s in 0..<b { let d = z[s] - mu; squares += d * d }
                variance = squares / bd
                x.runningMean[j] = momentum * x.runningMean[j] + (1 - momentum) * mu
                x.runningVariance[j] = momentum * x.runningVariance[j] + (1 - momentum) * variance
            } else {
                mu = x.runningMean[j]
                variance = x.runningVariance[j]
            }
            let inverse = 1 / (variance + epsilon).squareRoot()
            x.mean[j] = mu
            x.variance[j] = variance
            x.inverse[j] = inverse
            let gamma = x.scale[j], beta = x.shift[j]
            for s in 0..<b {
                zh[s] = (z[s] - mu) * inverse
                u[s] = gamma * zh[s] + beta
            }
        }
    }

    /// From g = ∂E/∂u: the sums of ∂E/∂γ and ∂E/∂β over the batch, and δ = ∂E/∂z.
    static func backward(_ x: Layer, upstream g: UnsafePointer<Double>, delta: UnsafeMutablePointer<Double>,
                         scaleGradient: UnsafeMutablePointer<Double>, shiftGradient: UnsafeMutablePointer<Double>) {
        let b = x.batch, bd = Double(x.batch)
        for j in 0..<x.neurons {
            let gj = g + j &* b, zh = x.normalized + j &* b, d = delta + j &* b
            let gamma = x.scale[j]
            var dGamma = 0.0, dBeta = 0.0, sum = 0.0, products = 0.0
            for s in 0..<b {
                dGamma += gj[s] * zh[s]
                dBeta += gj[s]
                let dzh = gj[s] * gamma
                sum += dzh
                products += dzh * zh[s]
            }
            scaleGradient[j] = dGamma
            shiftGradient[j] = dBeta
            let factor = x.inverse[j] / bd
            for s in 0..<b { d[s] = factor * ((bd * (gj[s] * gamma) - sum) - zh[s] * products) }
        }
    }

    /// The same δ for one sample, from the terms an event shows (bit for bit the kernel's).
    public static func delta(dNormalized dzh: Double, sum: Double, products: Double, normalized zh: Double,
                             inverse: Double, batch b: Int) -> Double {
        let bd = Double(b)
        return (inverse / bd) * ((bd * dzh - sum) - zh * products)
    }
}

extension Network {
    /// Batch-normalizes these hidden neuron layers (replacing any there were): γ = 1, β = 0, the
    /// running mean 0 and variance 1; their biases are set to 0 and no longer used. Throws for a
    /// layer that is not hidden.
    public mutating func setBatchNorm(layers: [Int]) throws(EngineError) {
        let top = weightLayerCount
        if let bad = layers.first(where: { $0 < 1 || $0 > top - 1 }) {
            throw .batchNormLayer(layer: bad, hiddenLayers: top - 1)
        }
        let chosen = Set(layers)
        batchNormLayers = chosen.sorted()
        for l in 0..<top {
            let n = layerSizes[l + 1], on = chosen.contains(l + 1)
            parameters.scales[l] = on ? [Double](repeating: 1, count: n) : []
            parameters.shifts[l] = on ? [Double](repeating: 0, count: n) : []
            if on { parameters.biases[l] = [Double](repeating: 0, count: n) }
        }
        runningMean = (0..<top).map { [Double](repeating: 0, count: chosen.contains($0 + 1) ? layerSizes[$0 + 1] : 0) }
        runningVariance = (0..<top).map { [Double](repeating: 1, count: chosen.contains($0 + 1) ? layerSizes[$0 + 1] : 0) }
    }

    /// Every hidden layer: what `batch_norm = true` means.
    public var hiddenLayers: [Int] { Array(1..<weightLayerCount) }
}
