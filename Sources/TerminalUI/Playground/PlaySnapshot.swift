import BackpropEngine

/// One training run as the trainer thread last published it: the trainer, its loss curves and
/// the numbers worked out from it off the screen's thread.
public struct PlayRun: Sendable {
    /// Its loss lists are moved into `trainLosses` and `testLosses` (it keeps none of its own).
    public var trainer: Trainer
    /// The training and test loss of every epoch so far, in bounded memory however long the
    /// playground trains (`DownsampledLosses`).
    public var trainLosses: DownsampledLosses
    public var testLosses: DownsampledLosses
    /// L2 norm of the gradient of the training loss, per weight layer (`GradientNorms.perLayer`:
    /// its weights, as the lessons measure it)
    public var gradientNorms: [Double]
    public var evaluation: PlayEvaluation
    /// measured by the trainer thread over its last chunk (0 before any)
    public var epochsPerSecond: Double

    /// Points per loss curve: more than a chart of any width draws.
    public static let curvePoints = 1024

    /// `previous`: the same run before this chunk of training, whose curves go on.
    public init(trainer: Trainer, epochsPerSecond: Double = 0, continuing previous: PlayRun? = nil) {
        var trainer = trainer
        let history = trainer.takeLossHistory()
        trainLosses = previous?.trainLosses ?? DownsampledLosses(capacity: Self.curvePoints)
        testLosses = previous?.testLosses ?? DownsampledLosses(capacity: Self.curvePoints)
        trainLosses.append(contentsOf: history.epochLosses)
        testLosses.append(contentsOf: history.testLosses)
        self.trainer = trainer
        self.epochsPerSecond = epochsPerSecond
        let g = Trainer.gradient(of: trainer.network, on: trainer.data, loss: trainer.config.loss,
                                 reduction: trainer.config.reduction)
        gradientNorms = GradientNorms.perLayer(g)
        evaluation = PlayEvaluation(trainer.network, train: trainer.data, test: trainer.testData)
    }
}

extension DownsampledLosses {
    /// The curve with x counted from `firstEpoch` (the playground's loss panel counts from 1).
    func curve(firstEpoch: Double) -> LossCurve {
        var c = curve
        c.positions = c.positions.map { $0 + firstEpoch }
        return c
    }
}

extension LossChart {
    /// The right end of the x axis for series given with positions: the last point drawn (the
    /// point count is not the epoch count once a curve is downsampled).
    static func lastPosition(_ series: [Series]) -> Double? {
        series.compactMap { $0.positions?.last }.max()
    }
}

/// Accuracy and predictions of a classifier (empty for regression).
public struct PlayEvaluation: Sendable, Equatable {
    public var trainAccuracy: Double?
    public var testAccuracy: Double?
    /// counts[true][predicted], on the test part (the training part when there is none)
    public var confusion: [[Int]]
    /// predicted class of the first `shown` samples of the same part
    public var predictions: [Int]
    public var truths: [Int]

    static let shown = 24

    public init(_ network: Network, train: Dataset, test: Dataset?) {
        let outputs = network.layerSizes.last ?? 1
        let sigmoidClasses = outputs == 1 && network.activations.last == .sigmoid
        guard outputs > 1 || sigmoidClasses else {
            self.init(trainAccuracy: nil, testAccuracy: nil, confusion: [], predictions: [], truths: [])
            return
        }
        // the engine's classes, accuracy and confusion matrix (Classification.swift)
        let trainPart = ClassifiedSet(network: network, data: train)
        var shownPart = trainPart
        var testAccuracy: Double?
        if let test, test.count > 0 {
            shownPart = ClassifiedSet(network: network, data: test)
            testAccuracy = shownPart.accuracy
        }
        self.init(trainAccuracy: trainPart.accuracy, testAccuracy: testAccuracy, confusion: shownPart.confusion,
                  predictions: Array(shownPart.predicted.prefix(Self.shown)),
                  truths: Array(shownPart.truth.prefix(Self.shown)))
    }

    public init(trainAccuracy: Double?, testAccuracy: Double?, confusion: [[Int]], predictions: [Int], truths: [Int]) {
        self.trainAccuracy = trainAccuracy
        self.testAccuracy = testAccuracy
        self.confusion = confusion
        self.predictions = predictions
        self.truths = truths
    }
}

/// What the trainer thread publishes: every run of one generation (one set of settings).
public struct PlaySnapshot: Sendable {
    public var generation: Int
    public var runs: [PlayRun]
    public init(generation: Int, runs: [PlayRun]) {
        self.generation = generation
        self.runs = runs
    }
}
