import BackpropEngine
import TutorFiles

/// What the playground learns from.
public enum PlayDataSource: Equatable, Sendable {
    /// a 2-D two-class set generated from the seed
    case toy(ToyDataset)
    /// a data set shipped with the program
    case builtin(BuiltinSet)
    /// a CSV file of numbers given on the command line
    case csv(path: String, targetColumn: Int?)
    /// MNIST's IDX images and labels given on the command line (absolute paths)
    case idx(images: String, labels: String)

    public var name: String {
        switch self {
        case .toy(let t): return t.rawValue
        case .builtin(let b): return b.rawValue
        case .csv(let path, _), .idx(let path, _): return String(path.split(separator: "/").last ?? Substring(path))
        }
    }

    /// Whether the noise setting changes the data.
    public var hasNoise: Bool { if case .toy = self { return true } else { return false } }
}

/// The real data sets that travel with the program (lessons/data).
public enum BuiltinSet: String, CaseIterable, Sendable {
    case iris, digits
    var fileName: String { "data/\(rawValue).csv" }
    /// iris: standardized columns; digits: pixels 0…16 to 0…1
    var scale: String { self == .iris ? "standard" : "minmax" }
}

/// What the outputs mean.
public enum PlayTask: Equatable, Sendable {
    /// two classes in the plane: one sigmoid output, the probability of class 1
    case plane
    /// class indices as one-hot targets
    case classes(Int)
    /// one number per sample
    case regression

    public var outputSize: Int {
        if case .classes(let n) = self { return n }
        return 1
    }

    /// The losses that make sense, the default first.
    public var losses: [Loss] {
        switch self {
        case .plane: return [.bce, .mse]
        case .classes: return [.crossEntropy, .mse]
        case .regression: return [.mse, .halfSSE]
        }
    }
}

/// Every setting the student can change. Some apply while training runs (`liveConfig`), the
/// others rebuild the network and the data.
public struct PlaySettings: Equatable, Sendable {
    public var source: PlayDataSource
    public var noise = 0.1
    public var testFraction = 0.2
    public var seed: UInt64 = 1
    public var hidden: [Int] = [8, 8]
    public var activation: Activation = .tanh
    /// Skip connections between every two consecutive hidden layers of equal width (a = f(z) + a_prev).
    public var residual = false
    /// Batch normalization of every hidden layer's weighted sums (the engine's BatchNorm).
    public var batchNorm = false
    public var loss: Loss = .bce
    public var optimizer: Optimizer = Optimizer.defaultAdam
    public var learningRate = 0.03
    /// 0: the whole training set
    public var batchSize = 32
    public var l2 = 0.0
    /// Epochs per second at most (nil: as fast as the engine goes).
    public var speed: Double? = 100
    /// Points generated for a toy set (training and test together).
    public var toyCount = 240

    public init(source: PlayDataSource) {
        self.source = source
    }

    /// The output layer's activation, from the loss and the task.
    public func outputActivation(for task: PlayTask) -> Activation {
        switch loss {
        case .bce: return .sigmoid
        case .crossEntropy: return .softmax
        case .mse, .halfSSE: return task == .regression ? .identity : .sigmoid
        }
    }

    /// The initial network's description (seeded random weights).
    public func spec(inputs: Int, task: PlayTask) -> NetworkSpec {
        let sizes = [inputs] + hidden + [task.outputSize]
        let acts = [Activation](repeating: activation, count: hidden.count) + [outputActivation(for: task)]
        let initialization: WeightInit = activation == .relu || activation == .leakyRelu ? .he : .xavier
        var spec = NetworkSpec(layerSizes: sizes, activations: acts, initialization: initialization, seed: seed)
        if residual { spec.residual = ResidualSkip.consecutive(sizes) }
        if batchNorm && !hidden.isEmpty { spec.batchNorm = Array(1...hidden.count) }
        return spec
    }

    /// The training settings (all of them can change between epochs).
    public var config: TrainingConfig {
        TrainingConfig(loss: loss, reduction: .mean, optimizer: optimizer, learningRate: learningRate,
                       batchSize: batchSize, shuffle: true, epochs: 1000, weightDecay: l2, shuffleSeed: seed)
    }

    /// The deepest network the playground trains and draws (12 hidden layers: 13 bars fit a screen).
    public static let maxHiddenLayers = 12
    /// The widest typed hidden layer (← → step up to 128).
    public static let maxNeurons = 512

    static let optimizers: [Optimizer] = [.sgd, .momentum(mu: Optimizer.defaultMomentum), Optimizer.defaultAdam]
    static let activations: [Activation] = [.sigmoid, .tanh, .relu, .leakyRelu, .identity]
    static let learningRates: [Double] = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]
    static let batchSizes = [1, 4, 8, 16, 32, 64, 128, 0]
    static let l2s: [Double] = [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1]
    static let noises: [Double] = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5]
    static let fractions: [Double] = [0, 0.1, 0.2, 0.3, 0.4, 0.5]
    static let speeds: [Double?] = [1, 5, 20, 100, 500, 2000, nil]
}

/// The next value of a list after (step > 0) or before `current`, by nearest position.
func stepped<T: Equatable>(_ list: [T], from current: T, by step: Int) -> T {
    let k = list.firstIndex(of: current) ?? 0
    return list[min(max(k + step, 0), list.count - 1)]
}

/// The same for numbers not on the list: the first list value above (or below) `current`.
func steppedNumber(_ list: [Double], from current: Double, by step: Int) -> Double {
    if list.contains(current) { return stepped(list, from: current, by: step) }
    if step > 0 { return list.first { $0 > current } ?? list.last! }
    return list.last { $0 < current } ?? list.first!
}

/// Hidden layer sizes as typed: "8,8,4", "10x8" (ten layers of 8), "none" or nothing.
public enum HiddenLayersText: Equatable, Sendable {
    case sizes([Int])
    /// more than `PlaySettings.maxHiddenLayers` layers (how many were asked for)
    case tooMany(Int)
    case notSizes

    public init(_ text: String) {
        let t = text.filter { $0 != " " }.lowercased()
        if t.isEmpty || t == "none" { self = .sizes([]); return }
        var sizes: [Int] = []
        for part in t.split(separator: ",", omittingEmptySubsequences: false) {
            // "10x8" or "10×8": ten layers of 8 neurons
            let pieces = part.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "x" || $0 == "×" })
            let count = pieces.count == 2 ? Int(pieces[0]) : 1
            guard pieces.count <= 2, let count, count >= 1, let n = Int(pieces[pieces.count - 1]),
                  n >= 1, n <= PlaySettings.maxNeurons else { self = .notSizes; return }
            guard sizes.count + count <= PlaySettings.maxHiddenLayers else {
                self = .tooMany(min(sizes.count + count, 1_000_000))
                return
            }
            sizes += [Int](repeating: n, count: count)
        }
        self = .sizes(sizes)
    }

    /// The sizes as the settings show them: "8,8,4", or "10×8" for runs of equal layers when the
    /// list is long (ASCII "10x8").
    public static func format(_ sizes: [Int], unicode: Bool = true) -> String {
        let plain = sizes.map(String.init).joined(separator: ",")
        guard plain.count > 15 else { return plain }
        var groups: [(count: Int, size: Int)] = []
        for n in sizes {
            if let last = groups.last, last.size == n { groups[groups.count - 1].count += 1 } else { groups.append((1, n)) }
        }
        return groups.map { $0.count == 1 ? String($0.size) : "\($0.count)\(unicode ? "×" : "x")\($0.size)" }
            .joined(separator: ",")
    }
}
