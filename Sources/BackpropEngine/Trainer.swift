/// Training as a sequence of updates: one update per batch, `batchesPerEpoch` per epoch.
/// A value type: copying a Trainer is a snapshot the screen can return to exactly.
public struct Trainer: Equatable, Sendable {
    public private(set) var network: Network
    /// Changes (learning rate, optimizer…) apply from the next update.
    public var config: TrainingConfig
    public let data: Dataset
    /// Held-out samples: their loss is measured at the start of every epoch (`testLosses`).
    public let testData: Dataset?
    /// testLosses[k]: loss of the test data at the start of epoch k+1 (same point as epochLosses[k]'s first batch).
    public private(set) var testLosses: [Double] = []
    public private(set) var optimizerState: OptimizerState
    /// Completed epochs.
    public private(set) var epoch = 0
    /// Updates done in the current epoch.
    public private(set) var batchInEpoch = 0
    /// The sample order of the current epoch.
    public private(set) var order: [Int]
    private var shuffler: SplitMix64
    private var orderIsShuffled = false
    private var epochLossSum = 0.0
    /// loss[k]: mean over its batches of the batch loss measured during epoch k+1, before its updates.
    public private(set) var epochLosses: [Double] = []
    /// The loss of the last batch, measured before its update.
    public private(set) var lastBatchLoss: Double?
    /// Set once a loss or a parameter stops being a finite number; training then stands still.
    public private(set) var divergence: Divergence?

    public init(network: Network, config: TrainingConfig, data: Dataset, testData: Dataset? = nil) {
        precondition(data.count > 0, "no training data")
        self.network = network
        self.config = config
        self.data = data
        self.testData = testData.flatMap { $0.count > 0 ? $0 : nil }
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
        var copy = self
        if copy.batchInEpoch == 0 { copy.startEpoch() }
        return Array(copy.currentBatch)
    }

    /// One update on the fast path.
    public mutating func step() {
        guard divergence == nil else { return }
        performStep(Workspace(network: network, batchSize: nextBatchSize))
    }

    /// Trains until `count` more epochs are complete (an epoch under way counts as the first),
    /// on the fast path. Stops early on divergence.
    public mutating func train(epochs count: Int) {
        let target = epoch + count
        var full: Workspace? = nil
        var partial: Workspace? = nil
        while epoch < target && divergence == nil {
            let n = nextBatchSize
            let ws: Workspace
            if n == batchSize {
                if full == nil { full = Workspace(network: network, batchSize: n) }
                ws = full!
            } else {
                if partial?.batchSize != n { partial = Workspace(network: network, batchSize: n) }
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
        let indices = nextBatchIndices
        let ws = Workspace(network: network, batchSize: indices.count)
        let info = performStep(ws)
        return StepTrace(before: before, after: self, sampleIndices: indices, workspace: ws, info: info)
    }

    // MARK: - the update itself

    /// Samples in the next update.
    private var nextBatchSize: Int {
        let start = batchInEpoch * batchSize
        return min(batchSize, data.count - start)
    }

    private var currentBatch: ArraySlice<Int> {
        let start = batchInEpoch * batchSize
        return order[start..<min(start + batchSize, data.count)]
    }

    /// The order of a new epoch: 0, 1, 2, … shuffled when asked.
    private mutating func startEpoch() {
        if config.shuffle || orderIsShuffled {
            for k in order.indices { order[k] = k }
            if config.shuffle { shuffler.shuffle(&order) }
            orderIsShuffled = config.shuffle
        }
        epochLossSum = 0
    }

    struct StepInfo {
        var batchLoss: Double
        var gradientNorm: Double?
        var clipScale: Double?
    }

    @discardableResult
    private mutating func performStep(_ ws: Workspace) -> StepInfo {
        if batchInEpoch == 0 {
            startEpoch()
            if let testData { testLosses.append(loss(on: testData)) }
        }
        let indices = currentBatch
        // `orderIsShuffled`, not `config.shuffle`: the rest of an epoch keeps its order when shuffling is turned off
        Kernel.gather(data, indices, ws, inOrder: !orderIsShuffled)
        Kernel.forward(network, ws)
        Kernel.loss(network, config.loss, ws)
        Kernel.backward(network, ws)
        Kernel.reduce(ws, config.reduction)
        let loss = Kernel.batchLoss(ws, config.reduction)

        // the gradient as applied: clipped (weights and trainable biases), then weight decay
        let trainableBiases = network.biasMode == .trainable
        for l in ws.gradientW.indices {
            ws.appliedW[l].update(fromContentsOf: ws.gradientW[l])
            ws.appliedB[l].update(fromContentsOf: ws.gradientB[l])
        }
        var norm: Double? = nil, scale: Double? = nil
        if let limit = config.clipNorm {
            let clipped = ws.appliedW + (trainableBiases ? ws.appliedB : [])
            var sum = 0.0
            for g in clipped { for v in g { sum += v * v } }
            let n = sum.squareRoot()
            norm = n
            if n > limit {
                let s = limit / n
                scale = s
                for g in clipped { for k in 0..<g.count { g[k] *= s } }
            }
        }
        if config.weightDecay != 0 {
            let wd = config.weightDecay
            for l in ws.appliedW.indices {
                let g = ws.appliedW[l]
                network.parameters.weights[l].withUnsafeBufferPointer { w in
                    for k in 0..<g.count { g[k] += wd * w[k] }
                }
            }
        }
        let finite = applyUpdate(ws)

        lastBatchLoss = loss
        epochLossSum += loss
        batchInEpoch += 1
        let batches = batchesPerEpoch
        if batchInEpoch >= batches {
            epochLosses.append(epochLossSum / Double(batches))
            epoch += 1
            batchInEpoch = 0
        }
        if !loss.isFinite || !finite {
            divergence = Divergence(epoch: epoch + (batchInEpoch == 0 ? 0 : 1), update: updateCount, loss: loss)
        }
        return StepInfo(batchLoss: loss, gradientNorm: norm, clipScale: scale)
    }

    /// Applies the optimizer to every trainable parameter with ws.applied*. Returns whether all
    /// updated parameters are finite numbers.
    private mutating func applyUpdate(_ ws: Workspace) -> Bool {
        optimizerState.updateCount += 1
        if case .adam(let b1, let b2, _) = config.optimizer {
            optimizerState.beta1Power *= b1
            optimizerState.beta2Power *= b2
        }
        let rule = UpdateRule(optimizer: config.optimizer, learningRate: config.learningRate,
                              beta1Power: optimizerState.beta1Power, beta2Power: optimizerState.beta2Power)
        // Move the arrays out so that each is uniquely referenced and updated in place.
        var params = network.parameters, state = optimizerState
        network.parameters = Parameters(weights: [], biases: [])
        optimizerState.first = Parameters(weights: [], biases: [])
        optimizerState.second = Parameters(weights: [], biases: [])
        var check = 0.0
        for l in params.weights.indices {
            check += rule.apply(&params.weights[l], ws.appliedW[l], &state.first.weights[l], &state.second.weights[l])
            if network.biasMode == .trainable {
                check += rule.apply(&params.biases[l], ws.appliedB[l], &state.first.biases[l], &state.second.biases[l])
            }
        }
        network.parameters = params
        optimizerState.first = state.first
        optimizerState.second = state.second
        return check == 0
    }

    // MARK: - measuring

    /// The loss of the whole data set (or another one) under the current parameters,
    /// with the configured reduction.
    public func loss(on set: Dataset? = nil) -> Double {
        Trainer.loss(of: network, on: set ?? data, loss: config.loss, reduction: config.reduction)
    }

    public static func loss(of network: Network, on set: Dataset, loss: Loss, reduction: Reduction) -> Double {
        let ws = Workspace(network: network, batchSize: set.count)
        Kernel.gather(set, ArraySlice(set.inputs.indices), ws)
        Kernel.forward(network, ws)
        Kernel.loss(network, loss, ws)
        return Kernel.batchLoss(ws, reduction)
    }

    /// The gradient of the batch loss over the whole data set (or a given set), by backprop.
    public static func gradient(of network: Network, on set: Dataset, loss: Loss, reduction: Reduction) -> Parameters {
        let ws = Workspace(network: network, batchSize: set.count)
        Kernel.gather(set, ArraySlice(set.inputs.indices), ws)
        Kernel.forward(network, ws)
        Kernel.loss(network, loss, ws)
        Kernel.backward(network, ws)
        Kernel.reduce(ws, reduction)
        return Workspace.parameters(ws.gradientW, ws.gradientB)
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
