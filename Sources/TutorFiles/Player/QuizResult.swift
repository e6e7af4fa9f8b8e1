import BackpropEngine

/// What happened when the student answered.
public struct QuizResult: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case correct, wrong
        /// the text could not be read as an answer: nothing recorded, ask again
        case unreadable
        case alreadyAnswered
        case noQuiz
    }

    public var outcome: Outcome
    /// One line for the student ("Right!", "Not quite. The answer is 0.0822.", "Type + or −.").
    public var message: String
    /// The right answer as shown: "0.0822", "+ (positive)", "b) …".
    public var expected: String?
    /// The worked computation (the quiz's explain text), on a wrong answer.
    public var explanation: String?
    /// The event that computes the answer, on a wrong answer: show its formula with EventWords
    /// (`fullFormula(for:)`), below or instead of `explanation`.
    public var workedEvent: StepEvent?
    /// The quiz's reveal text, once answered (right or wrong).
    public var reveal: String?

    public var isAnswered: Bool { outcome == .correct || outcome == .wrong }
}
