import BackpropEngine

/// The language of a lesson's texts and of the tutor's own words.
/// (Its raw values match EventWords' `Language`: `LessonLanguage(rawValue: language.rawValue)`.)
public enum LessonLanguage: String, Sendable, CaseIterable, Codable {
    case en, ja
}

/// A text written in both languages.
public struct Localized: Sendable, Equatable {
    public var en: String
    public var ja: String

    public init(en: String, ja: String) {
        self.en = en
        self.ja = ja
    }

    public func text(_ language: LessonLanguage) -> String { language == .en ? en : ja }
}

/// A lesson: the `[lesson]` table and its `[[scene]]`s, after the network file's tables.
public struct Lesson: Sendable, Equatable {
    /// Stable name used for progress, e.g. "one-neuron".
    public var id: String
    public var title: Localized
    public var summary: Localized?
    /// Estimated minutes, for the lesson list.
    public var minutes: Int?
    /// Position in the lesson list (lower first).
    public var order: Int?
    public var scenes: [LessonScene]
    /// The runs to compare (`compare` in [lesson]), trained by `Comparison.compute`.
    public var comparison: ComparisonSpec? = nil

    /// Number of scenes that ask a quiz.
    public var quizCount: Int { scenes.filter { $0.quiz != nil }.count }
}

/// One scene: narration, what the screen focuses on, how far the engine moves when it starts,
/// and an optional quiz.
public struct LessonScene: Sendable, Equatable {
    public var title: Localized?
    /// Short paragraphs separated by blank lines; `*emphasis*`; placeholders `{grad.w5:.4f}`.
    public var narration: Localized
    public var focus: Focus
    public var advance: Advance
    public var quiz: Quiz?
    /// Line of the `[[scene]]` header in the file.
    public var line: Int
    /// `view = "layers"`: the scene opens in the layer view (each step as one matrix operation of
    /// the batch); the student switches with `v` as on the tutor screen.
    public var view: SceneView = .neurons
}

/// How a scene opens: the diagram of neurons, or the layer view's matrices.
public enum SceneView: String, Sendable, Equatable, CaseIterable {
    case neurons, layers
}

/// What the screen puts in front of the student during a scene.
public enum Focus: Sendable, Equatable {
    /// the whole network diagram (the default)
    case network
    /// one neuron: its sum and activation forward, its δ backward
    case neuron(NeuronRef)
    /// one weight or bias: its value, gradient and update
    case parameter(ParameterRef)
    /// one layer of neurons (0 is the input layer)
    case layer(Int)
    /// the loss of the current step
    case loss
    /// the loss per epoch, as a chart
    case lossCurve
    /// every weight and bias, as a table
    case parameters
    /// the update of every parameter, old → new
    case update
    /// the training data, as a table
    case data
    /// the current event's sentence and formula
    case event
    /// the L2 norm of the current step's gradient per weight layer, as bars (`GradientNorms.perLayer`)
    case gradients
    /// the loss curves of the lesson's comparison runs on one plot (`LessonPlayer.comparison`)
    case comparison
    /// per comparison run, its first update's gradient norm per weight layer, as groups of bars
    case comparisonGradients
    /// sample images with their true and predicted classes (`LessonPlayer.gallery`); `mistakes`:
    /// only the misclassified ones
    case digits(mistakes: Bool)
    /// the test samples (training samples without test data) counted by true and predicted class
    /// (`LessonPlayer.confusion()`)
    case confusion
}

/// How far the engine moves when a scene starts.
public enum Advance: Sendable, Equatable {
    /// stay where the previous scene left the engine
    case none
    /// `count` times forward by a step size ("neuron", "updates:10")
    case by(Timeline.Granularity, count: Int)
    /// forward to the first event of a phase ("to:backward"); no move when already in it
    case toPhase(StepEvent.Phase)
    /// forward to the event that computes a value ("to:grad.w5"); no move when already on it
    case toValue(ValueName)
    /// train this many epochs on the fast path, then show the next step ("epochs:1000")
    case epochs(Int)
    /// `goto = "epoch 500"` (or "update 12"): the first event of that epoch or update of the
    /// lesson's run, trained on the fast path as far as needed
    case goTo(Timeline.Target)
}

/// A question asked before a value is revealed.
public struct Quiz: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case number, sign, choice
    }

    public var kind: Kind
    public var question: Localized
    /// number and sign: the value the student predicts; choice (optional): the value the choice
    /// is about. Not shown on screen until answered.
    public var answer: ValueName?
    /// number: accepted distance from the value
    public var tolerance: Double
    /// number: how the value is shown after the answer
    public var format: ValueFormat
    /// choice: the answers offered, in order (shown as a, b, c…)
    public var choices: [Localized]
    /// choice: index (from 0) of the right one
    public var correct: Int?
    public var hint: Localized?
    /// The worked computation shown on a wrong answer; when nil the screen shows the
    /// formula of `LessonPlayer.workedEvent` (EventWords).
    public var explain: Localized?
    /// Shown after the quiz is answered, right or wrong; may show the answer's value.
    public var reveal: Localized?
    /// More values the screen does not show until the quiz is answered: those from which the
    /// answer follows in one glance (δ when the input is 1, say).
    public var hides: [ValueName] = []
    /// The values the question needs, shown beside it while it waits for the answer; when empty,
    /// those the event computing `answer` starts from.
    public var given: [ValueName] = []

    /// The answer and what it hides.
    public var hidden: [ValueName] { (answer.map { [$0] } ?? []) + hides }
}
