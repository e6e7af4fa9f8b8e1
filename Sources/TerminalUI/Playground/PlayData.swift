import BackpropEngine
import TutorFiles

/// A CSV table as read: features and the target column, before any split or scaling.
public struct PlayTable: Sendable, Equatable {
    public var features: [[Double]]
    public var labels: [Double]
    /// The number of classes when every label is a small whole number (0, 1, …), else nil.
    public var classes: Int?
    public var classNames: [String]?
    /// "none", "minmax" or "standard" (fitted on the training part), as the file format says
    public var scale: String
    /// Images (width × height pixels, row by row) are drawn as images: the digits and IDX files.
    public var imageSize: ImageSize? = nil

    /// Reads a CSV file: a bad row, a missing target column or an empty file is a `FileError`
    /// that names the file and the line.
    public static func load(path: String, targetColumn: Int?) throws(FileError) -> PlayTable {
        let t = try CSVData.load(path: path, targetColumn: targetColumn)
        return make(t.features, t.labels, header: t.header, scale: "standard")
    }

    /// MNIST's IDX images and labels: pixels 0…1 already, so no further scaling.
    public static func loadIDX(images: String, labels: String) throws(FileError) -> PlayTable {
        let samples = try IDXData.load(images: images, labels: labels)
        var table = make(samples.pixels, samples.labels.map(Double.init), header: nil, scale: "none")
        table.imageSize = ImageSize(width: samples.columns, height: samples.rows)
        return table
    }

    /// A data set shipped with the program.
    public static func builtin(_ set: BuiltinSet) -> PlayTable {
        let text = BuiltinLessons.text(set.fileName) ?? ""
        guard let t = try? CSVData.parse(text, path: "lessons/" + set.fileName) else {
            preconditionFailure("the built-in \(set.fileName) does not parse")
        }
        var table = make(t.features, t.labels, header: t.header, scale: set.scale)
        if set == .digits { table.imageSize = ImageSize(width: 8, height: 8) }
        return table
    }

    static func make(_ features: [[Double]], _ labels: [Double], header: [String]?, scale: String) -> PlayTable {
        let whole = labels.allSatisfy { $0 >= 0 && $0 == $0.rounded() && $0 < 100 }
        let top = Int(labels.max() ?? 0)
        let classes = whole && top >= 1 ? top + 1 : nil
        var names = header.flatMap { CSVData.classNames(fromHeader: $0, featureCount: features.first?.count ?? 0) }
        if names?.count != classes { names = nil }
        return PlayTable(features: features, labels: labels, classes: classes, classNames: names, scale: scale)
    }
}

/// The size of the images a data set holds.
public struct ImageSize: Sendable, Equatable {
    public var width: Int
    public var height: Int
}

/// The data the playground trains on now: the training and test parts, and what they mean.
public struct PlayData: Sendable {
    public var train: Dataset
    /// Empty when the test fraction is 0.
    public var test: Dataset
    public var task: PlayTask
    public var classNames: [String]?
    /// The samples are images of this size (drawn as images)
    public var imageSize: ImageSize?
    public var isDigits: Bool { imageSize != nil }
    public var inputSize: Int { train.inputs.first?.count ?? 0 }
    public var isPlane: Bool { task == .plane }

    /// The data for these settings: generated for a toy set, else split and scaled from `table`
    /// exactly as a network file with the same `seed`, `test_fraction` and `scale` is.
    public static func make(_ settings: PlaySettings, table: PlayTable?) -> PlayData {
        switch settings.source {
        case .toy(let kind):
            let (train, test) = ToyDataset.generate(kind, count: settings.toyCount, noise: settings.noise,
                                                    seed: settings.seed, testFraction: settings.testFraction)
            return PlayData(train: train, test: test, task: .plane, classNames: nil, imageSize: nil)
        case .builtin, .csv, .idx:
            let t = table ?? PlayTable(features: [[0]], labels: [0], classes: nil, classNames: nil, scale: "none")
            let task: PlayTask = t.classes.map { .classes($0) } ?? .regression
            let targets = t.labels.map { label -> [Double] in
                guard case .classes(let n) = task else { return [label] }
                var row = [Double](repeating: 0, count: n)
                row[Int(label)] = 1
                return row
            }
            var classes: Int?
            if case .classes(let n) = task { classes = n }
            let (train, test) = splitAndScale(t.features, targets, classes: classes, fraction: settings.testFraction,
                                              seed: settings.seed, scale: t.scale)
            return PlayData(train: train, test: test, task: task, classNames: t.classNames,
                            imageSize: t.imageSize)
        }
    }

    /// The same arithmetic as the file loader's `test_fraction` and `scale`.
    static func splitAndScale(_ inputs: [[Double]], _ targets: [[Double]], classes: Int?, fraction: Double,
                              seed: UInt64, scale: String) -> (Dataset, Dataset) {
        var train = Dataset(inputs: inputs, targets: targets, classCount: classes)
        var test = Dataset(inputs: [], targets: [], classCount: classes)
        let n = inputs.count
        if fraction > 0 && n > 1 {
            let testCount = min(n - 1, max(1, Int((Double(n) * fraction).rounded())))
            (train, test) = DataPreparation.split(inputs, targets, classes: classes, testCount: testCount, seed: seed)
        }
        guard scale != "none" else { return (train, test) }
        let (scaledTrain, scaledTest) = DataPreparation.scale(train: train, test: test, standard: scale == "standard")
        return (scaledTrain, scaledTest ?? test)
    }
}
