import BackpropEngine

/// One training run as the trainer thread last published it: the trainer (network, loss
/// histories) and the numbers worked out from it off the screen's thread.
public struct PlayRun: Sendable {
    public var trainer: Trainer
    /// L2 norm of the gradient of the training loss, per weight layer (weights and biases)
    public var gradientNorms: [Double]
    public var evaluation: PlayEvaluation
    /// measured by the trainer thread over its last chunk (0 before any)
    public var epochsPerSecond: Double

    public init(trainer: Trainer, epochsPerSecond: Double = 0) {
        self.trainer = trainer
        self.epochsPerSecond = epochsPerSecond
        let g = Trainer.gradient(of: trainer.network, on: trainer.data, loss: trainer.config.loss,
                                 reduction: trainer.config.reduction)
        gradientNorms = g.weights.indices.map { l in
            var s = 0.0
            for w in g.weights[l] { s += w * w }
            for b in g.biases[l] { s += b * b }
            return s.squareRoot()
        }
        evaluation = PlayEvaluation(trainer.network, train: trainer.data, test: trainer.testData)
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
        let classes = max(2, outputs)
        func label(_ row: [Double]) -> Int {
            if row.count == 1 { return row[0] >= 0.5 ? 1 : 0 }
            var best = 0
            for k in row.indices where row[k] > row[best] { best = k }
            return best
        }
        func measure(_ set: Dataset) -> (accuracy: Double, truth: [Int], predicted: [Int]) {
            let predicted = network.predict(batch: set.inputs).map(label)
            let truth = set.targets.map(label)
            let right = zip(predicted, truth).filter { $0 == $1 }.count
            return (Double(right) / Double(max(1, set.count)), truth, predicted)
        }
        let trainPart = measure(train)
        var shownPart = trainPart
        var testAccuracy: Double?
        if let test, test.count > 0 {
            shownPart = measure(test)
            testAccuracy = shownPart.accuracy
        }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (t, p) in zip(shownPart.truth, shownPart.predicted) { counts[t][p] += 1 }
        self.init(trainAccuracy: trainPart.accuracy, testAccuracy: testAccuracy, confusion: counts,
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
