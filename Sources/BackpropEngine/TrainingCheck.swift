/// The rules a training run must keep, checked by the engine for every caller (the file loader,
/// the playground, tests, a library user): `Trainer.init` and `Trainer.reconfigure` call them, so a
/// setting or a data set that would crash or corrupt the hot loops is an `EngineError` instead.
/// The file loader calls the same checks and reports what they throw at its `file:line`.
extension TrainingConfig {
    /// The settings on their own: a finite learning rate above 0, a batch size of 0 (the whole
    /// data set) or more, at least one epoch, a clip norm above 0, a weight decay of 0 or more, and
    /// the optimizer's parameters (momentum, β1 and β2 in [0, 1), ε above 0).
    public func checkSettings() throws(EngineError) {
        guard learningRate.isFinite && learningRate > 0 else { throw .learningRate(learningRate) }
        guard batchSize >= 0 else { throw .batchSize(batchSize) }
        guard epochs >= 1 else { throw .epochs(epochs) }
        if let clipNorm, !(clipNorm.isFinite && clipNorm > 0) { throw .clipNorm(clipNorm) }
        guard weightDecay.isFinite && weightDecay >= 0 else { throw .weightDecay(weightDecay) }
        func fraction(_ name: String, _ v: Double) throws(EngineError) {
            guard v >= 0 && v < 1 else { throw .optimizerParameter(name: name, value: v) }
        }
        switch optimizer {
        case .sgd: break
        case .momentum(let mu): try fraction("momentum", mu)
        case .adam(let beta1, let beta2, let epsilon):
            try fraction("beta1", beta1)
            try fraction("beta2", beta2)
            guard epsilon.isFinite && epsilon > 0 else { throw .optimizerParameter(name: "epsilon", value: epsilon) }
        }
    }

    /// The loss against the output activation: bce needs a sigmoid output and cross-entropy a
    /// softmax output (their gradients are taken fused with it), and a softmax output is trained
    /// with cross-entropy (the backward pass has no other softmax derivative).
    public func check(outputActivation output: Activation) throws(EngineError) {
        if let needed = loss.requiredOutputActivation, needed != output {
            throw .lossNeedsOutput(loss: loss, needed: needed, got: output)
        }
        if output == .softmax && loss != .crossEntropy { throw .softmaxNeedsCrossEntropy(loss: loss) }
    }

    /// A data set against the network's sizes: at least one sample (for training), each input row
    /// of `layerSizes[0]` values and each target row of `layerSizes.last` values.
    public static func check(data: Dataset, layerSizes: [Int], part: DataPart = .training) throws(EngineError) {
        if part == .training && data.count == 0 { throw .noTrainingData }
        if let k = data.inputs.firstIndex(where: { $0.count != layerSizes[0] }) {
            throw .inputWidth(part: part, sample: k, expected: layerSizes[0], got: data.inputs[k].count)
        }
        if let k = data.targets.firstIndex(where: { $0.count != layerSizes.last! }) {
            throw .targetWidth(part: part, sample: k, expected: layerSizes.last!, got: data.targets[k].count)
        }
    }

    /// Everything above, for training `network` on `data` (and measuring `testData`).
    public func check(network: Network, data: Dataset, testData: Dataset? = nil) throws(EngineError) {
        try checkSettings()
        try check(outputActivation: network.activations.last!)
        try Self.check(data: data, layerSizes: network.layerSizes, part: .training)
        try loss.check(targets: data.targets, part: .training)
        if let testData {
            try Self.check(data: testData, layerSizes: network.layerSizes, part: .test)
            try loss.check(targets: testData.targets, part: .test)
        }
    }
}

extension Loss {
    /// Target rows against the loss: bce needs every target in [0, 1], cross-entropy rows that are
    /// distributions (no negative value, summing to 1 within 10⁻⁶). Throws for the first bad row.
    public func check(targets: [[Double]], part: DataPart = .training) throws(EngineError) {
        switch self {
        case .bce:
            if let k = targets.firstIndex(where: { $0.contains { !($0 >= 0 && $0 <= 1) } }) {
                throw .targetsOutsideZeroOne(part: part, sample: k)
            }
        case .crossEntropy:
            if let k = targets.firstIndex(where: { t in t.contains { !($0 >= 0) } || !(abs(t.reduce(0, +) - 1) <= 1e-6) }) {
                throw .targetsNotDistributions(part: part, sample: k)
            }
        case .mse, .halfSSE: break
        }
    }

}

/// Which data set an error is about.
public enum DataPart: String, Sendable, Equatable {
    case training
    case test
}
