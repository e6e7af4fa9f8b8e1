import CMath

/// The update rule and its hyper-parameters. g is the gradient of the batch loss, t counts
/// updates from 1.
public enum Optimizer: Equatable, Sendable {
    /// w ← w − η·g
    case sgd
    /// v ← μ·v + g;  w ← w − η·v
    case momentum(mu: Double)
    /// m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  w ← w − η·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ε)
    case adam(beta1: Double, beta2: Double, epsilon: Double)

    public static let defaultMomentum = 0.9
    public static let defaultAdam = Optimizer.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)

    public var name: String {
        switch self {
        case .sgd: return "sgd"
        case .momentum: return "momentum"
        case .adam: return "adam"
        }
    }
}

/// Per-parameter memory of the optimizer, laid out like `Network.weights` and `.biases`.
public struct OptimizerState: Equatable, Sendable {
    /// Momentum's velocity, or Adam's first moment m.
    public var first: Parameters
    /// Adam's second moment v (empty for the others).
    public var second: Parameters
    /// Number of updates made so far (t of the last update).
    public var updateCount: Int
    /// β1ᵗ and β2ᵗ for the last update, kept as running products.
    public var beta1Power: Double
    public var beta2Power: Double

    public init(zeroLike params: Parameters) {
        first = params.zeroed()
        second = params.zeroed()
        updateCount = 0
        beta1Power = 1
        beta2Power = 1
    }
}

/// What one parameter's update was made of, for the screen.
public struct UpdateDetail: Equatable, Sendable {
    public var old: Double
    public var gradient: Double
    public var learningRate: Double
    public var optimizer: Optimizer
    /// velocity or m before and after (momentum, adam)
    public var firstBefore: Double
    public var firstAfter: Double
    /// v before and after (adam)
    public var secondBefore: Double
    public var secondAfter: Double
    /// t, and the bias-corrected m̂ and v̂ (adam)
    public var step: Int
    public var firstCorrected: Double
    public var secondCorrected: Double
    /// the amount subtracted from the parameter
    public var change: Double
    public var new: Double
}

/// How an update reads its gradient: as stored, or as the batch's sums still to be divided by
/// the batch size (the mean's ÷B done in the update's own loop, not in a pass over memory of its
/// own). x/B is x·(1/B) exactly when B is a power of two (1/B is then exact, and both are the
/// correctly rounded x/B), so those batch sizes multiply.
enum GradientScale {
    case none, multiply(Double), divide(Double)

    static func dividing(by d: Double) -> GradientScale {
        let r = 1 / d
        return d.isNormal && r.isNormal && d.significandBitPattern == 0 ? .multiply(r) : .divide(d)
    }

    @inline(__always)
    func apply(_ x: Lanes.Vector) -> Lanes.Vector {
        switch self {
        case .none: return x
        case .multiply(let r): return x * r
        case .divide(let d): return x / d
        }
    }

    @inline(__always)
    func apply(_ x: Double) -> Double {
        switch self {
        case .none: return x
        case .multiply(let r): return x * r
        case .divide(let d): return x / d
        }
    }
}

/// One optimizer step over a layer's parameters, with the optimizer's switch outside the loop.
struct UpdateRule {
    var optimizer: Optimizer
    var learningRate: Double
    /// β1ᵗ and β2ᵗ of this update (adam)
    var beta1Power: Double
    var beta2Power: Double

    /// Updates n values of w in place from g; first/second are the optimizer's memory. Returns
    /// Σ w·0, which is 0 unless some new w is NaN or ±inf (a divergence test that costs one add).
    /// Four parameters at a time in SIMD lanes (the last few in a partly filled chunk), each lane
    /// doing exactly the scalar formula's operations, so the numbers are the formula's, bit for bit;
    /// Adam's three divisions and square root per parameter are most of an update's time.
    @inline(__always)
    func apply(_ w: UnsafeMutablePointer<Double>, _ g: UnsafeMutablePointer<Double>,
               _ m: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>, count n: Int,
               gradient scale: GradientScale = .none) -> Double {
        // the scale's switch outside the loops too: one copy of the loops for each kind
        switch scale {
        case .none: return apply(w, g, m, v, count: n) { $0 }
        case .multiply(let r): return apply(w, g, m, v, count: n) { $0 * r }
        case .divide(let d): return apply(w, g, m, v, count: n) { $0 / d }
        }
    }

    @inline(__always)
    private func apply(_ w: UnsafeMutablePointer<Double>, _ g: UnsafeMutablePointer<Double>,
                       _ m: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>, count n: Int,
                       scaled: (Lanes.Vector) -> Lanes.Vector) -> Double {
        let eta = learningRate
        var check = Lanes.Vector()
        // `update(k, c)` does parameters k..<k+c; whole chunks first (c = 4 is a constant there, so
        // the loads and stores are plain vector moves), then the few left over
        @inline(__always) func run(_ update: (Int, Int) -> Void) {
            var k = 0
            while k &+ Lanes.count <= n {
                update(k, Lanes.count)
                k &+= Lanes.count
            }
            if k < n { update(k, n &- k) }
        }
        switch optimizer {
        case .sgd:
            run { k, c in
                let wk = Lanes.load(w + k, c) - eta * scaled(Lanes.load(g + k, c))
                Lanes.store(wk, w + k, c)
                check += wk * 0
            }
        case .momentum(let mu):
            run { k, c in
                let mk = mu * Lanes.load(m + k, c) + scaled(Lanes.load(g + k, c))
                let wk = Lanes.load(w + k, c) - eta * mk
                Lanes.store(mk, m + k, c)
                Lanes.store(wk, w + k, c)
                check += wk * 0
            }
        case .adam(let beta1, let beta2, let epsilon):
            let c1 = 1 - beta1Power, c2 = 1 - beta2Power
            run { k, c in
                let gk = scaled(Lanes.load(g + k, c))
                let mk = beta1 * Lanes.load(m + k, c) + (1 - beta1) * gk
                let vk = beta2 * Lanes.load(v + k, c) + (1 - beta2) * (gk * gk)
                let mHat = mk / c1
                let vHat = vk / c2
                let wk = Lanes.load(w + k, c) - eta * mHat / (bp_sqrt4(vHat) + epsilon)
                Lanes.store(mk, m + k, c)
                Lanes.store(vk, v + k, c)
                Lanes.store(wk, w + k, c)
                check += wk * 0
            }
        }
        return check.sum()
    }
}
