import BackpropEngine

/// Where in a network file each engine error is written, and what to say there: the loader runs
/// the engine's own checks and turns what they throw into `file:line: message` in the file's words.
struct EngineErrorPlace: Sendable {
    /// The keys an engine error can point at after the file is read.
    static let keys = ["network.layers", "training.batch_size", "network.residual", "network.batch_norm"]

    let path: String
    /// Line of each key of `keys` that the file has.
    let lines: [String: Int]

    init(path: String, lines: [String: Int]) {
        self.path = path
        self.lines = lines
    }

    init(_ context: ParseContext) {
        var lines: [String: Int] = [:]
        // only keys written in the file (a missing batch_size is the full batch)
        for key in Self.keys { lines[key] = context.map.keyLines[key] }
        self.init(path: context.path, lines: lines)
    }

    /// Runs engine checks, reporting what they throw at its place in the file.
    func check<T>(_ body: () throws(EngineError) -> T) throws(FileError) -> T {
        do {
            return try body()
        } catch {
            throw fileError(error)
        }
    }

    func fileError(_ error: EngineError) -> FileError {
        let (key, message) = Self.words(error, batchSizeGiven: lines["training.batch_size"] != nil)
        return FileError(path: path, line: lines[key] ?? lines["network.layers"], message: message)
    }

    /// The key to point at and the message, in the file's words.
    static func words(_ error: EngineError, batchSizeGiven: Bool) -> (key: String, message: String) {
        let batchKey = batchSizeGiven ? "training.batch_size" : "network.layers"
        switch error {
        case .layerCount(let n):
            return ("network.layers", "network.layers needs at least 2 sizes (the input and the output layer), got \(n)")
        case .layerSize(let k, let n):
            return ("network.layers", "network.layers[\(k)] must be at least 1, got \(n)")
        case .tooManyParameters:
            return ("network.layers", "network.layers: \(error)")
        case .residualLayers, .residualWidth, .residualShared:
            return ("network.residual", "network.residual: \(error)")
        case .batchNormLayer:
            return ("network.batch_norm", "network.batch_norm: \(error)")
        case .batchNormNeedsBatch:
            return (batchSizeGiven ? "training.batch_size" : "network.batch_norm", "\(error); set training.batch_size to 2 or more")
        case .tooManyActivations(let sizes, _, _, _):
            let fit = (try? NetworkSize(layerSizes: sizes))?.samplesPerBatchLimit ?? 1
            return (batchKey, "\(error); set training.batch_size to \(fit) or fewer")
        case .recordedStepTooLarge(let sizes, _, _):
            guard let fit = largestRecordableBatch(sizes) else {
                return (batchKey, "\(error); even one sample is too many, so use a smaller network "
                    + "(`train` does not record steps and can still train this one)")
            }
            return (batchKey, "\(error); to step through it, set training.batch_size to \(fit) or fewer "
                + "(`train` does not record steps and can train it as it is)")
        case .activationCount, .softmaxNotOutput, .leakySlope, .weightLayers, .weightRows,
             .weightColumns, .biasLayers, .biasCount, .nonFinite:
            // NetworkSection reports each of these at its own key first; this is the engine's second look
            return ("network.layers", "network: \(error)")
        case .learningRate, .batchSize, .epochs, .clipNorm, .weightDecay, .optimizerParameter,
             .lossNeedsOutput, .softmaxNeedsCrossEntropy:
            // TrainingSection and Compatibility report these at their keys first
            return (batchKey, "training: \(error)")
        case .noTrainingData, .inputWidth, .targetWidth, .targetsOutsideZeroOne, .targetsNotDistributions:
            // DataSection reports these at their rows first
            return ("network.layers", "data: \(error)")
        }
    }

    /// The largest batch whose recorded step is within the limit (for the worst case: trainable
    /// biases, clipping on), nil when not even one sample fits.
    private static func largestRecordableBatch(_ sizes: [Int]) -> Int? {
        guard let size = try? NetworkSize(layerSizes: sizes) else { return nil }
        func fits(_ b: Int) -> Bool {
            (size.recordedStepBytes(batch: b, biasMode: .trainable, clipping: true) ?? Int.max) <= NetworkSize.maxRecordedStepBytes
        }
        guard fits(1) else { return nil }
        var low = 1, high = 1
        while fits(high) && high < 1 << 40 { low = high; high *= 2 }
        while high - low > 1 {
            let mid = (low + high) / 2
            if fits(mid) { low = mid } else { high = mid }
        }
        return low
    }
}
