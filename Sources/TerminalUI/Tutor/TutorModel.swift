import BackpropEngine
import EventWords
import NetworkNaming
import TutorFiles

/// Everything the tutor screen shows, as one value. `update` changes it; `view` draws it.
public struct TutorModel: Sendable {
    public var title: String
    /// What rebuilds the network when the architecture or the seed changes.
    public var spec: NetworkSpec
    public var timeline: Timeline
    /// The trainer the tutor started from (for restart).
    public var initialTrainer: Trainer
    public var granularity: Timeline.Granularity = .event
    public var autoplay = false
    /// Index into `autoplaySpeeds`.
    public var speedIndex = 2
    public var width: Int
    public var height: Int
    public var language: Language
    public var unicode: Bool
    public var theme: Theme
    public var overlay: Overlay?
    /// nil: chosen from the data (log when the loss falls over two decades)
    public var logScale: Bool?
    /// A one-line message in the key line, until the next key.
    public var status: String?
    public var quit = false
    /// The layer view (`v`): each step as one matrix operation of the batch.
    public var layerView = false
    /// NumPy lines in the names of the article's XOR program (the file's `numpy_names = "article"`).
    public var numpyArticle = false
    /// Values not shown yet (a lesson's pending quiz asks for them): drawn as "?".
    public var hidden = HiddenValues()
    /// A lesson's scene speaks of its update as a whole (the narration quotes the update's loss
    /// from its first event on), so the loss curve ends at that loss without waiting for the loss
    /// event; the tutor's own stepping adds it at the loss event.
    public var wholeUpdateShown = false

    public enum Overlay: Sendable, Equatable {
        case help
        /// `e`: the epochs typed so far ("" shows the default)
        case skipPrompt(String)
        /// `G`: where to go, as typed ("epoch 500", "u 12")
        case goToPrompt(String)
        case settings(SettingsForm)
    }

    /// Epochs `e` trains when Enter is pressed without typing a number.
    public static let defaultSkip = 1000

    /// Seconds between autoplay steps.
    public static let autoplaySpeeds: [Double] = [3, 2, 1, 0.5, 0.25, 0.1, 0.05]

    /// Throws when the trainer's steps are too large to record (`Trainer.checkRecording`).
    public init(title: String, spec: NetworkSpec, trainer: Trainer, width: Int, height: Int,
                language: Language, unicode: Bool, theme: Theme) throws(EngineError) {
        self.init(title: title, spec: spec, timeline: try Timeline(trainer: trainer), initialTrainer: trainer,
                  width: width, height: height, language: language, unicode: unicode, theme: theme)
    }

    /// A model on a timeline made already; `initialTrainer` is where restart goes back to.
    public init(title: String, spec: NetworkSpec, timeline: Timeline, initialTrainer: Trainer, width: Int, height: Int,
                language: Language, unicode: Bool, theme: Theme) {
        self.title = title
        self.spec = spec
        self.timeline = timeline
        self.initialTrainer = initialTrainer
        self.width = width
        self.height = height
        self.language = language
        self.unicode = unicode
        self.theme = theme
    }

    /// A model for a loaded network file. The file was checked when it was read; an engine
    /// error comes back as file:line.
    public init(file: NetworkFile, width: Int, height: Int, language: Language, unicode: Bool,
                theme: Theme) throws(FileError) {
        self.init(file: file, timeline: try file.timeline(), width: width, height: height, language: language,
                  unicode: unicode, theme: theme)
    }

    /// The same on the file's timeline made already (`NetworkFile.timeline()`, before the terminal starts).
    public init(file: NetworkFile, timeline: Timeline, width: Int, height: Int, language: Language, unicode: Bool,
                theme: Theme) {
        self.init(title: file.title, spec: file.spec, timeline: timeline, initialTrainer: timeline.live,
                  width: width, height: height, language: language, unicode: unicode, theme: theme)
        numpyArticle = file.articleNumPyNames
    }

    public var text: UIText { UIText(language) }

    /// The words for events of the network on screen, with formulas wrapped at `width`.
    func words(width: Int) -> EventWords {
        let trainer = timeline.shownTrainer
        var words = EventWords(network: trainer.network, language: language, ascii: !unicode,
                               naming: NetworkNaming(trainer: trainer))
        words.width = max(20, width)
        return words
    }

    public var autoplayInterval: Double { Self.autoplaySpeeds[speedIndex] }

    /// Smallest screen the tutor lays out.
    public static let minimumWidth = 80
    public static let minimumHeight = 24
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
}

/// The small form behind `c`: the settings that can change while the tutor runs.
public struct SettingsForm: Sendable, Equatable {
    public enum Field: Int, CaseIterable, Sendable { case learningRate, optimizer, activation, hidden, seed }

    public var selected: Field = .learningRate
    public var learningRate: String
    public var optimizer: Optimizer
    public var activation: Activation
    public var hidden: String
    public var seed: String

    public init(config: TrainingConfig, spec: NetworkSpec) {
        learningRate = Self.format(config.learningRate)
        optimizer = config.optimizer
        activation = spec.activations.count > 1 ? spec.activations[0] : spec.outputActivation
        hidden = spec.layerSizes.dropFirst().dropLast().map(String.init).joined(separator: ",")
        seed = String(spec.seed)
    }

    static func format(_ x: Double) -> String {
        var s = String(x)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    static let optimizers: [Optimizer] = [.sgd, .momentum(mu: Optimizer.defaultMomentum), Optimizer.defaultAdam]
    static let activations: [Activation] = [.sigmoid, .tanh, .relu, .leakyRelu, .identity]
}

/// Values the panels draw as "?" until a lesson's quiz about them is answered.
public struct HiddenValues: Sendable, Equatable {
    public var activations: Set<NeuronRef> = []
    public var deltas: Set<NeuronRef> = []
    public var gradients: Set<ParameterRef> = []
    public var newValues: Set<ParameterRef> = []
    public var loss = false

    public init() {}
}
