/// Scratch memory for one batch, feature-major: the value of neuron j for sample s sits at
/// [j * B + s], so the innermost loops run over samples (and vectorize) while every sum is still
/// taken in one fixed order: inputs i = 0, 1, … then the bias; samples s = 0, 1, ….
/// The recorded path copies these buffers into a StepTrace; that is why its numbers are
/// bit-for-bit those of the fast path. Raw buffers, allocated once and reused across batches.
final class Workspace {
    let sizes: [Int]
    let batchSize: Int
    /// a[l]: activations of neuron layer l (a[0] = the inputs)
    let a: [UnsafeMutableBufferPointer<Double>]
    /// z[l]: weighted sums of layer l (z[0] is empty)
    let z: [UnsafeMutableBufferPointer<Double>]
    /// delta[l] = ∂L_s/∂z of layer l for each sample, before the batch reduction
    let delta: [UnsafeMutableBufferPointer<Double>]
    /// targets, K × B
    let y: UnsafeMutableBufferPointer<Double>
    /// ∂L_s/∂ŷ of the outputs
    let outputGradient: UnsafeMutableBufferPointer<Double>
    let sampleLoss: UnsafeMutableBufferPointer<Double>
    /// log Σ e^z of a softmax output layer, per sample
    let logSumExp: UnsafeMutableBufferPointer<Double>
    /// a layer's activations sample-major (B × n), for the weight-gradient loop
    let transposed: UnsafeMutableBufferPointer<Double>
    /// Σ over the batch of each parameter's per-sample gradient, per weight layer
    let gradientSumW: [UnsafeMutableBufferPointer<Double>]
    let gradientSumB: [UnsafeMutableBufferPointer<Double>]
    /// the gradient of the batch loss (the sums, ÷B for the mean)
    let gradientW: [UnsafeMutableBufferPointer<Double>]
    let gradientB: [UnsafeMutableBufferPointer<Double>]
    /// the gradient as applied: after clipping and weight decay
    let appliedW: [UnsafeMutableBufferPointer<Double>]
    let appliedB: [UnsafeMutableBufferPointer<Double>]
    /// The samples now in a[0] and y when they were taken in order (order[k] == k).
    var gatheredRange: Range<Int>?

    init(sizes: [Int], batchSize b: Int) {
        self.sizes = sizes
        batchSize = b
        func buffer(_ n: Int) -> UnsafeMutableBufferPointer<Double> {
            let p = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
            p.initialize(repeating: 0)
            return p
        }
        a = sizes.map { buffer($0 * b) }
        z = sizes.indices.map { buffer($0 == 0 ? 0 : sizes[$0] * b) }
        delta = sizes.indices.map { buffer($0 == 0 ? 0 : sizes[$0] * b) }
        y = buffer(sizes.last! * b)
        outputGradient = buffer(sizes.last! * b)
        sampleLoss = buffer(b)
        logSumExp = buffer(b)
        transposed = buffer(sizes.max()! * b)
        let layers = 0..<(sizes.count - 1)
        gradientSumW = layers.map { buffer(sizes[$0] * sizes[$0 + 1]) }
        gradientSumB = layers.map { buffer(sizes[$0 + 1]) }
        gradientW = layers.map { buffer(sizes[$0] * sizes[$0 + 1]) }
        gradientB = layers.map { buffer(sizes[$0 + 1]) }
        appliedW = layers.map { buffer(sizes[$0] * sizes[$0 + 1]) }
        appliedB = layers.map { buffer(sizes[$0 + 1]) }
    }

    convenience init(network: Network, batchSize b: Int) {
        self.init(sizes: network.layerSizes, batchSize: b)
    }

    deinit {
        for list in [a, z, delta, gradientSumW, gradientSumB, gradientW, gradientB, appliedW, appliedB] {
            for p in list { p.deallocate() }
        }
        for p in [y, outputGradient, sampleLoss, logSumExp, transposed] { p.deallocate() }
    }

    /// Copies for a StepTrace.
    static func arrays(_ list: [UnsafeMutableBufferPointer<Double>]) -> [[Double]] { list.map { Array($0) } }
    static func parameters(_ w: [UnsafeMutableBufferPointer<Double>], _ b: [UnsafeMutableBufferPointer<Double>]) -> Parameters {
        Parameters(weights: arrays(w), biases: arrays(b))
    }
}
