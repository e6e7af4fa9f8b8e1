/// Training as a sequence of updates: one update per batch, `batchesPerEpoch` per epoch.
/// A value type: copying a Trainer is a snapshot the screen can return to exactly.
public struct Trainer: Equatable, Sendable {
    public private(set) var network: Network
    /// Changes (learning rate, optimizer…) apply from the next update.
    public var config: TrainingConfig
    public let data: Dataset
    public private(set) var optimizerState: OptimizerState
    /// Completed epochs.
    public private(set) var epoch = 0
    /// Updates done in the current epoch.
    public private(set) var batchInEpoch = 0
    /// The sample order of the current epoch.
    public private(set) var order: [Int]
    private var shuffler: SplitMix64
    private var epochLossSum = 0.0
    /// loss[k]: mean over its batches of the batch loss measured during epoch k+1, before its updates.
    public private(set) var epochLosses: [Double] = []
    /// The loss of the last batch, measured before its update.
    public private(set) var lastBatchLoss: Double?
    /// Set once a loss or a parameter stops being a finite number; training then stands still.
    public private(set) var divergence: Divergence?

    public init(network: Network, config: TrainingConfig, data: Dataset) {
        precondition(data.count > 0, "no training data")
        self.network = network
        self.config = config
        self.data = data
        optimizerState = OptimizerState(zeroLike: network.parameters)
        order = Array(0..<data.count)
        shuffler = SplitMix64(seed: config.shuffleSeed)
    }

    /// Samples per update (the last batch of an epoch may be smaller).
    public var batchSize: Int {
        config.batchSize <= 0 ? data.count : min(config.batchSize, data.count)
    }

    public var batchesPerEpoch: Int { (data.count + batchSize - 1) / batchSize }

    /// Total updates made.
    public var updateCount: Int { optimizerState.updateCount }

    public var hasDiverged: Bool { divergence != nil }

    /// Data indices of the next update's samples.
    public var nextBatchIndices: [Int] {
        let order = batchInEpoch == 0 ? orderForNewEpoch().order : self.order
        let start = batchInEpoch * batchSize
        return Array(order[start..<min(start + batchSize, data.count)])
    }

    /// One update on the fast path.
    public mutating func step() {
        guard divergence == nil else { return }
        let ws = Workspace(network: network, batchSize: nextBatchIndices.count)
        performStep(ws)
    }

    /// Trains `count` whole epochs (or finishes the current one first), on the fast path.
    /// Stops early on divergence.
    public mutating func train(epochs count: Int) {
        let target = epoch + count
        var full: Workspace? = nil
        var partial: Workspace? = nil
        while epoch < target && divergence == nil {
            let n = nextBatchIndices.count
            let ws: Workspace
            if n == batchSize {
                if full == nil { full = Workspace(network: network, batchSize: n) }
                ws = full!
            } else {
                if partial == nil || partial!.batchSize != n { partial = Workspace(network: network, batchSize: n) }
                ws = partial!
            }
            performStep(ws)
        }
    }

    /// Finishes the current epoch (if one is under way) on the fast path.
    public mutating func finishEpoch() {
        if batchInEpoch > 0 { train(epochs: 1) }
    }

    /// One update, recorded: every intermediate number kept for the screen.
    /// Gives bit-for-bit the same result as `step()`.
    @discardableResult
    public mutating func recordedStep() -> StepTrace? {
        guard divergence == nil else { return nil }
        let before = self
        let ws = Workspace(network: network, batchSize: nextBatchIndices.count)
        let indices = nextBatchIndices
        let info = performStep(ws)
        return StepTrace(before: before, after: self, sampleIndices: indices, workspace: ws, info: info)
    }

    // MARK: - the update itself

    private func orderForNewEpoch() -> (order: [Int], shuffler: SplitMix64) {
        var order = Array(0..<data.count)
        var rng = shuffler
        if config.shuffle { rng.shuffle(&order) }
        return (order, rng)
    }

    struct StepInfo {
        var batchLoss: Double
        var gradientNorm: Double?
        var clipScale: Double?
        /// the gradient after clipping and weight decay, as applied
        var appliedGradient: Parameters
    }

    @discardableResult
    private mutating func performStep(_ ws: Workspace) -> StepInfo {
        if batchInEpoch == 0 {
            (order, shuffler) = orderForNewEpoch()
            epochLossSum = 0
        }
        let start = batchInEpoch * batchSize
        let indices = order[start..<min(start + batchSize, data.count)]
        let batch = Batch(inputs: indices.map { data.inputs[$0] }, targets: indices.map { data.targets[$0] })

        Kernel.forward(network, batch, ws)
        Kernel.loss(network, batch, config.loss, ws)
        Kernel.backward(network, ws)
        Kernel.reduce(ws, config.reduction)
        let loss = Kernel.batchLoss(ws, config.reduction)

        var gradient = ws.gradient
        var norm: Double? = nil, scale: Double? = nil
        if let limit = config.clipNorm {
            let n = globalNorm(gradient)
            norm = n
            if n > limit {
                let s = limit / n
                scale = s
                scaleTrainable(&gradient, by: s)
            }
        }
        if config.weightDecay != 0 {
            let wd = config.weightDecay
            for l in gradient.weights.indices {
                for k in gradient.weights[l].indices {
                    gradient.weights[l][k] += wd * network.parameters.weights[l][k]
                }
            }
        }
        applyUpdate(gradient)

        lastBatchLoss = loss
        epochLossSum += loss
        batchInEpoch += 1
        if batchInEpoch >= batchesPerEpoch {
            epochLosses.append(epochLossSum / Double(batchesPerEpoch))
            epoch += 1
            batchInEpoch = 0
        }
        if !loss.isFinite || !parametersAreFinite() {
            divergence = Divergence(epoch: epoch + (batchInEpoch == 0 ? 0 : 1), update: updateCount, loss: loss)
        }
        return StepInfo(batchLoss: loss, gradientNorm: norm, clipScale: scale, appliedGradient: gradient)
    }

    /// L2 norm over every parameter that training changes.
    private func globalNorm(_ g: Parameters) -> Double {
        var sum = 0.0
        for l in g.weights.indices {
            for v in g.weights[l] { sum += v * v }
            if network.biasMode == .trainable { for v in g.biases[l] { sum += v * v } }
        }
        return sum.squareRoot()
    }

    private func scaleTrainable(_ g: inout Parameters, by s: Double) {
        for l in g.weights.indices {
            for k in g.weights[l].indices { g.weights[l][k] *= s }
            if network.biasMode == .trainable { for k in g.biases[l].indices { g.biases[l][k] *= s } }
        }
    }

    private mutating func applyUpdate(_ g: Parameters) {
        let opt = config.optimizer
        let eta = config.learningRate
        optimizerState.updateCount += 1
        if case .adam(let b1, let b2, _) = opt {
            optimizerState.beta1Power *= b1
            optimizerState.beta2Power *= b2
        }
        let b1t = optimizerState.beta1Power, b2t = optimizerState.beta2Power
        let updateBiases = network.biasMode == .trainable
        // locals, so that the three inout arguments never overlap one stored property
        var params = network.parameters
        var first = optimizerState.first, second = optimizerState.second
        for l in g.weights.indices {
            for k in g.weights[l].indices {
                opt.update(&params.weights[l][k], gradient: g.weights[l][k],
                           first: &first.weights[l][k], second: &second.weights[l][k],
                           learningRate: eta, b1t: b1t, b2t: b2t)
            }
            if updateBiases {
                for k in g.biases[l].indices {
                    opt.update(&params.biases[l][k], gradient: g.biases[l][k],
                               first: &first.biases[l][k], second: &second.biases[l][k],
                               learningRate: eta, b1t: b1t, b2t: b2t)
                }
            }
        }
        network.parameters = params
        optimizerState.first = first
        optimizerState.second = second
    }

    private func parametersAreFinite() -> Bool {
        for layer in network.parameters.weights { for v in layer where !v.isFinite { return false } }
        for layer in network.parameters.biases { for v in layer where !v.isFinite { return false } }
        return true
    }

    // MARK: - measuring

    /// The loss of the whole data set (or another one) under the current parameters,
    /// with the configured reduction.
    public func loss(on set: Dataset? = nil) -> Double {
        Trainer.loss(of: network, on: set ?? data, loss: config.loss, reduction: config.reduction)
    }

    public static func loss(of network: Network, on set: Dataset, loss: Loss, reduction: Reduction) -> Double {
        let batch = Batch(inputs: set.inputs, targets: set.targets)
        let ws = Workspace(network: network, batchSize: set.count)
        Kernel.forward(network, batch, ws)
        Kernel.loss(network, batch, loss, ws)
        return Kernel.batchLoss(ws, reduction)
    }

    /// The gradient of the batch loss over the whole data set (or a given set), by backprop.
    public static func gradient(of network: Network, on set: Dataset, loss: Loss, reduction: Reduction) -> Parameters {
        let batch = Batch(inputs: set.inputs, targets: set.targets)
        let ws = Workspace(network: network, batchSize: set.count)
        Kernel.forward(network, batch, ws)
        Kernel.loss(network, batch, loss, ws)
        Kernel.backward(network, ws)
        Kernel.reduce(ws, reduction)
        return ws.gradient
    }
}

/// Where training stopped being finite.
public struct Divergence: Equatable, Sendable {
    /// 1-based epoch in which it happened
    public var epoch: Int
    /// the update count t at which it happened
    public var update: Int
    /// the batch loss measured in that update (may be finite when a parameter overflowed)
    public var loss: Double
}
