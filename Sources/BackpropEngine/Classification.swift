/// Outputs read as classes: the one definition of the predicted class, accuracy and confusion
/// matrix that `train`, the lessons, the digit gallery and the playground all show.
public enum Classification {
    /// The class a row of outputs (or a target row) stands for: with one output, class 1 when it is
    /// at least 0.5 and class 0 below (a single sigmoid output); with more, the index of the
    /// largest value, the first one on a tie.
    public static func classOf(_ row: [Double]) -> Int {
        if row.count == 1 { return row[0] >= 0.5 ? 1 : 0 }
        var best = 0
        for k in row.indices where row[k] > row[best] { best = k }
        return best
    }

    /// Classes of a network with `outputs` outputs: one output is two classes.
    public static func classCount(outputs: Int) -> Int { max(2, outputs) }
}

/// A data set classified by a network: each sample's predicted and true class.
public struct ClassifiedSet: Equatable, Sendable {
    public let classCount: Int
    /// predicted[k]: the class of the network's outputs for sample k
    public let predicted: [Int]
    /// truth[k]: the class of sample k's target row
    public let truth: [Int]

    /// Outputs and targets given row by row (the same number of rows, each of `outputs` values).
    public init(outputs: [[Double]], targets: [[Double]]) {
        precondition(outputs.count == targets.count, "\(outputs.count) output rows for \(targets.count) targets")
        classCount = Classification.classCount(outputs: targets.first?.count ?? outputs.first?.count ?? 1)
        predicted = outputs.map(Classification.classOf)
        truth = targets.map(Classification.classOf)
    }

    /// The network's outputs for every sample of `data` (computed in batches).
    public init(network: Network, data: Dataset) {
        self.init(outputs: network.predict(batch: data.inputs), targets: data.targets)
    }

    public var count: Int { truth.count }

    /// Samples whose predicted class is their true class.
    public var correct: Int { zip(predicted, truth).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) } }

    /// correct / count; 0 for an empty set.
    public var accuracy: Double { count == 0 ? 0 : Double(correct) / Double(count) }

    /// counts[true][predicted]
    public var confusion: [[Int]] {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (t, p) in zip(truth, predicted) where t < classCount && p < classCount { counts[t][p] += 1 }
        return counts
    }
}
