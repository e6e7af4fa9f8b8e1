import BackpropEngine

/// Plays a lesson without a screen: which scene is shown, where the engine is for it, the quiz
/// of the scene, and the score. A value: the screen keeps one in its model.
///
/// Each scene starts from where the previous scene started, moved by its `advance`; those start
/// points are kept, so going back shows the same numbers, and a lesson resumed at scene k shows
/// what it showed before.
public struct LessonPlayer: Sendable {
    public let file: NetworkFile
    public let lesson: Lesson
    /// The language of narration and messages.
    public var language: LessonLanguage { didSet { if language != oldValue { renderScene() } } }
    /// Write numbers with ASCII signs (-, inf) instead of − and ∞.
    public var ascii: Bool { didSet { if ascii != oldValue { renderScene() } } }
    public private(set) var sceneIndex = 0
    /// The engine for the screen: starts at `sceneTimeline` on each scene; the student may step it
    /// freely (narration and quizzes keep using `sceneTimeline`).
    public var timeline: Timeline
    /// Start point of each scene reached so far.
    private var starts: [Timeline] = []
    private let initial: Timeline
    /// The current scene's texts, rendered (by their source text in the current language).
    private var rendered: [String: String] = [:]
    /// The current scene's digit images, for the limit the screen asks.
    var cachedGallery: (limit: Int, result: (source: DigitGallery.Source, samples: [DigitSample]))? { galleryCache }
    private var galleryCache: (limit: Int, result: (source: DigitGallery.Source, samples: [DigitSample]))?
    static let galleryLimit = 24
    /// Quiz records by scene index.
    public private(set) var quizzes: [Int: QuizRecord] = [:]
    /// Scenes whose `to:` target was not reached (the engine stayed put).
    public private(set) var unreachedScenes: Set<Int> = []
    private var furthest = 0
    /// The lesson's comparison runs, trained when the player is made (nil without a compare list).
    public let comparison: Comparison?

    /// A player at the first scene, or at the scene `progress` was left at. Nil when the file has no lesson.
    /// The loader checked the file with the engine's rules; an engine error comes back as file:line.
    public init?(file: NetworkFile, language: LessonLanguage = .en, ascii: Bool = false,
                 progress: LessonProgress? = nil) throws(FileError) {
        guard let lesson = file.lesson, !lesson.scenes.isEmpty else { return nil }
        self.file = file
        self.lesson = lesson
        self.language = language
        self.ascii = ascii
        let trainer = try file.trainer()
        initial = try file.place.check { () throws(EngineError) in try Timeline(trainer: trainer) }
        comparison = try Comparison.compute(for: file)
        timeline = initial
        start()
        if let progress {
            quizzes = lesson.quizRecords(in: progress)
            furthest = min(max(progress.furthestScene, progress.scene), lesson.scenes.count - 1)
            go(to: progress.scene)
        }
    }

    // MARK: moving between scenes

    /// To the first scene, with the quizzes cleared (a fresh attempt).
    public mutating func start() {
        quizzes = [:]
        starts = []
        furthest = 0
        go(to: 0)
    }

    /// To the next scene; false at the last one.
    @discardableResult
    public mutating func nextScene() -> Bool {
        guard sceneIndex + 1 < lesson.scenes.count else { return false }
        go(to: sceneIndex + 1)
        return true
    }

    /// To the previous scene, with the numbers it showed; false at the first one.
    @discardableResult
    public mutating func previousScene() -> Bool {
        guard sceneIndex > 0 else { return false }
        go(to: sceneIndex - 1)
        return true
    }

    /// To scene `index` (clamped), replaying the advances of the scenes before it when needed.
    public mutating func go(to index: Int) {
        let target = max(0, min(index, lesson.scenes.count - 1))
        while starts.count <= target {
            let previous = starts.last ?? initial
            let (moved, reached) = SceneAdvance.apply(lesson.scenes[starts.count].advance, to: previous)
            if !reached { unreachedScenes.insert(starts.count) }
            starts.append(moved)
        }
        sceneIndex = target
        furthest = max(furthest, target)
        timeline = starts[target]
        renderScene()
    }

    /// Where the engine stood when the scene started.
    public var sceneTimeline: Timeline { starts[sceneIndex] }
    public var scene: LessonScene { lesson.scenes[sceneIndex] }
    public var isFirstScene: Bool { sceneIndex == 0 }
    public var isLastScene: Bool { sceneIndex == lesson.scenes.count - 1 }

    // MARK: texts

    /// The scene's narration with the engine's numbers.
    public func narration() -> String { render(scene.narration) }
    public func title() -> String? { scene.title.map(render) }
    public func question() -> String? { scene.quiz.map { render($0.question) } }

    /// choices as "a) …", "b) …"
    public func choices() -> [String] {
        (scene.quiz?.choices ?? []).enumerated().map { "\(QuizChecker.letter($0.offset))) " + render($0.element) }
    }

    /// The scene's text in the current language, placeholders filled from `sceneTimeline`.
    public func render(_ text: Localized) -> String {
        let source = text.text(language)
        return rendered[source] ?? Narration.render(source, timeline: sceneTimeline, ascii: ascii, comparison: comparison)
    }

    /// The scene's texts rendered once when it is entered (a screen draws them on every key, and
    /// a value such as the accuracy classifies every sample), and its digit images classified.
    private mutating func renderScene() {
        guard !starts.isEmpty else { return }
        var texts: [Localized] = [scene.narration] + (scene.title.map { [$0] } ?? [])
        if let quiz = scene.quiz {
            texts += [quiz.question] + quiz.choices + [quiz.hint, quiz.explain, quiz.reveal].compactMap { $0 }
        }
        rendered = [:]
        for text in texts {
            let source = text.text(language)
            rendered[source] = Narration.render(source, timeline: sceneTimeline, ascii: ascii, comparison: comparison)
        }
        galleryCache = nil
        if case .digits = scene.focus { galleryCache = (Self.galleryLimit, computeGallery(limit: Self.galleryLimit)) }
    }

    // MARK: the quiz

    /// The record of this scene's quiz (nil before a hint or an answer).
    public var quizRecord: QuizRecord? { quizzes[sceneIndex] }
    /// Whether the scene has a quiz that is not answered yet: the screen hides `quizValue` until then.
    public var quizPending: Bool { scene.quiz != nil && quizzes[sceneIndex]?.isAnswered != true }
    /// The value the pending quiz asks for (for the screen to hide).
    public var quizValue: ValueName? { quizPending ? scene.quiz?.answer : nil }
    /// What the screen must not show yet: the pending quiz's answer and what it hides.
    public var hiddenValues: [ValueName] { quizPending ? scene.quiz?.hidden ?? [] : [] }

    /// A value of the engine where the scene started (nil when not computed yet).
    public func value(of name: ValueName) -> Double? {
        ValueResolver.resolve(name, timeline: sceneTimeline, comparison: comparison)
    }

    /// The hint (recorded as used), or nil when the quiz has none.
    public mutating func hint() -> String? {
        guard let quiz = scene.quiz, let hint = quiz.hint else { return nil }
        if quizzes[sceneIndex]?.isAnswered != true { quizzes[sceneIndex, default: QuizRecord()].hintUsed = true }
        return render(hint)
    }

    /// The engine's value the quiz asks for.
    public var expectedValue: Double? {
        scene.quiz?.answer.flatMap { ValueResolver.resolve($0, timeline: sceneTimeline, comparison: comparison) }
    }

    /// Checks a typed answer. An unreadable one changes nothing; a right or wrong one closes the quiz.
    public mutating func answer(_ text: String) -> QuizResult {
        let l = language
        guard let quiz = scene.quiz else { return QuizResult(outcome: .noQuiz, message: LessonStrings.noQuiz(l)) }
        let expected = expectedText(quiz)
        if quizzes[sceneIndex]?.isAnswered == true {
            return QuizResult(outcome: .alreadyAnswered, message: LessonStrings.alreadyAnswered(l), expected: expected,
                              reveal: quiz.reveal.map(render))
        }
        guard let given = AnswerReader.read(text, kind: quiz.kind, choiceCount: quiz.choices.count) else {
            return QuizResult(outcome: .unreadable,
                              message: LessonStrings.unreadable(quiz.kind, choices: quiz.choices.count, l))
        }
        let right = QuizChecker.isCorrect(given, quiz: quiz, value: expectedValue)
        var record = quizzes[sceneIndex] ?? QuizRecord()
        record.answer = text
        record.correct = right
        quizzes[sceneIndex] = record
        if right {
            return QuizResult(outcome: .correct, message: LessonStrings.verdict(correct: true, expected: expected, l),
                              expected: expected, reveal: quiz.reveal.map(render))
        }
        return QuizResult(outcome: .wrong, message: LessonStrings.verdict(correct: false, expected: expected, l),
                          expected: expected, explanation: quiz.explain.map(render), workedEvent: workedEvent,
                          reveal: quiz.reveal.map(render))
    }

    /// The event computing the quiz's value, for the worked computation.
    public var workedEvent: StepEvent? {
        scene.quiz?.answer.flatMap { EventLocator.event(for: $0, timeline: sceneTimeline) }
    }

    /// The right answer as the student reads it.
    private func expectedText(_ quiz: Quiz) -> String {
        switch quiz.kind {
        case .number:
            return expectedValue.map { quiz.format.format($0, ascii: ascii) } ?? "?"
        case .sign:
            return expectedValue.map { LessonStrings.sign(Sign(of: $0), language) } ?? "?"
        case .choice:
            let k = quiz.correct ?? 0
            return LessonStrings.choice(QuizChecker.letter(k), render(quiz.choices[k]), language)
        }
    }

    // MARK: score and progress

    public var score: Score { lesson.score(quizzes) }

    /// Whether the last scene is shown and its quiz (if any) answered.
    public var isFinished: Bool { isLastScene && !quizPending }

    /// What to save to resume here.
    public var progress: LessonProgress {
        LessonProgress(scene: sceneIndex, furthestScene: furthest,
                       quizzes: Dictionary(uniqueKeysWithValues: quizzes.map { (String($0.key), $0.value) }),
                       completed: furthest == lesson.scenes.count - 1)
    }
}
