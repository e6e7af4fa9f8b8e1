/// How a network is trained: loss, reduction, optimizer and the batching of the data.
public struct TrainingConfig: Equatable, Sendable {
    public var loss: Loss
    public var reduction: Reduction
    public var optimizer: Optimizer
    public var learningRate: Double
    /// Samples per update; 0 means the whole data set (full batch), 1 one sample at a time.
    public var batchSize: Int
    /// Shuffle the order of the samples at the start of each epoch (seeded).
    public var shuffle: Bool
    /// Epochs to train by default.
    public var epochs: Int
    /// Clip the gradient to this global L2 norm, if set.
    public var clipNorm: Double?
    /// L2 weight decay: weightDecay·w is added to each weight's gradient (not to biases).
    public var weightDecay: Double
    /// Seed of the shuffling generator.
    public var shuffleSeed: UInt64

    public init(loss: Loss = .mse, reduction: Reduction = .mean, optimizer: Optimizer = .sgd,
                learningRate: Double = 0.1, batchSize: Int = 0, shuffle: Bool = false,
                epochs: Int = 1000, clipNorm: Double? = nil, weightDecay: Double = 0,
                shuffleSeed: UInt64 = 0) {
        self.loss = loss
        self.reduction = reduction
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.epochs = epochs
        self.clipNorm = clipNorm
        self.weightDecay = weightDecay
        self.shuffleSeed = shuffleSeed
    }
}

/// Inputs and targets (one-hot already for class labels).
public struct Dataset: Equatable, Sendable {
    public var inputs: [[Double]]
    public var targets: [[Double]]
    /// The number of classes when every target is the one-hot row of a class (`data.classes` in a
    /// file, the playground's digits and iris); nil for any other targets. Outputs are named by
    /// class when it is set (ŷ₀ is the digit 0).
    public var classCount: Int?
    public init(inputs: [[Double]], targets: [[Double]], classCount: Int? = nil) {
        precondition(inputs.count == targets.count)
        self.inputs = inputs
        self.targets = targets
        self.classCount = classCount
    }
    public var count: Int { inputs.count }
}

