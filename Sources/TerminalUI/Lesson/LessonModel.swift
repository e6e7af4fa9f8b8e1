import BackpropEngine
import EventWords
import TutorFiles

/// Everything the lesson screen shows, as one value: the player (scene, engine, quizzes, score)
/// and the screen's own state around it. `update(_:_:)` changes it; `view(_:)` draws it.
public struct LessonModel: Sendable {
    public var player: LessonPlayer
    /// The text typed into the quiz's answer field.
    public var answerText = ""
    /// Whether keys go into the answer field (q types a q there).
    public var editing = false
    /// The last answer's result on this scene (nil after moving to another scene).
    public var lastResult: QuizResult?
    /// Lines of the narration scrolled past (j, k) when it does not fit.
    public var narrationScroll = 0
    /// Lines of the quiz box scrolled past (j, k) when it does not fit; nil: where it starts
    /// (the top; once answered, the verdict at the top).
    public var quizScroll: Int?
    /// The lesson's layout on narrower screens, for the size it was planned at.
    var plannedFor: (width: Int, height: Int, plan: LessonPlan)?
    public var width: Int
    public var height: Int
    public var unicode: Bool
    public var theme: Theme
    public var showHelp = false
    /// Seconds between scenes in presenter mode (`--autoplay`); nil: no autoplay.
    public var autoplayInterval: Double?
    /// Presenter mode: whether the ticks advance (paused with `a`, and at a quiz until answered).
    public var playing = false
    /// A one-line message in the key line, until the next key.
    public var status: String?
    /// q leaves the lesson (back to the menu when it came from there); Ctrl-C leaves the program.
    public var quit = false
    public var quitProgram = false
    /// The layer view (`v`, or the scene's `view = "layers"`): the focus shows the current step
    /// as one matrix operation of the batch, as the tutor screen's `v` does.
    public var layerView = false

    public init(player: LessonPlayer, width: Int, height: Int, unicode: Bool, theme: Theme,
                autoplayInterval: Double? = nil) {
        self.player = player
        self.width = width
        self.height = height
        self.unicode = unicode
        self.theme = theme
        self.autoplayInterval = autoplayInterval
        playing = autoplayInterval != nil
        enterScene()
        planLayout()
    }

    /// Plans the lesson's layout for the screen's size (once per size: it reads every scene).
    mutating func planLayout() {
        let body = lessonBody(self)
        plannedFor = (width, height, plannedLayout(player.lesson, language: language, unicode: unicode, area: body))
    }

    /// The layout for the body area `body` of this screen.
    func plan(for body: Rect) -> LessonPlan {
        var plan: LessonPlan
        if let p = plannedFor, p.width == width, p.height == height {
            plan = p.plan
        } else {
            plan = plannedLayout(player.lesson, language: language, unicode: unicode, area: body)
        }
        // the layer view's matrices need rows: the narration scrolls (j, k) if it must
        if layerView { plan.focusHeight = max(plan.focusHeight, body.height * 3 / 5) }
        return plan
    }

    public var language: LessonLanguage { player.language }
    public var text: LessonText { LessonText(player.language) }
    var eventLanguage: Language { player.language == .ja ? .ja : .en }
    public var isTooSmall: Bool { width < TutorModel.minimumWidth || height < TutorModel.minimumHeight }

    /// Whether autoplay is waiting: presenter mode, running, and not held by a pending quiz.
    public var autoplayRunning: Bool { autoplayInterval != nil && playing && !player.quizPending && !player.isLastScene }

    /// Resets the screen's state for the scene now shown: a pending quiz takes the keys.
    mutating func enterScene() {
        answerText = ""
        lastResult = nil
        narrationScroll = 0
        quizScroll = nil
        editing = player.quizPending
        layerView = player.scene.view == .layers
    }

    /// What the quiz box shows once this scene's quiz is answered: the same whether it was just
    /// answered or the student came back to it.
    var answeredResult: QuizResult? {
        guard let quiz = player.scene.quiz, let record = player.quizRecord, let correct = record.correct else { return nil }
        var copy = player
        var result = copy.answer("")
        let expected = result.expected ?? "?"
        let l = player.language
        result.outcome = correct ? .correct : .wrong
        result.message = LessonStrings.verdict(correct: correct, expected: expected, l)
        result.explanation = correct ? nil : quiz.explain.map(player.render)
        result.workedEvent = correct ? nil : player.workedEvent
        return result
    }

    /// The hint, once asked for on this scene (or in an earlier visit).
    var shownHint: String? {
        guard player.quizRecord?.hintUsed == true, let hint = player.scene.quiz?.hint else { return nil }
        return player.render(hint)
    }

    /// A tutor model standing where the lesson's engine stands, so the tutor's panels can draw it.
    var tutorModel: TutorModel {
        var m = TutorModel(title: player.lesson.title.text(player.language), spec: player.file.spec,
                           timeline: player.timeline, initialTrainer: player.sceneTimeline.shownTrainer,
                           width: width, height: height, language: eventLanguage, unicode: unicode, theme: theme)
        m.layerView = layerView
        m.numpyArticle = player.file.articleNumPyNames
        m.wholeUpdateShown = true
        // a pending quiz's value (and what gives it away) is drawn "?" until it is answered
        for name in player.hiddenValues {
            switch name {
            case .activation(let n): m.hidden.activations.insert(n)
            case .delta(let n): m.hidden.deltas.insert(n)
            case .gradient(let p): m.hidden.gradients.insert(p)
            case .newValue(let p): m.hidden.newValues.insert(p)
            case .loss, .sampleLoss: m.hidden.loss = true
            default: break
            }
        }
        return m
    }
}
