import BackpropEngine

/// One sample image for the `digits` focus: its pixels, its class and the network's guess.
public struct DigitSample: Sendable, Equatable {
    /// Index of the sample in `set`.
    public var index: Int
    /// Row-major, top row first, `width` × `height` input values as the network sees them
    /// (after the file's scaling); draw them from `minValue` (blank) to `maxValue` (ink).
    public var pixels: [Double]
    public var width: Int
    public var height: Int
    public var minValue: Double
    public var maxValue: Double
    /// True and predicted class (0-based; with `classNames` when the file has them).
    public var label: Int
    public var predicted: Int
    /// The predicted class's output (its softmax probability).
    public var confidence: Double
    public var isCorrect: Bool { label == predicted }
}

/// The samples the `digits` focus shows.
public enum DigitGallery {
    public enum Source: Sendable, Equatable { case training, test }

    /// Up to `limit` samples of the test data (the training data when the file has none), in file
    /// order, classified by `network`; with `mistakes` only the misclassified ones.
    public static func samples(network: Network, file: NetworkFile, mistakes: Bool = false,
                               limit: Int = 12) -> (source: Source, samples: [DigitSample]) {
        let source: Source = file.testData == nil ? .training : .test
        let data = file.testData ?? file.data
        let side = Int(Double(network.layerSizes[0]).squareRoot().rounded())
        let all = data.inputs.flatMap { $0 }
        let low = all.min() ?? 0, high = all.max() ?? 1
        var out: [DigitSample] = []
        for k in 0..<data.count where out.count < limit {
            let p = network.predict(data.inputs[k])
            let guess = Classification.classOf(p), label = Classification.classOf(data.targets[k])
            if mistakes && guess == label { continue }
            out.append(DigitSample(index: k, pixels: data.inputs[k], width: side, height: side, minValue: low,
                                   maxValue: high > low ? high : low + 1, label: label, predicted: guess,
                                   confidence: p[guess]))
        }
        return (source, out)
    }
}

extension LessonPlayer {
    /// The samples for the scene's `digits` focus, classified by the network the scene shows
    /// (before the current step's update).
    public func gallery(limit: Int = 12) -> (source: DigitGallery.Source, samples: [DigitSample]) {
        if let cached = cachedGallery, cached.limit >= limit {
            return (cached.result.source, Array(cached.result.samples.prefix(limit)))
        }
        return computeGallery(limit: limit)
    }

    func computeGallery(limit: Int) -> (source: DigitGallery.Source, samples: [DigitSample]) {
        var mistakes = false
        if case .digits(let m) = scene.focus { mistakes = m }
        return DigitGallery.samples(network: sceneTimeline.shownTrainer.network, file: file, mistakes: mistakes, limit: limit)
    }

    /// The `confusion` focus: the test samples (the training samples when the file has none)
    /// counted by true class (rows) and the class the scene's network predicts (columns).
    public func confusion() -> (source: DigitGallery.Source, counts: [[Int]]) {
        let data = file.testData ?? file.data
        let network = sceneTimeline.shownTrainer.network
        let classes = network.layerSizes[network.layerSizes.count - 1]
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (p, y) in zip(network.predict(batch: data.inputs), data.targets) {
            counts[Classification.classOf(y)][Classification.classOf(p)] += 1
        }
        return (file.testData == nil ? .training : .test, counts)
    }

    /// The per-layer gradient norms for the `gradients` focus (nil before the first step).
    public var gradientNorms: [Double]? { sceneTimeline.currentTrace.map(GradientNorms.perLayer) }
}
