/// What a network of given layer sizes needs, counted before anything is allocated, with
/// arithmetic that cannot overflow, and checked against the engine's limits. `Network.init`,
/// `Trainer.init` and recorded steps check these; the file loader checks them first, so that
/// even `check` never allocates an oversized network.
///
/// The limits (README, "Limits") keep a teaching network far below the memory of a laptop:
/// - at most `maxParameters` weights and biases (training keeps about 9 copies of each);
/// - at most `maxActivationsPerBatch` neurons × samples in one training batch (losses and
///   predictions of larger sets are computed in batches of this size);
/// - at most `maxRecordedStepBytes` for one recorded step (its events, their index and its
///   numbers), and `maxTimelineBytes` for the steps a Timeline keeps to step back through.
public struct NetworkSize: Equatable, Sendable {
    public static let maxParameters = 10_000_000
    public static let maxActivationsPerBatch = 10_000_000
    public static let maxRecordedStepBytes = 256_000_000
    public static let maxTimelineBytes = 1_000_000_000

    /// Bytes training keeps per parameter: the values, the optimizer's two memories, their three
    /// working copies, and the gradient's three stages (sum, reduced, applied).
    public static let bytesPerParameter = 9 * 8

    public let layerSizes: [Int]
    /// Weights and biases (biases counted even when the network has none: they are allocated).
    public let parameters: Int
    /// Neurons in all layers, the input layer included.
    public let neurons: Int

    /// Counts and checks the sizes: at least two layers, each of at least one neuron, and no more
    /// than `maxParameters` parameters.
    public init(layerSizes: [Int]) throws(EngineError) {
        guard layerSizes.count >= 2 else { throw .layerCount(layerSizes.count) }
        if let k = layerSizes.firstIndex(where: { $0 < 1 }) { throw .layerSize(layer: k, size: layerSizes[k]) }
        var parameters: Int? = 0
        for l in 0..<(layerSizes.count - 1) {
            // weights n_l·n_{l+1}, then biases n_{l+1}
            parameters = Self.add(parameters, Self.multiply(layerSizes[l], layerSizes[l + 1]))
            parameters = Self.add(parameters, layerSizes[l + 1])
        }
        guard let count = parameters, count <= Self.maxParameters else {
            var approximate = 0.0
            for l in 0..<(layerSizes.count - 1) {
                approximate += Double(layerSizes[l]) * Double(layerSizes[l + 1]) + Double(layerSizes[l + 1])
            }
            throw .tooManyParameters(layerSizes: layerSizes, count: approximate,
                                     bytes: approximate * Double(Self.bytesPerParameter))
        }
        self.layerSizes = layerSizes
        self.parameters = count
        // cannot overflow: every size is at most the parameter count
        neurons = layerSizes.reduce(0, +)
    }

    /// Bytes a training workspace takes for a batch of `samples`: a, z and δ of every neuron,
    /// the targets and ∂L/∂ŷ of the outputs, a transposed copy of the widest layer, and each
    /// sample's loss and log Σ e^z. Nil when the count overflows.
    public func workspaceBytes(batch samples: Int) -> Int? {
        let perSample = 3 * neurons + 2 * layerSizes.last! + layerSizes.max()! + 2
        return Self.multiply(Self.multiply(perSample, samples), 8)
    }

    /// Checks that a training batch of `samples` is within `maxActivationsPerBatch`.
    public func checkBatch(_ samples: Int) throws(EngineError) {
        guard let activations = Self.multiply(neurons, samples), activations <= Self.maxActivationsPerBatch else {
            let perSample = Double(3 * neurons + 2 * layerSizes.last! + layerSizes.max()! + 2)
            throw .tooManyActivations(layerSizes: layerSizes, batch: samples,
                                      count: Double(neurons) * Double(samples),
                                      bytes: perSample * Double(samples) * 8)
        }
    }

    /// How many samples fit in one batch of the limit (at least 1): the chunk size for losses
    /// and predictions of whole data sets.
    public var samplesPerBatchLimit: Int { max(1, Self.maxActivationsPerBatch / neurons) }

    // MARK: recorded steps

    /// Events of one recorded step (see EventRef.order), nil on overflow.
    func recordedEventCount(batch b: Int, biasMode: BiasMode, clipping: Bool) -> Int? {
        let sizes = layerSizes, top = sizes.count - 1
        var perSample: Int? = 2 * (neurons - sizes[0])           // weighted sum and activation
        perSample = Self.add(perSample, 2 * sizes[top] + 1)      // loss shares, sample loss, output δ
        perSample = Self.add(perSample, neurons - sizes[0] - sizes[top])  // hidden δ
        var trainable: Int? = 0
        for l in 0..<top {
            let weights = Self.multiply(sizes[l], sizes[l + 1])
            trainable = Self.add(trainable, weights)
            if biasMode == .trainable { trainable = Self.add(trainable, sizes[l + 1]) }
        }
        perSample = Self.add(perSample, trainable)               // per-sample gradients
        var count = Self.multiply(perSample, b)
        if b > 1 { count = Self.add(Self.add(count, trainable), 1) }  // batch loss and gradient sums
        if clipping { count = Self.add(count, 1) }
        return Self.add(count, trainable)                        // updates
    }

    /// Bytes one recorded step takes: its events, their index (Int32 per neuron and parameter
    /// per sample), its numbers (the workspace's arrays), its three gradient stages and the
    /// trainer before and after it. Nil on overflow.
    public func recordedStepBytes(batch b: Int, biasMode: BiasMode, clipping: Bool) -> Int? {
        let events = Self.multiply(recordedEventCount(batch: b, biasMode: biasMode, clipping: clipping),
                                   MemoryLayout<EventRef>.stride)
        let index = Self.multiply(Self.add(Self.multiply(Self.add(2 * neurons, parameters), b), 2 * parameters), 4)
        let values = workspaceBytes(batch: b)
        let parameterCopies = Self.multiply(parameters, 9 * 8)
        return Self.add(Self.add(Self.add(events, index), values), parameterCopies)
    }

    /// Checks that one recorded step of a batch of `b` is within `maxRecordedStepBytes`.
    public func checkRecordedStep(batch b: Int, biasMode: BiasMode, clipping: Bool) throws(EngineError) {
        guard let bytes = recordedStepBytes(batch: b, biasMode: biasMode, clipping: clipping),
              bytes <= Self.maxRecordedStepBytes else {
            // the same sum in floating point, for the message
            let d = Double(b), n = Double(neurons), p = Double(parameters)
            let estimate = d * (2 * n + p) * Double(MemoryLayout<EventRef>.stride) + (d * (2 * n + p) + 2 * p) * 4
                + d * Double(3 * neurons + 2 * layerSizes.last! + layerSizes.max()! + 2) * 8 + p * 72
            throw .recordedStepTooLarge(layerSizes: layerSizes, batch: b, bytes: estimate)
        }
    }

    // MARK: arithmetic that reports overflow as nil

    static func multiply(_ a: Int?, _ b: Int?) -> Int? {
        guard let a, let b else { return nil }
        let (r, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : r
    }

    static func add(_ a: Int?, _ b: Int?) -> Int? {
        guard let a, let b else { return nil }
        let (r, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : r
    }
}
