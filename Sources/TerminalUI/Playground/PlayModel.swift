import BackpropEngine
import EventWords
import TutorFiles

/// Everything the playground shows, as one value. `update` changes it; `view` draws it.
/// Training itself happens elsewhere (a trainer thread): it arrives here as `PlayMsg.snapshot`.
public struct PlayModel: Sendable {
    public var settings: PlaySettings
    public var data: PlayData
    /// The CSV table, when the data comes from a file or a built-in set (kept to re-split it).
    public var table: PlayTable?
    /// The file given on the command line, offered in the data cycle.
    public var fileSource: PlayDataSource?
    /// One run, or two or three in compare mode; replaced by each snapshot of this generation.
    public var runs: [PlayRun]
    /// Raised whenever the runs are rebuilt, so that late snapshots of old settings are ignored.
    public var generation = 0
    public var running = false
    /// What the runs compare, in compare mode (nil: one run).
    public var compare: PlayComparison?
    public var selected: PlayField = .learningRate
    /// Text being typed for the selected setting.
    public var editing: String?
    /// The file name being typed for saving.
    public var savePrompt: String?
    public var showHelp = false
    public var status: String?
    public var width: Int
    public var height: Int
    public var unicode: Bool
    public var theme: Theme
    /// The language of every word on the screen.
    public var language: Language
    public var quit = false

    /// Throws when the engine refuses the settings' network (too large for the data's columns, say).
    public init(settings: PlaySettings, table: PlayTable?, width: Int, height: Int, unicode: Bool, theme: Theme,
                language: Language = .en, compare: PlayComparison? = nil) throws(EngineError) {
        self.settings = settings
        self.table = table
        switch settings.source {
        case .csv, .idx: fileSource = settings.source
        case .toy, .builtin: break
        }
        data = PlayData.make(settings, table: table)
        if !data.task.losses.contains(self.settings.loss) { self.settings.loss = data.task.losses[0] }
        self.width = width
        self.height = height
        self.unicode = unicode
        self.theme = theme
        self.language = language
        self.compare = compare
        runs = []
        runs = try freshRuns()
    }

    /// The settings of each run: one, or one per compared value.
    public var variants: [(name: String, settings: PlaySettings)] {
        switch compare {
        case nil: return [("", settings)]
        case .setting(let field): return field.compareValues(settings, text: text).map { ($0.name, $0.settings) }
        case .deep: return DeepVariant.allCases.map { (text.variant($0), $0.settings(settings)) }
        }
    }

    /// New trainers at epoch 0 for the current settings (the same seeded start for every run).
    public func freshTrainers() throws(EngineError) -> [Trainer] {
        var trainers: [Trainer] = []
        for variant in variants {
            let s = variant.settings
            let network = try s.spec(inputs: data.inputSize, task: data.task).build()
            trainers.append(try Trainer(network: network, config: s.config, data: data.train,
                                        testData: data.test.count > 0 ? data.test : nil))
        }
        return trainers
    }

    func freshRuns() throws(EngineError) -> [PlayRun] { try freshTrainers().map { PlayRun(trainer: $0) } }

    /// The training settings of each run (sent to the trainer thread when they change).
    public var configs: [TrainingConfig] { variants.map(\.settings.config) }

    /// The main run (the first in compare mode).
    public var main: PlayRun { runs[0] }

    /// The spec of the current network, with its weights written out: what "step in" and saving use.
    public var currentSpec: NetworkSpec {
        var spec = settings.spec(inputs: data.inputSize, task: data.task)
        let net = main.trainer.network
        spec.explicitWeights = net.nestedWeights
        spec.explicitBiases = net.biases
        return spec
    }

    /// The words of the screen in its language.
    public var text: PlayText { PlayText(language) }

    public var title: String {
        text.playground + (unicode ? " · " : " | ") + settings.source.name
    }

    /// Smallest screen the playground lays out.
    public static let minimumWidth = 80
    public static let minimumHeight = 24
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
}
