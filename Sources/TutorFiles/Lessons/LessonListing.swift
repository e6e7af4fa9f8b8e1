/// What the lesson menu and `backprop-tutor lessons` show of a lesson, without its scenes. For
/// the built-in lessons it is written at build time (scripts/embed-lessons), so that listing them
/// parses none of them; a lesson is parsed when it is opened.
public struct LessonListing: Sendable, Equatable {
    /// The file, as `NetworkFile.path` names it ("lessons/04-chain-rule.toml" for a built-in one).
    public var path: String
    public var id: String
    public var order: Int?
    public var title: Localized
    public var summary: Localized?
    public var minutes: Int?
    public var sceneCount: Int
    /// The scenes (from 0) that ask a quiz: saved quiz records count only for these.
    public var quizScenes: [Int]

    public init(path: String, id: String, order: Int?, title: Localized, summary: Localized?, minutes: Int?,
                sceneCount: Int, quizScenes: [Int]) {
        self.path = path
        self.id = id
        self.order = order
        self.title = title
        self.summary = summary
        self.minutes = minutes
        self.sceneCount = sceneCount
        self.quizScenes = quizScenes
    }

    /// The listing of a parsed lesson file; nil for a plain network file.
    public init?(_ file: NetworkFile) {
        guard let lesson = file.lesson else { return nil }
        self.init(path: file.path, id: lesson.id, order: lesson.order, title: lesson.title, summary: lesson.summary,
                  minutes: lesson.minutes, sceneCount: lesson.scenes.count,
                  quizScenes: lesson.scenes.indices.filter { lesson.scenes[$0].quiz != nil })
    }

    public var quizCount: Int { quizScenes.count }

    /// Right, answered and asked, as `Lesson.score(_:)` counts them: only the records of this
    /// lesson's quiz scenes (a record for a scene edited away is ignored).
    public func score(_ progress: LessonProgress) -> Score {
        let answered = progress.quizzes.filter { key, record in
            Int(key).map { quizScenes.contains($0) } == true && record.isAnswered
        }
        return Score(correct: answered.values.filter { $0.correct == true }.count, answered: answered.count, total: quizCount)
    }

    /// The file's name without its folders: "04-chain-rule.toml".
    public var fileName: String { String(path.split(separator: "/").last ?? Substring(path)) }

    /// Lesson order: by `order` (lessons without one last), then by file name.
    public static func inListOrder(_ a: LessonListing, _ b: LessonListing) -> Bool {
        (a.order ?? Int.max, a.fileName) < (b.order ?? Int.max, b.fileName)
    }
}
