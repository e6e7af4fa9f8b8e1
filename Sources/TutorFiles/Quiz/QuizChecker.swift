/// Whether an answer is right.
public enum QuizChecker {
    /// `value` is the engine's value of the quiz's `answer` (number and sign quizzes).
    public static func isCorrect(_ answer: StudentAnswer, quiz: Quiz, value: Double?) -> Bool {
        switch (quiz.kind, answer) {
        case (.number, .number(let x)):
            guard let value else { return false }
            // a little slack so that a tolerance of 0.001 accepts an answer exactly 0.001 away
            return abs(x - value) <= quiz.tolerance * (1 + 1e-9)
        case (.sign, .sign(let s)):
            guard let value else { return false }
            return s == Sign(of: value)
        case (.choice, .choice(let k)):
            return k == quiz.correct
        default:
            return false
        }
    }

    /// The letter of a choice: a, b, c…
    public static func letter(_ index: Int) -> String {
        String(Character(Unicode.Scalar(UInt8(97 + index))))
    }
}
