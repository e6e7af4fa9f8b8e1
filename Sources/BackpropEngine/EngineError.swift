/// Why the engine refused what it was given. Every public entry point that takes sizes, weights,
/// settings or data checks them and throws one of these instead of trapping (or writing through
/// a raw pointer out of bounds). The file loader maps each case to a `file:line` in its own words.
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    // sizes
    case layerCount(Int)
    case layerSize(layer: Int, size: Int)
    /// over `NetworkSize.maxParameters`; count and bytes in floating point (they may not fit an Int)
    case tooManyParameters(layerSizes: [Int], count: Double, bytes: Double)
    /// over `NetworkSize.maxActivationsPerBatch`
    case tooManyActivations(layerSizes: [Int], batch: Int, count: Double, bytes: Double)
    /// over `NetworkSize.maxRecordedStepBytes`
    case recordedStepTooLarge(layerSizes: [Int], batch: Int, bytes: Double)
    // residual connections (Residual.swift)
    /// a skip that does not join two hidden layers (1 … hiddenLayers), from a lower to a higher one
    case residualLayers(from: Int, to: Int, hiddenLayers: Int)
    /// a skip between layers of different widths
    case residualWidth(from: Int, to: Int, fromSize: Int, toSize: Int)
    /// a second skip into or out of one layer
    case residualShared(from: Int, to: Int)
    // shapes (`Network.init`); layers and matrices counted from 0 like `weights[l]`
    case activationCount(expected: Int, got: Int)
    /// softmax on layer `layer` (1 = the first hidden layer), which is not the output layer
    case softmaxNotOutput(layer: Int)
    case leakySlope(Double)
    case weightLayers(expected: Int, got: Int)
    case weightRows(layer: Int, expected: Int, got: Int)
    case weightColumns(layer: Int, row: Int, expected: Int, got: Int)
    case biasLayers(expected: Int, got: Int)
    case biasCount(layer: Int, expected: Int, got: Int)
    /// a weight or bias that is infinite or not a number
    case nonFinite(ParameterRef)
    // batch normalization (BatchNorm.swift)
    /// a layer that is not hidden
    case batchNormLayer(layer: Int, hiddenLayers: Int)
    /// training batches of one sample: the batch variance would be 0
    case batchNormNeedsBatch
    // training settings and data (`TrainingConfig.check`)
    case learningRate(Double)
    case batchSize(Int)
    case epochs(Int)
    case clipNorm(Double)
    case weightDecay(Double)
    /// momentum, beta1, beta2 (each in [0, 1)) or epsilon (above 0)
    case optimizerParameter(name: String, value: Double)
    case lossNeedsOutput(loss: Loss, needed: Activation, got: Activation)
    case softmaxNeedsCrossEntropy(loss: Loss)
    case noTrainingData
    case inputWidth(part: DataPart, sample: Int, expected: Int, got: Int)
    case targetWidth(part: DataPart, sample: Int, expected: Int, got: Int)
    /// bce: a target below 0 or above 1
    case targetsOutsideZeroOne(part: DataPart, sample: Int)
    /// cross-entropy: a target row with a negative value or not summing to 1
    case targetsNotDistributions(part: DataPart, sample: Int)

    public var description: String {
        switch self {
        case .layerCount(let n):
            return "a network needs at least 2 layers (the input and the output layer), got \(n)"
        case .layerSize(let l, let n):
            return "layer \(l) must have at least 1 neuron, got \(n)"
        case .tooManyParameters(let sizes, let count, let bytes):
            return "a \(Self.shape(sizes)) network has \(Self.count(count)) parameters; training it would need "
                + "about \(Self.bytes(bytes)) of memory, and the limit is \(Self.count(Double(NetworkSize.maxParameters))) "
                + "parameters (about \(Self.bytes(Double(NetworkSize.maxParameters * NetworkSize.bytesPerParameter))))"
        case .tooManyActivations(let sizes, let batch, let count, let bytes):
            return "a batch of \(Self.samples(batch)) through a \(Self.shape(sizes)) network is "
                + "\(Self.count(count)) activations; it would need about \(Self.bytes(bytes)) of memory, and the limit "
                + "is \(Self.count(Double(NetworkSize.maxActivationsPerBatch))) activations (neurons × samples) per batch"
        case .recordedStepTooLarge(let sizes, let batch, let bytes):
            return "recording one update of a \(Self.shape(sizes)) network on a batch of \(Self.samples(batch)) "
                + "would need about \(Self.bytes(bytes)) of memory, and the limit for one recorded step is "
                + Self.bytes(Double(NetworkSize.maxRecordedStepBytes))
        case .residualLayers(let from, let to, let hidden):
            return "a residual connection joins two hidden layers (1 to \(hidden)), from a lower to a higher one; "
                + "got from layer \(from) to layer \(to)"
        case .residualWidth(let from, let to, let a, let b):
            return "a residual connection adds layer \(from)'s activations to layer \(to)'s, so both need the same "
                + "number of neurons; layer \(from) has \(a) and layer \(to) has \(b)"
        case .residualShared(let from, let to):
            return "each layer can have one residual connection into it and one out of it; "
                + "the connection from layer \(from) to layer \(to) is a second one"
        case .activationCount(let expected, let got):
            return "a network with \(expected) layers after the input needs \(expected) activations, got \(got)"
        case .softmaxNotOutput(let l):
            return "softmax can only be the activation of the output layer, layer \(l) is not the output layer"
        case .leakySlope(let slope):
            return "the leaky-relu slope must be a finite number, got \(slope)"
        case .weightLayers(let expected, let got):
            return "the network needs \(expected) weight matrices (one per layer after the input), got \(got)"
        case .weightRows(let l, let expected, let got):
            return "weights[\(l)] needs \(expected) rows (one per neuron of layer \(l + 1)), got \(got)"
        case .weightColumns(let l, let j, let expected, let got):
            return "weights[\(l)][\(j)] needs \(expected) values (one per neuron of layer \(l)), got \(got)"
        case .biasLayers(let expected, let got):
            return "the network needs \(expected) bias vectors (one per layer after the input), got \(got)"
        case .biasCount(let l, let expected, let got):
            return "biases[\(l)] needs \(expected) values (one per neuron of layer \(l + 1)), got \(got)"
        case .nonFinite(let ref):
            switch ref {
            case .weight(let l, let j, let i): return "weights[\(l)][\(j)][\(i)] is not a finite number"
            case .bias(let l, let j): return "biases[\(l)][\(j)] is not a finite number"
            case .scale(let l, let j): return "the batch-normalization scale γ[\(l)][\(j)] is not a finite number"
            case .shift(let l, let j): return "the batch-normalization shift β[\(l)][\(j)] is not a finite number"
            }
        case .batchNormLayer(let l, let hidden):
            return "batch normalization applies to hidden layers (1 to \(hidden)), got layer \(l)"
        case .batchNormNeedsBatch:
            return "batch normalization needs mini-batches of at least 2 samples: it normalizes each neuron's "
                + "weighted sums by their mean and variance over the batch, and one sample has variance 0"
        case .learningRate(let v):
            return "the learning rate must be a finite number greater than 0, got \(v)"
        case .batchSize(let n):
            return "the batch size must be 0 (the whole data set) or more, got \(n)"
        case .epochs(let n):
            return "training needs at least 1 epoch, got \(n)"
        case .clipNorm(let v):
            return "the clip norm must be a finite number greater than 0, got \(v)"
        case .weightDecay(let v):
            return "the weight decay must be a finite number, 0 or more, got \(v)"
        case .optimizerParameter(let name, let v):
            return name == "epsilon" ? "adam's epsilon must be a finite number greater than 0, got \(v)"
                : "\(name) must be at least 0 and less than 1, got \(v)"
        case .lossNeedsOutput(let loss, let needed, let got):
            return "loss \"\(loss.rawValue)\" needs a \(needed.rawValue) output layer, got \(got.rawValue)"
        case .softmaxNeedsCrossEntropy(let loss):
            return "a softmax output layer is trained with the cross-entropy loss, got \"\(loss.rawValue)\""
        case .noTrainingData:
            return "there is no training data (0 samples)"
        case .inputWidth(let part, let k, let expected, let got):
            return "\(part.rawValue) sample \(k) has \(got) inputs, the input layer has \(expected)"
        case .targetWidth(let part, let k, let expected, let got):
            return "\(part.rawValue) sample \(k) has \(got) targets, the output layer has \(expected)"
        case .targetsOutsideZeroOne(let part, let k):
            return "loss \"bce\" needs targets between 0 and 1, \(part.rawValue) sample \(k) has one outside"
        case .targetsNotDistributions(let part, let k):
            return "loss \"cross-entropy\" needs each target row to sum to 1 with no negative value, "
                + "\(part.rawValue) sample \(k) does not"
        }
    }

    // MARK: numbers in messages (standard library only)

    /// "2-30000-2", shortened in the middle for very deep networks.
    static func shape(_ sizes: [Int]) -> String {
        let parts = sizes.map(String.init)
        guard parts.count > 12 else { return parts.joined(separator: "-") }
        return (parts.prefix(5) + ["…"] + parts.suffix(5)).joined(separator: "-")
    }

    /// "1 sample", "2,000 samples".
    static func samples(_ n: Int) -> String { n == 1 ? "1 sample" : "\(count(Double(n))) samples" }

    /// 1,234,567 for counts that are whole numbers an Int holds; 3.7e19 beyond.
    static func count(_ x: Double) -> String {
        guard x < 1e15 else { return short(x) }
        var digits = String(Int(x))
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }

    /// 720 MB, 64.8 GB, 1.2 TB; beyond a petabyte "2.7e21 bytes".
    static func bytes(_ x: Double) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB"]
        var value = x, unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if value >= 1000 { return short(x) + " bytes" }
        let rounded = value >= 100 || unit == 0 ? value.rounded() : (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return text + " " + units[unit]
    }

    /// Two significant digits with an exponent: 3.7e19.
    private static func short(_ x: Double) -> String {
        var exponent = 0, mantissa = x
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        var m = (mantissa * 10).rounded() / 10
        if m >= 10 { m /= 10; exponent += 1 }
        return (m == m.rounded() ? String(Int(m)) : String(m)) + "e\(exponent)"
    }
}
