/// The tutor's own words around lessons and quizzes, in English and Japanese.
public enum LessonStrings {
    public static func correct(_ l: LessonLanguage) -> String { l == .en ? "Right!" : "正解です！" }
    public static func wrong(_ l: LessonLanguage) -> String { l == .en ? "Not quite." : "残念、不正解です。" }

    /// "The answer is 0.0822." / "答えは 0.0822 です。"; a choice or a sign ends in a full-width
    /// bracket and meets です without a space: "答えは c)「0.5 から 1 の間」です。", "答えは −（負）です。"
    public static func answerIs(_ answer: String, _ l: LessonLanguage) -> String {
        if l == .en { return "The answer is \(answer)." }
        let closed = answer.last.map { "」）』".contains($0) } ?? false
        return "答えは \(answer)" + (closed ? "" : " ") + "です。"
    }

    /// The verdict line: "Not quite. The answer is 0.0822." / "残念、不正解です。答えは 0.0822 です。"
    /// (Japanese sentences follow each other without a space).
    public static func verdict(correct: Bool, expected: String, _ l: LessonLanguage) -> String {
        (correct ? Self.correct(l) : wrong(l)) + (l == .ja ? "" : " ") + answerIs(expected, l)
    }

    /// A choice as the verdict names it: "c) between 0.5 and 1" / "c)「0.5 から 1 の間」".
    public static func choice(_ letter: String, _ text: String, _ l: LessonLanguage) -> String {
        l == .en ? "\(letter)) \(text)" : "\(letter))「\(text)」"
    }

    /// What to type when the answer could not be read.
    public static func unreadable(_ kind: Quiz.Kind, choices: Int, _ l: LessonLanguage) -> String {
        let last = QuizChecker.letter(max(0, choices - 1))
        switch (kind, l) {
        case (.number, .en): return "Type a number, e.g. 0.08."
        case (.number, .ja): return "0.08 のように数を入力してください。"
        case (.sign, .en): return "Type + or −."
        case (.sign, .ja): return "+ か − を入力してください。"
        case (.choice, .en): return "Type a letter from a to \(last)."
        case (.choice, .ja): return "a〜\(last) の記号で答えてください。"
        }
    }

    /// The prompt before the input field.
    public static func prompt(_ kind: Quiz.Kind, _ l: LessonLanguage) -> String {
        switch (kind, l) {
        case (.number, .en): return "Your prediction (a number):"
        case (.number, .ja): return "予想した値（数値）："
        case (.sign, .en): return "Your prediction (+ or −):"
        case (.sign, .ja): return "予想した符号（+ か −）："
        case (.choice, .en): return "Your answer (a letter):"
        case (.choice, .ja): return "答え（記号）："
        }
    }

    public static func alreadyAnswered(_ l: LessonLanguage) -> String {
        l == .en ? "This quiz has been answered." : "このクイズは回答済みです。"
    }

    public static func noQuiz(_ l: LessonLanguage) -> String {
        l == .en ? "There is no quiz in this scene." : "この場面にクイズはありません。"
    }

    public static func noHint(_ l: LessonLanguage) -> String {
        l == .en ? "No hint for this one." : "このクイズにヒントはありません。"
    }

    public static func hintLabel(_ l: LessonLanguage) -> String { l == .en ? "Hint" : "ヒント" }

    /// "Score 3/5" / "得点 3/5"
    public static func score(_ s: Score, _ l: LessonLanguage) -> String {
        l == .en ? "Score \(s.correct)/\(s.total)" : "得点 \(s.correct)/\(s.total)"
    }

    /// "Scene 2 of 7" / "場面 2/7"
    public static func sceneCounter(_ index: Int, of count: Int, _ l: LessonLanguage) -> String {
        l == .en ? "Scene \(index + 1) of \(count)" : "場面 \(index + 1)/\(count)"
    }

    /// The sign as a student reads it.
    public static func sign(_ s: Sign, _ l: LessonLanguage) -> String {
        switch (s, l) {
        case (.positive, .en): return "+ (positive)"
        case (.positive, .ja): return "+（正）"
        case (.negative, .en): return "− (negative)"
        case (.negative, .ja): return "−（負）"
        case (.zero, .en): return "0 (zero)"
        case (.zero, .ja): return "0（ゼロ）"
        }
    }
}
