import Foundation

/// Where a student is in one lesson: saved between runs, so that the lesson resumes there.
public struct LessonProgress: Codable, Equatable, Sendable {
    /// The scene shown last (from 0).
    public var scene: Int
    /// The furthest scene reached.
    public var furthestScene: Int
    /// Quizzes by scene index (as a string, for JSON).
    public var quizzes: [String: QuizRecord]
    /// Whether the last scene was reached.
    public var completed: Bool
    /// When it was saved (set by `ProgressStore`).
    public var updated: Date?

    public init(scene: Int = 0, furthestScene: Int = 0, quizzes: [String: QuizRecord] = [:],
                completed: Bool = false, updated: Date? = nil) {
        self.scene = scene
        self.furthestScene = furthestScene
        self.quizzes = quizzes
        self.completed = completed
        self.updated = updated
    }

    /// Both runs' work: quizzes from both (this one's on a conflict), the furthest scene of both.
    public func merged(with older: LessonProgress) -> LessonProgress {
        var out = self
        out.quizzes = older.quizzes.merging(quizzes) { _, mine in mine }
        out.furthestScene = max(furthestScene, older.furthestScene)
        out.completed = completed || older.completed
        return out
    }
}

/// One quiz: the hint asked for, and the answer given (once answered).
public struct QuizRecord: Codable, Equatable, Sendable {
    public var hintUsed: Bool
    /// What the student typed, once the quiz is answered.
    public var answer: String?
    /// nil until answered.
    public var correct: Bool?

    public init(hintUsed: Bool = false, answer: String? = nil, correct: Bool? = nil) {
        self.hintUsed = hintUsed
        self.answer = answer
        self.correct = correct
    }

    public var isAnswered: Bool { correct != nil }
}

/// Quizzes answered right, answered, and asked in the lesson.
public struct Score: Equatable, Sendable, Codable {
    public var correct: Int
    public var answered: Int
    public var total: Int

    public init(correct: Int, answered: Int, total: Int) {
        self.correct = correct
        self.answered = answered
        self.total = total
    }
}

extension Lesson {
    /// The saved quiz records that belong to this lesson's quizzes, by scene index: a record for
    /// a scene that does not exist or asks nothing (the lesson was edited since) is ignored.
    public func quizRecords(in progress: LessonProgress) -> [Int: QuizRecord] {
        var out: [Int: QuizRecord] = [:]
        for (key, record) in progress.quizzes {
            if let k = Int(key), scenes.indices.contains(k), scenes[k].quiz != nil { out[k] = record }
        }
        return out
    }

    /// Right, answered and asked, from this lesson's own quizzes only (never above `quizCount`).
    public func score(_ records: [Int: QuizRecord]) -> Score {
        let answered = records.filter { scenes.indices.contains($0.key) && scenes[$0.key].quiz != nil && $0.value.isAnswered }
        return Score(correct: answered.values.filter { $0.correct == true }.count, answered: answered.count, total: quizCount)
    }
}
