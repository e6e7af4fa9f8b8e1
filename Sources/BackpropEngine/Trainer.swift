/// Training as a sequence of updates: one update per batch, `batchesPerEpoch` per epoch.
/// A value type: copying a Trainer is a snapshot the screen can return to exactly.
public struct Trainer: Equatable, Sendable {
    public private(set) var network: Network
    /// Changed with `reconfigure`, which checks it; changes (learning rate, optimizer…) apply
    /// from the next update.
    public private(set) var config: TrainingConfig
    public let data: Dataset
    /// Held-out samples: their loss is measured at the start of every epoch (`testLosses`).
    public let testData: Dataset?
    /// testLosses[k]: loss of the test data at the start of epoch k+1 (same point as epochLosses[k]'s first batch).
    public private(set) var testLosses = LossHistory()
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
    public private(set) var epochLosses = LossHistory()
    /// The loss of the last batch, measured before its update.
    public private(set) var lastBatchLoss: Double?
    /// Set once a loss or a parameter stops being a finite number; training then stands still.
    public private(set) var divergence: Divergence?

    /// Checks the settings, the data and the targets against the network (`TrainingConfig.check`)
    /// and that a training batch is within `NetworkSize.maxActivationsPerBatch`.
    public init(network: Network, config: TrainingConfig, data: Dataset, testData: Dataset? = nil) throws(EngineError) {
        try config.check(network: network, data: data, testData: testData)
        let batch = config.batchSize <= 0 ? data.count : min(config.batchSize, data.count)
        try NetworkSize(layerSizes: network.layerSizes).checkBatch(batch)
        if !network.batchNormLayers.isEmpty && batch < 2 { throw .batchNormNeedsBatch }
        self.network = network
        self.config = config
        self.data = data
        self.testData = testData.flatMap { $0.count > 0 ? $0 : nil }
        optimizerState = OptimizerState(zeroLike: network.parameters)
        order = Array(0..<data.count)
        shuffler = SplitMix64(seed: config.shuffleSeed)
    }

    /// New settings from the next update, checked as `init` checks them (the data's targets
    /// again only when the loss changes). On an error nothing changes.
    public mutating func reconfigure(_ new: TrainingConfig) throws(EngineError) {
        try new.checkSettings()
        try new.check(outputActivation: network.activations.last!)
        if new.loss != config.loss {
            try new.loss.check(targets: data.targets, part: .training)
            if let testData { try new.loss.check(targets: testData.targets, part: .test) }
        }
        try NetworkSize(layerSizes: network.layerSizes).checkBatch(new.batchSize <= 0 ? data.count : min(new.batchSize, data.count))
        config = new
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
        let ws = Workspace(network: network, batchSize: nextBatchSize, state: optimizerMemory)
        performStep(ws, batches: batchesPerEpoch, recording: false)
        storeParameters(from: ws)
    }

    /// Trains until `count` more epochs are complete (an epoch under way counts as the first),
    /// on the fast path. Stops early on divergence.
    public mutating func train(epochs count: Int) {
        guard count > 0 else { return }
        var none: [Double]? = nil
        train(untilEpoch: epoch + count, untilUpdate: Int.max, losses: &none)
    }

    /// Makes `count` more updates on the fast path (stopping early on divergence), appending each
    /// update's batch loss to `losses` when one is given.
    public mutating func train(updates count: Int, losses: inout [Double]?) {
        guard count > 0 else { return }
        train(untilEpoch: Int.max, untilUpdate: updateCount + count, losses: &losses)
    }

    /// `train(epochs:)` that also stops after `updateLimit` updates: `train`'s progress line trains
    /// in such pieces, which end exactly where one call would.
    public mutating func train(epochs count: Int, updateLimit: Int) {
        guard count > 0 && updateLimit > 0 else { return }
        var none: [Double]? = nil
        let last = updateCount > Int.max - updateLimit ? Int.max : updateCount + updateLimit
        train(untilEpoch: epoch + count, untilUpdate: last, losses: &none)
    }

    public mutating func train(updates count: Int) {
        var none: [Double]? = nil
        train(updates: count, losses: &none)
    }

    private mutating func train(untilEpoch targetEpoch: Int, untilUpdate targetUpdate: Int, losses: inout [Double]?) {
        guard divergence == nil else { return }
        let size = batchSize, batches = batchesPerEpoch
        // The parameters live in `full`'s buffers until the end; a smaller last batch shares them.
        let full = Workspace(network: network, batchSize: size, state: optimizerMemory)
        var partial: Workspace? = nil
        while epoch < targetEpoch && updateCount < targetUpdate && divergence == nil {
            let n = nextBatchSize
            var ws = full
            if n != size {
                if partial?.batchSize != n {
                    partial = Workspace(sizes: network.layerSizes, residual: network.residual,
                                        batchNorm: network.batchNormLayers, batchSize: n,
                                        parameters: full.parameters)
                }
                ws = partial!
            }
            let info = performStep(ws, batches: batches, recording: false)
            losses?.append(info.batchLoss)
        }
        storeParameters(from: full)
    }

    /// Finishes the current epoch (if one is under way) on the fast path.
    public mutating func finishEpoch() {
        if batchInEpoch > 0 { train(epochs: 1) }
    }

    /// One update, recorded: every intermediate number kept for the screen.
    /// Gives bit-for-bit the same result as `step()`.
    /// `previous` (typically the step recorded just before) lends its event table (the events'
    /// order and index, which depend only on the step's shape) when this step has the same shape,
    /// and its workspace (the first step given it only).
    /// Nil when training has diverged, or when the step is too large to record (`checkRecording`).
    @discardableResult
    public mutating func recordedStep(reusing previous: StepTrace? = nil) -> StepTrace? {
        guard divergence == nil, (try? checkRecording()) != nil else { return nil }
        let n = nextBatchSize
        let table: EventTable
        if let old = previous?.table, old.fits(network, config, batch: n) {
            table = old
        } else {
            table = EventTable(network: network, config: config, batch: n)
        }
        let before = self
        let ws: Workspace
        if let old = previous?.workspaceSlot.take(), old.batchSize == n, old.sizes == network.layerSizes,
           old.residual == network.residual, old.batchNormLayers == network.batchNormLayers {
            old.parameters.load(network, state: optimizerMemory)
            old.gatheredRange = nil
            ws = old
        } else {
            ws = Workspace(network: network, batchSize: n, state: optimizerMemory)
        }
        let info = performStep(ws, batches: batchesPerEpoch, recording: true)
        storeParameters(from: ws)
        return StepTrace(before: before, after: self, sampleIndices: info.sampleIndices, workspace: ws, table: table,
                         info: info)
    }

    /// Checks that a recorded step of the next batch's size is within `NetworkSize.maxRecordedStepBytes`
    /// (a full batch is the largest; the last one of an epoch may be smaller).
    public func checkRecording() throws(EngineError) {
        try NetworkSize(layerSizes: network.layerSizes)
            .checkRecordedStep(batch: batchSize, biasMode: network.biasMode, clipping: config.clipNorm != nil)
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
        /// the batch's data indices (recorded steps only)
        var sampleIndices: [Int] = []
    }

    /// One update of the parameters in `ws.parameters` (the network's copy is brought up to date
    /// by `storeParameters`). `recording` fills every buffer a StepTrace reads; the fast path
    /// skips the copies nobody looks at.
    @discardableResult
    private mutating func performStep(_ ws: Workspace, batches: Int, recording: Bool) -> StepInfo {
        if batchInEpoch == 0 {
            startEpoch()
            if let testData {
                storeParameters(from: ws)
                testLosses.append(loss(on: testData))
            }
        }
        // `orderIsShuffled`, not `config.shuffle`: the rest of an epoch keeps its order when shuffling is turned off
        let batch = currentBatch
        let indices = recording ? Array(batch) : []
        Kernel.gather(data, batch, ws, inOrder: !orderIsShuffled)
        Kernel.forward(network, ws, training: true)
        Kernel.loss(network, config.loss, ws)
        Kernel.backward(network, ws)
        let loss = Kernel.batchLoss(ws, config.reduction)
        let (source, norm, scale) = gradientToApply(ws, recording: recording)
        let finite = applyUpdate(ws, from: source)

        lastBatchLoss = loss
        epochLossSum += loss
        batchInEpoch += 1
        if batchInEpoch >= batches {
            epochLosses.append(epochLossSum / Double(batches))
            epoch += 1
            batchInEpoch = 0
        }
        if !loss.isFinite || !finite {
            divergence = Divergence(epoch: epoch + (batchInEpoch == 0 ? 0 : 1), update: updateCount, loss: loss)
        }
        return StepInfo(batchLoss: loss, gradientNorm: norm, clipScale: scale, sampleIndices: indices)
    }

    /// Which of the workspace's gradient buffers the update reads (`sumsOverBatch`: the sums,
    /// divided by the batch size as the update reads them, the numbers `Kernel.reduce` writes).
    enum GradientStage { case sums, sumsOverBatch, applied }

    /// The gradient as applied: the batch gradient (the sums, ÷B for the mean), clipped (weights
    /// and trainable biases), then weight decay. Each stage is written out only when it differs
    /// from the one before, or when the step is recorded.
    private func gradientToApply(_ ws: Workspace, recording: Bool) -> (GradientStage, norm: Double?, scale: Double?) {
        let mean = config.reduction == .mean
        let changes = config.clipNorm != nil || config.weightDecay != 0
        guard changes || recording else { return (mean ? .sumsOverBatch : .sums, nil, nil) }
        Kernel.reduce(ws, config.reduction)

        let trainableBiases = network.biasMode == .trainable
        for layer in ws.layers {
            layer.appliedW.update(from: layer.gradientW, count: layer.nIn * layer.nOut)
            layer.appliedB.update(from: layer.gradientB, count: layer.nOut)
            if let bn = layer.norm {
                bn.appliedScale.update(from: bn.gradientScale, count: layer.nOut)
                bn.appliedShift.update(from: bn.gradientShift, count: layer.nOut)
            }
        }
        var norm: Double? = nil, scale: Double? = nil
        if let limit = config.clipNorm {
            // all weights (layer by layer), then the trainable biases, then γ and β (layer by layer)
            var sum = 0.0
            for layer in ws.layers { sum = sumOfSquares(layer.appliedW, layer.nIn * layer.nOut, adding: sum) }
            if trainableBiases {
                for layer in ws.layers where layer.norm == nil { sum = sumOfSquares(layer.appliedB, layer.nOut, adding: sum) }
            }
            for layer in ws.layers {
                guard let bn = layer.norm else { continue }
                sum = sumOfSquares(bn.appliedScale, layer.nOut, adding: sum)
                sum = sumOfSquares(bn.appliedShift, layer.nOut, adding: sum)
            }
            let n = sum.squareRoot()
            norm = n
            if n > limit {
                let s = limit / n
                scale = s
                for layer in ws.layers { scaleValues(layer.appliedW, layer.nIn * layer.nOut, by: s) }
                if trainableBiases {
                    for layer in ws.layers where layer.norm == nil { scaleValues(layer.appliedB, layer.nOut, by: s) }
                }
                for layer in ws.layers {
                    guard let bn = layer.norm else { continue }
                    scaleValues(bn.appliedScale, layer.nOut, by: s)
                    scaleValues(bn.appliedShift, layer.nOut, by: s)
                }
            }
        }
        if config.weightDecay != 0 {
            let wd = config.weightDecay
            for layer in ws.layers {
                let g = layer.appliedW, w = layer.w
                for k in 0..<(layer.nIn * layer.nOut) { g[k] += wd * w[k] }
            }
        }
        return (.applied, norm, scale)
    }

    private func sumOfSquares(_ g: UnsafeMutablePointer<Double>, _ n: Int, adding sum: Double) -> Double {
        var sum = sum
        for k in 0..<n { sum += g[k] * g[k] }
        return sum
    }

    private func scaleValues(_ g: UnsafeMutablePointer<Double>, _ n: Int, by s: Double) {
        for k in 0..<n { g[k] *= s }
    }

    /// Applies the optimizer to every trainable parameter in ws.parameters, reading the gradient
    /// at `stage`. Returns whether all updated parameters are finite numbers.
    private mutating func applyUpdate(_ ws: Workspace, from stage: GradientStage) -> Bool {
        optimizerState.updateCount += 1
        if case .adam(let b1, let b2, _) = config.optimizer {
            optimizerState.beta1Power *= b1
            optimizerState.beta2Power *= b2
        }
        let rule = UpdateRule(optimizer: config.optimizer, learningRate: config.learningRate,
                              beta1Power: optimizerState.beta1Power, beta2Power: optimizerState.beta2Power)
        let biases = network.biasMode == .trainable
        let scale = stage == .sumsOverBatch ? GradientScale.dividing(by: Double(ws.batchSize)) : .none
        var check = 0.0
        for layer in ws.layers {
            let (gW, gB): (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>)
            switch stage {
            case .sums, .sumsOverBatch: (gW, gB) = (layer.gradientSumW, layer.gradientSumB)
            case .applied: (gW, gB) = (layer.appliedW, layer.appliedB)
            }
            check += rule.apply(layer.w, gW, layer.firstW, layer.secondW, count: layer.nIn &* layer.nOut, gradient: scale)
            if biases && layer.norm == nil {
                check += rule.apply(layer.bias, gB, layer.firstB, layer.secondB, count: layer.nOut, gradient: scale)
            }
            if let bn = layer.norm {
                let (gS, gT): (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>)
                switch stage {
                case .sums, .sumsOverBatch: (gS, gT) = (bn.gradientSumScale, bn.gradientSumShift)
                case .applied: (gS, gT) = (bn.appliedScale, bn.appliedShift)
                }
                check += rule.apply(bn.scale, gS, bn.firstScale, bn.secondScale, count: layer.nOut, gradient: scale)
                check += rule.apply(bn.shift, gT, bn.firstShift, bn.secondShift, count: layer.nOut, gradient: scale)
            }
        }
        return check == 0
    }

    /// The optimizer's memory for a workspace; sgd has none to copy (its buffers stay zero, unused).
    private var optimizerMemory: OptimizerState? { config.optimizer == .sgd ? nil : optimizerState }

    /// Brings the network and the optimizer's memory up to date from the workspace's buffers.
    private mutating func storeParameters(from ws: Workspace) {
        ws.parameters.store(into: &network, state: &optimizerState, for: config.optimizer)
    }

    // MARK: - measuring

    /// The loss of the whole data set (or another one) under the current parameters,
    /// with the configured reduction.
    public func loss(on set: Dataset? = nil) -> Double {
        Trainer.loss(of: network, on: set ?? data, loss: config.loss, reduction: config.reduction)
    }

    /// Sets are measured in batches of `Network.measuringBatch` samples; the sample losses are
    /// still added in order of s into one total, so the result is the same bits as one batch.
    /// A batch-normalized network is evaluated with its running statistics; `batchStatistics`
    /// normalizes with the set's own instead (as training does: what `gradient(of:)` differentiates).
    public static func loss(of network: Network, on set: Dataset, loss: Loss, reduction: Reduction,
                            batchStatistics: Bool = false) -> Double {
        Self.loss(of: network, on: set, loss: loss, reduction: reduction, batchLimit: nil, batchStatistics: batchStatistics)
    }

    /// The same in batches of at most `batchLimit` samples (tests use small ones).
    static func loss(of network: Network, on set: Dataset, loss: Loss, reduction: Reduction, batchLimit: Int?,
                     batchStatistics: Bool = false) -> Double {
        var total = 0.0
        var kept: Workspace? = nil
        // with the batch's statistics, the batches are `gradient(of:)`'s: the loss it differentiates
        let limit = batchLimit ?? (batchStatistics && !network.batchNormLayers.isEmpty ? nil : network.measuringBatch)
        for range in network.evaluationBatches(set.count, limit: limit) {
            let ws = Workspace.reused(&kept, network: network, batchSize: range.count)
            Kernel.gather(set, ArraySlice(range), ws)
            Kernel.forward(network, ws, training: batchStatistics)
            Kernel.loss(network, loss, ws)
            let losses = ws.sampleLoss.baseAddress!
            for s in 0..<range.count { total += losses[s] }
        }
        return reduction == .mean ? total / Double(set.count) : total
    }

    /// The gradient of the batch loss over the whole data set (or a given set), by backprop.
    /// A set larger than `Network.evaluationBatch` is taken in batches whose gradient sums are
    /// added (the same sum, grouped by batch).
    public static func gradient(of network: Network, on set: Dataset, loss: Loss, reduction: Reduction) -> Parameters {
        gradient(of: network, on: set, loss: loss, reduction: reduction, batchLimit: nil)
    }

    /// The same in batches of at most `batchLimit` samples (tests use small ones).
    static func gradient(of network: Network, on set: Dataset, loss: Loss, reduction: Reduction,
                         batchLimit: Int?) -> Parameters {
        let batches = network.evaluationBatches(set.count, limit: batchLimit)
        var sums: Parameters? = nil
        for range in batches {
            let ws = Workspace(network: network, batchSize: range.count)
            Kernel.gather(set, ArraySlice(range), ws)
            Kernel.forward(network, ws, training: true)
            Kernel.loss(network, loss, ws)
            Kernel.backward(network, ws)
            if batches.count == 1 {
                Kernel.reduce(ws, reduction)
                return ws.gradients
            }
            let part = ws.gradientSums
            guard var total = sums else { sums = part; continue }
            for l in total.weights.indices {
                for k in total.weights[l].indices { total.weights[l][k] += part.weights[l][k] }
                for k in total.biases[l].indices { total.biases[l][k] += part.biases[l][k] }
                for k in total.scales[l].indices { total.scales[l][k] += part.scales[l][k] }
                for k in total.shifts[l].indices { total.shifts[l][k] += part.shifts[l][k] }
            }
            sums = total
        }
        guard var total = sums else { return network.parameters.zeroed() }
        if reduction == .mean {
            let n = Double(set.count)
            func divide(_ list: [[Double]]) -> [[Double]] { list.map { $0.map { $0 / n } } }
            total = Parameters(weights: divide(total.weights), biases: divide(total.biases), scales: divide(total.scales),
                               shifts: divide(total.shifts))
        }
        return total
    }
}

extension Trainer {
    /// This state without its loss lists, and the lists' lengths: what a checkpoint of a long run
    /// keeps (the lists are the run's, shared by every state of it).
    var withoutHistory: (trainer: Trainer, epochLosses: Int, testLosses: Int) {
        var t = self
        t.epochLosses = LossHistory()
        t.testLosses = LossHistory()
        return (t, epochLosses.count, testLosses.count)
    }

    /// Moves the loss lists out; the trainer goes on with empty ones. The playground keeps them
    /// downsampled (`DownsampledLosses`) instead of in full.
    public mutating func takeLossHistory() -> (epochLosses: LossHistory, testLosses: LossHistory) {
        defer {
            epochLosses = LossHistory()
            testLosses = LossHistory()
        }
        return (epochLosses, testLosses)
    }

    /// Gives a state made by `withoutHistory` its loss lists back, from a later state of the same run.
    mutating func restoreHistory(from later: Trainer, epochLosses e: Int, testLosses t: Int) {
        epochLosses = later.epochLosses.prefix(count: e)
        testLosses = later.testLosses.prefix(count: t)
    }

    /// Bytes a copy of this state holds of its own (parameters, optimizer memory, sample order),
    /// not counting the data and the loss lists, which copies share.
    var snapshotBytes: Int {
        let parameters = network.parameters.weights.reduce(0) { $0 + $1.count }
            + network.parameters.biases.reduce(0) { $0 + $1.count }
        let arrays = 4 * 2 * network.parameters.weights.count + 1
        return 8 * (4 * parameters + order.count) + 48 * arrays + 512
    }

    /// Multiply-adds of one update, roughly: batch × parameters, forward and back.
    var updateWork: Int {
        let parameters = network.parameters.weights.reduce(0) { $0 + $1.count }
            + network.parameters.biases.reduce(0) { $0 + $1.count }
        return 3 * batchSize * parameters
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
