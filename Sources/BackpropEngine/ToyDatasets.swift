import CMath

/// Two-class toy data in the plane, generated from a seed (the playground's 2-D sets).
///
/// **Coordinates.** Every set lives in about [-1, 1]² before noise (moons: x in [-1, 1],
/// y in [-0.5, 0.5]); `displayRange` (±1.5) leaves room for noisy points. The small range suits
/// tanh/sigmoid networks without input scaling.
///
/// **Targets.** One output, `[0]` for class 0 and `[1]` for class 1: a sigmoid output with a
/// binary cross-entropy (or mse) loss. For a two-neuron softmax output use `oneHot(_:)`, which
/// turns `[0]` into `[1, 0]` and `[1]` into `[0, 1]`.
///
/// **Noise.** Each clean point is moved by Gaussian noise of standard deviation `noise` in both
/// coordinates (0…0.5 is a useful range). The noise is drawn even when `noise` is 0, so for one
/// seed the clean points are the same at every noise level: changing the noise only jitters them.
///
/// **How the numbers are drawn** (the contract that `benchmarks/reference/toy_datasets.py`
/// re-implements): one `SplitMix64(seed:)`; `count / 2` points of class 0, then the rest of
/// class 1; for each point first the draws of its shape, then the noise `dx`, `dy`, each a
/// Box–Muller normal `√(−2 ln(1 − u₁)) · cos(2π u₂)` of two fresh uniforms `u₁`, `u₂`.
/// Shapes (`u` is `nextUnit()`, in draw order):
/// - xor: sign s = u < 0.5 ? 1 : −1, |x| = 0.1 + 0.9u, |y| = 0.1 + 0.9u; x = s|x|, y has the sign
///   of x for class 1 and the opposite sign for class 0 (class 1 where x·y > 0).
/// - circle: class 1 inside, r = 0.5u; class 0 a ring, r = 0.7 + 0.3u; then θ = 2πu;
///   (r cos θ, r sin θ).
/// - gaussians: centre (−0.5, −0.5) for class 0 and (0.5, 0.5) for class 1, plus 0.25 · normal
///   in x then y.
/// - spiral: t = u, r = t, θ = 3.5π t + π·class; (r cos θ, r sin θ): two interleaved arms of
///   1¾ turns.
/// - moons: θ = πu; class 0 (cos θ, sin θ), class 1 (1 − cos θ, 0.5 − sin θ) (scikit-learn's
///   make_moons), then x ← (x − 0.5)/1.5, y ← (y − 0.25)/1.5.
///
/// **Split.** The same generator shuffles the indices 0..<count (Fisher–Yates, `shuffle`);
/// walking them in that order, a point goes to the test set while its class still needs test
/// points, else to the training set. Each class gives `round(n_class · testFraction)` test
/// points (half away from zero), so both sets keep the 50/50 balance and arrive mixed.
public enum ToyDataset: String, CaseIterable, Sendable {
    case xor, circle, gaussians, spiral, moons

    /// A square that holds the clean points with room for noise: use it for the heatmap axes.
    public static let displayRange: ClosedRange<Double> = -1.5...1.5

    /// `count` points (half of each class), split into training and test sets.
    public static func generate(_ kind: ToyDataset, count: Int, noise: Double, seed: UInt64,
                                testFraction: Double) -> (train: Dataset, test: Dataset) {
        let all = points(kind, count: count, noise: noise, seed: seed)
        var rng = all.rng
        let n = all.inputs.count
        let fraction = min(1, max(0, testFraction.isFinite ? testFraction : 0))
        let n0 = n / 2, n1 = n - n0
        var quota = [(Double(n0) * fraction).rounded(), (Double(n1) * fraction).rounded()].map { Int($0) }
        var order = Array(0..<n)
        rng.shuffle(&order)
        var train = Dataset(inputs: [], targets: []), test = Dataset(inputs: [], targets: [])
        for i in order {
            let c = i < n0 ? 0 : 1
            if quota[c] > 0 {
                quota[c] -= 1
                test.inputs.append(all.inputs[i])
                test.targets.append([Double(c)])
            } else {
                train.inputs.append(all.inputs[i])
                train.targets.append([Double(c)])
            }
        }
        return (train, test)
    }

    /// The same as `ToyDataset.generate(self, …)`.
    public func generate(count: Int, noise: Double, seed: UInt64,
                         testFraction: Double) -> (train: Dataset, test: Dataset) {
        Self.generate(self, count: count, noise: noise, seed: seed, testFraction: testFraction)
    }

    /// Targets `[0]`/`[1]` turned into one-hot `[1, 0]`/`[0, 1]` (for a softmax output).
    public static func oneHot(_ data: Dataset) -> Dataset {
        Dataset(inputs: data.inputs, targets: data.targets.map { $0[0] >= 0.5 ? [0, 1] : [1, 0] }, classCount: 2)
    }

    /// All points in generation order (class 0 first), and the generator ready for the split.
    static func points(_ kind: ToyDataset, count: Int, noise: Double, seed: UInt64)
        -> (inputs: [[Double]], rng: SplitMix64) {
        var rng = SplitMix64(seed: seed)
        let n = max(0, count), n0 = n / 2
        var inputs: [[Double]] = []
        inputs.reserveCapacity(n)
        for i in 0..<n {
            let c = i < n0 ? 0 : 1
            var (x, y) = cleanPoint(kind, class: c, rng: &rng)
            let dx = normal(&rng), dy = normal(&rng)
            x += noise * dx
            y += noise * dy
            inputs.append([x, y])
        }
        return (inputs, rng)
    }

    static func cleanPoint(_ kind: ToyDataset, class c: Int, rng: inout SplitMix64) -> (Double, Double) {
        switch kind {
        case .xor:
            let s: Double = rng.nextUnit() < 0.5 ? 1 : -1
            let ax = 0.1 + 0.9 * rng.nextUnit()
            let ay = 0.1 + 0.9 * rng.nextUnit()
            return (s * ax, (c == 1 ? s : -s) * ay)
        case .circle:
            let r = c == 1 ? 0.5 * rng.nextUnit() : 0.7 + 0.3 * rng.nextUnit()
            let theta = 2 * Double.pi * rng.nextUnit()
            return (r * bp_cos(theta), r * bp_sin(theta))
        case .gaussians:
            let centre = c == 1 ? 0.5 : -0.5
            let gx = normal(&rng)
            let gy = normal(&rng)
            return (centre + 0.25 * gx, centre + 0.25 * gy)
        case .spiral:
            let t = rng.nextUnit()
            let theta = 3.5 * Double.pi * t + Double.pi * Double(c)
            return (t * bp_cos(theta), t * bp_sin(theta))
        case .moons:
            let theta = Double.pi * rng.nextUnit()
            let (x, y) = c == 0 ? (bp_cos(theta), bp_sin(theta)) : (1 - bp_cos(theta), 0.5 - bp_sin(theta))
            return ((x - 0.5) / 1.5, (y - 0.25) / 1.5)
        }
    }

    /// A standard normal by Box–Muller: √(−2 ln(1 − u₁)) · cos(2π u₂); 1 − u₁ is in (0, 1].
    static func normal(_ rng: inout SplitMix64) -> Double {
        let u1 = 1 - rng.nextUnit()
        let u2 = rng.nextUnit()
        return bp_sqrt(-2 * bp_log(u1)) * bp_cos(2 * Double.pi * u2)
    }
}
