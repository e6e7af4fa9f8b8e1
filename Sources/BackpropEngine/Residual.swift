/// A residual (skip) connection between two hidden neuron layers of equal width:
///
///     forward   a⁽ᵗᵒ⁾ = f(z⁽ᵗᵒ⁾) + a⁽ᶠʳᵒᵐ⁾
///     backward  ∂E/∂a⁽ᶠʳᵒᵐ⁾ = Wᵀ·δ (through the layer above `from`) + ∂E/∂a⁽ᵗᵒ⁾ (along the skip)
///
/// The local derivative of the sum by the skipped activation is 1, so the gradient arriving at
/// a⁽ᵗᵒ⁾ reaches a⁽ᶠʳᵒᵐ⁾ unchanged: it is not multiplied by any weight or activation slope on the
/// way, which is why a deep network with skips keeps its first layers' gradients.
/// Layers count from 0 (the inputs); only hidden layers (1 … L−1) may be joined; each layer has at
/// most one skip leading into it and one leading out of it.
public struct ResidualSkip: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var from: Int
    public var to: Int

    public init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }

    public static func < (a: Self, b: Self) -> Bool { (a.to, a.from) < (b.to, b.from) }
    public var description: String { "[\(from), \(to)]" }

    /// Every pair of consecutive hidden layers of equal width: what `residual = true` means.
    public static func consecutive(_ layerSizes: [Int]) -> [ResidualSkip] {
        let top = layerSizes.count - 1
        guard top >= 3 else { return [] }
        return (1..<(top - 1)).filter { layerSizes[$0] == layerSizes[$0 + 1] }.map { ResidualSkip(from: $0, to: $0 + 1) }
    }

    /// Why `skips` cannot join the layers of a network of these sizes (nil when they can).
    public static func problem(_ skips: [ResidualSkip], layerSizes sizes: [Int]) -> EngineError? {
        let top = sizes.count - 1
        var into = Set<Int>(), outOf = Set<Int>()
        for s in skips {
            guard s.from >= 1, s.to <= top - 1, s.from < s.to else {
                return .residualLayers(from: s.from, to: s.to, hiddenLayers: top - 1)
            }
            guard sizes[s.from] == sizes[s.to] else {
                return .residualWidth(from: s.from, to: s.to, fromSize: sizes[s.from], toSize: sizes[s.to])
            }
            guard into.insert(s.to).inserted, outOf.insert(s.from).inserted else {
                return .residualShared(from: s.from, to: s.to)
            }
        }
        return nil
    }

    // MARK: - the rule, as the kernel runs it (n values: one layer's neurons × the batch)

    /// a = f(z) + a_from, element by element.
    @inline(__always)
    static func forward(activated f: UnsafePointer<Double>, skip x: UnsafePointer<Double>,
                        into a: UnsafeMutablePointer<Double>, count n: Int) {
        for k in 0..<n { a[k] = f[k] + x[k] }
    }

    /// ∂E/∂a_from += ∂E/∂a_to: the gradient along the skip, added after the sum through the layer.
    @inline(__always)
    static func backward(alongSkip g: UnsafePointer<Double>, into upstream: UnsafeMutablePointer<Double>, count n: Int) {
        for k in 0..<n { upstream[k] += g[k] }
    }
}

extension Network {
    /// Joins hidden layers by skip connections (replacing any there were). Throws when two layers
    /// differ in width, a layer is not hidden, or a layer would have two skips in or out.
    public mutating func setResidual(_ skips: [ResidualSkip]) throws(EngineError) {
        if let problem = ResidualSkip.problem(skips, layerSizes: layerSizes) { throw problem }
        residual = skips.sorted()
    }

    /// The skip leading into neuron layer `layer`, if any.
    public func skip(into layer: Int) -> ResidualSkip? { residual.first { $0.to == layer } }
    /// The skip leading out of neuron layer `layer`, if any.
    public func skip(outOf layer: Int) -> ResidualSkip? { residual.first { $0.from == layer } }
}
