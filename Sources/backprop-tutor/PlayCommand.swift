import ArgumentParser
import BackpropEngine
import Foundation
import TerminalBackend
import TerminalUI
import TutorFiles

enum PlayDatasetName: String, ExpressibleByArgument, CaseIterable {
    case xor, circle, gaussians, spiral, moons, iris, digits

    var source: PlayDataSource {
        if let toy = ToyDataset(rawValue: rawValue) { return .toy(toy) }
        return .builtin(BuiltinSet(rawValue: rawValue)!)
    }
}

enum PlayPresetName: String, ExpressibleByArgument, CaseIterable {
    case compare
}

enum PlayActivationName: String, ExpressibleByArgument, CaseIterable {
    case sigmoid, tanh, relu
    case leakyRelu = "leaky-relu"
    case identity
}

struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The playground: change the network, the data and the training, and watch it learn.",
        discussion: """
            2-D sets (xor, circle, gaussians, spiral, moons) are generated from the seed and drawn \
            as a heatmap of the network's output; iris and digits are shipped with the program; \
            --data reads any CSV of numbers, or MNIST's IDX images (optionally .gz) with their labels \
            (--labels, found by MNIST's file names when not given). Keys: space play/pause, n one epoch, r reset, arrows \
            change settings, c compare, d the compare preset of deep networks, i step in, s save, ? help, q quit.
            """
    )

    @Option(help: "A data set: \(PlayDatasetName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset: PlayDatasetName = .spiral

    @Option(help: "A CSV file of numbers (header optional), or IDX images (MNIST, .gz too), instead of --dataset.")
    var data: String?

    @Option(help: ArgumentHelp("The IDX labels of --data's images (default: by MNIST's names, train-labels-idx1-ubyte beside train-images-idx3-ubyte).",
                               valueName: "file"))
    var labels: String?

    @Option(name: .customLong("target-column"), help: "0-based column of the target in --data (default: the last).")
    var targetColumn: Int?

    @Option(help: "Noise of the 2-D sets (standard deviation, 0…0.5 is useful).")
    var noise: Double = 0.1

    @Option(name: .customLong("test-fraction"), help: "Share of the samples kept aside as test data.")
    var testFraction: Double = 0.2

    @Option(help: "Seed of the data, the initial weights and the shuffling.")
    var seed: UInt64 = 1

    @Option(help: "Hidden layer sizes, e.g. \"8,8\" or \"10x8\" (ten layers of 8; at most 12 layers; \"\" for none).")
    var layers: String = "8,8"

    @Option(help: "Activation of the hidden layers.")
    var activation: PlayActivationName = .tanh

    @Option(help: "Optimizer, with its default settings.")
    var optimizer: OptimizerName = .adam

    @Option(name: .customLong("learning-rate"), help: "Learning rate η.")
    var learningRate: Double = 0.03

    @Option(name: .customLong("batch-size"), help: "Samples per update (0: the whole training set).")
    var batchSize: Int = 32

    @Option(help: ArgumentHelp("compare: the compare preset (key d): 10 sigmoid hidden layers on the spiral, trained plain and with each cure for vanishing gradients side by side.",
                               valueName: "preset"))
    var preset: PlayPresetName?

    @Flag(name: .customLong("benchmark"), help: .hidden)
    var benchmark = false

    @OptionGroup var screenOptions: ScreenOptions
    @ParentCommand var root: BackpropTutor
    var screen: ScreenOptions { screenOptions.over(root.common) }

    func validate() throws {
        guard noise >= 0 && noise <= 2 else { throw ValidationError("--noise must be between 0 and 2, got \(noise)") }
        guard testFraction >= 0 && testFraction < 0.95 else {
            throw ValidationError("--test-fraction must be at least 0 and below 0.95, got \(testFraction)")
        }
        guard learningRate > 0 && learningRate.isFinite else {
            throw ValidationError("--learning-rate must be a positive number, got \(learningRate)")
        }
        guard batchSize >= 0 else { throw ValidationError("--batch-size must be 0 or more, got \(batchSize)") }
        if let targetColumn, targetColumn < 0 { throw ValidationError("--target-column must be 0 or more") }
        if targetColumn != nil && data == nil { throw ValidationError("--target-column goes with --data FILE.csv") }
        if labels != nil && data == nil { throw ValidationError("--labels goes with --data IMAGES (IDX files)") }
        _ = try hiddenSizes()
    }

    func hiddenSizes() throws -> [Int] {
        switch HiddenLayersText(layers) {
        case .sizes(let sizes): return sizes
        case .tooMany(let n):
            throw ValidationError("--layers: at most \(PlaySettings.maxHiddenLayers) hidden layers, got \(n) in \"\(layers)\"")
        case .notSizes:
            throw ValidationError("--layers must be sizes from 1 to \(PlaySettings.maxNeurons) separated by commas, "
                + "e.g. \"8,8\" or \"10x8\" (ten layers of 8); got \"\(layers)\"")
        }
    }

    /// The settings and the data table from the options; a bad CSV is reported here (file:line,
    /// exit code 2), before the terminal is touched.
    func settingsAndTable() throws -> (PlaySettings, PlayTable?) {
        var settings = PlaySettings(source: try dataSource())
        settings.noise = noise
        settings.testFraction = testFraction
        settings.seed = seed
        settings.hidden = try hiddenSizes()
        settings.activation = Activation(rawValue: activation.rawValue)!
        settings.optimizer = optimizer.optimizer
        settings.learningRate = learningRate
        settings.batchSize = batchSize
        if preset == .compare { settings.applyDeepPreset() }
        var table: PlayTable?
        switch settings.source {
        case .csv(let path, let column):
            table = try Self.loadTable(path, rows: "data rows") { try PlayTable.load(path: path, targetColumn: column) }
        case .idx(let images, let labels):
            table = try Self.loadTable(images, rows: "images") { try PlayTable.loadIDX(images: images, labels: labels) }
        case .builtin(let set): table = PlayTable.builtin(set)
        case .toy: break
        }
        return (settings, table)
    }

    /// A data file's table, or its error on stderr and exit code 2; a split needs 2 rows at least.
    private static func loadTable(_ name: String, rows: String, _ load: () throws -> PlayTable) throws -> PlayTable {
        let table: PlayTable
        do {
            table = try load()
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        if table.features.count < 2 {
            printError("\(name): needs at least 2 \(rows), has \(table.features.count)")
            throw ExitCode(2)
        }
        return table
    }

    /// --dataset, or --data: a CSV file, or IDX images (told apart by their first bytes) and their labels.
    func dataSource() throws -> PlayDataSource {
        guard let data else { return dataset.source }
        guard IDXData.isIDX(path: data) else {
            if labels != nil { throw ValidationError("--labels goes with IDX images; \(data) is not an IDX file") }
            return .csv(path: data, targetColumn: targetColumn)
        }
        if targetColumn != nil { throw ValidationError("--target-column is for CSV files; \(data) is an IDX file") }
        let found = labels ?? IDXData.labelsPath(forImages: data)
        guard let found, FileManager.default.fileExists(atPath: found) else {
            printError("\(data): IDX images need their labels: give --labels FILE"
                + (found.map { " (looked for \($0))" } ?? ""))
            throw ExitCode(2)
        }
        let absolute = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.path }
        return .idx(images: absolute(data), labels: absolute(found))
    }

    func run() throws {
        let (settings, table) = try settingsAndTable()
        if benchmark {
            runPlayBenchmark()
            return
        }
        // the engine checks the network before the terminal is touched
        var model: PlayModel
        do {
            model = try PlayModel(settings: settings, table: table, width: 80, height: 24, unicode: !screen.ascii,
                                  theme: screen.chosenTheme(), language: screen.language,
                                  compare: preset == .compare ? .deep : nil)
        } catch {
            printError("backprop-tutor: \(error)")
            throw ExitCode(2)
        }
        let terminal = try startTerminal(screen)
        defer { terminal.stop() }
        let size = terminal.size
        (model.width, model.height) = (size.width, size.height)
        model.unicode = terminal.isUTF8 && !screen.ascii
        model.theme = terminal.theme
        runPlayLoop(terminal, model: &model, language: screen.language)
    }
}
