import BackpropEngine

/// The last steps of `[data]`: the seeded train/test split and the scaling of the inputs.
enum Preparation {
    static let scales = ["none", "minmax", "standard"]

    static func splitAndScale(_ r: TableReader, inputs: [[Double]], targets: [[Double]], classes: Int?,
                              seed: UInt64) throws(FileError) -> (train: Dataset, test: Dataset?) {
        let fraction = try r.number("test_fraction") ?? 0
        guard fraction >= 0 && fraction < 1 else {
            throw r.error("test_fraction", "data.test_fraction must be at least 0 and less than 1, got \(Format.number(fraction))")
        }
        let scale = try r.choice("scale", what: "scale", scales.map { ($0, $0) }) ?? "none"

        var train = Dataset(inputs: inputs, targets: targets, classCount: classes)
        var test: Dataset?
        if fraction > 0 {
            let n = inputs.count
            let testCount = max(1, Int((Double(n) * fraction).rounded()))
            guard testCount < n else {
                throw r.error("test_fraction", "data.test_fraction = \(Format.number(fraction)) leaves no training samples "
                    + "(\(n) sample\(n == 1 ? "" : "s"))")
            }
            let parts = DataPreparation.split(inputs, targets, classes: classes, testCount: testCount, seed: seed)
            train = parts.train
            test = parts.test
        }
        if scale != "none" {
            let scaler = Scaler(fitting: train.inputs, standard: scale == "standard")
            if let c = scaler.offset.indices.first(where: { !scaler.offset[$0].isFinite || !scaler.divisor[$0].isFinite }) {
                let largest = train.inputs.map { abs($0[c]) }.max() ?? 0
                throw r.error("scale", "data.scale = \"\(scale)\" cannot scale column \(c) of the inputs: its "
                    + (scale == "standard" ? "mean or variance" : "range") + " overflows (values up to \(Format.number(largest))); "
                    + (scale == "standard" ? "use scale = \"minmax\" or smaller values" : "use smaller values"))
            }
            (train, test) = DataPreparation.scale(train: train, test: test, standard: scale == "standard")
        }
        return (train, test)
    }
}

/// The seeded split and the scaling, shared by the file loader and the playground so that a saved
/// playground file loads back with the same samples on each side.
public enum DataPreparation {
    /// `testCount` samples for testing, chosen by shuffling 0..<n with SplitMix64(seed); the rest train.
    public static func split(_ inputs: [[Double]], _ targets: [[Double]], classes: Int? = nil, testCount: Int,
                             seed: UInt64) -> (train: Dataset, test: Dataset) {
        let n = inputs.count
        var order = Array(0..<n)
        var rng = SplitMix64(seed: seed)
        rng.shuffle(&order)
        let trainIndices = order[..<(n - testCount)], testIndices = order[(n - testCount)...]
        return (Dataset(inputs: trainIndices.map { inputs[$0] }, targets: trainIndices.map { targets[$0] }, classCount: classes),
                Dataset(inputs: testIndices.map { inputs[$0] }, targets: testIndices.map { targets[$0] }, classCount: classes))
    }

    /// Both sets scaled per column by a `Scaler` fitted on the training inputs.
    public static func scale(train: Dataset, test: Dataset?, standard: Bool) -> (Dataset, Dataset?) {
        let scaler = Scaler(fitting: train.inputs, standard: standard)
        var train = train
        train.inputs = train.inputs.map(scaler.apply)
        guard var test else { return (train, nil) }
        test.inputs = test.inputs.map(scaler.apply)
        return (train, test)
    }
}

/// Per-column scaling fitted on the training inputs only (so no test information leaks in).
/// minmax maps [min, max] to [0, 1]; standard subtracts the mean and divides by the standard
/// deviation (population). A constant column becomes 0.
struct Scaler {
    var offset: [Double]
    var divisor: [Double]

    init(fitting rows: [[Double]], standard: Bool) {
        let width = rows.first?.count ?? 0, n = Double(rows.count)
        offset = [Double](repeating: 0, count: width)
        divisor = [Double](repeating: 1, count: width)
        for c in 0..<width {
            let column = rows.map { $0[c] }
            let spread: Double
            if standard {
                let mean = column.reduce(0, +) / n
                offset[c] = mean
                spread = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
            } else {
                let low = column.min()!, high = column.max()!
                offset[c] = low
                spread = high - low
            }
            divisor[c] = spread > 0 ? spread : 1
        }
    }

    func apply(_ row: [Double]) -> [Double] {
        var out = row
        for c in out.indices { out[c] = (out[c] - offset[c]) / divisor[c] }
        return out
    }
}
