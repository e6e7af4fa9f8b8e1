/// Reads `[lesson]` and its `[[scene]]`s (see lessons/FORMAT.md).
enum LessonSection {
    static let keys = ["id", "title_en", "title_ja", "summary_en", "summary_ja", "minutes", "order", "compare", "compare_epochs"]

    static func read(_ r: TableReader, scenes: [TableReader], texts: LessonTexts) throws(FileError) -> Lesson {
        guard let id = try r.string("id") else { throw r.error("", "missing key \"id\" in [lesson]") }
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            throw r.error("id", "lesson.id must be lowercase letters, digits and -, got \"\(id)\"")
        }
        guard let title = try texts.pair(r, "title", what: "[lesson]", required: true) else {
            throw r.error("", "missing title_en and title_ja in [lesson]")
        }
        let summary = try texts.pair(r, "summary", what: "[lesson]", required: false)
        let minutes = try r.integer("minutes")
        if let m = minutes, m < 1 { throw r.error("minutes", "lesson.minutes must be at least 1, got \(m)") }
        let order = try r.integer("order")
        guard !scenes.isEmpty else {
            throw r.error("", "a lesson needs at least one [[scene]]")
        }
        var list: [LessonScene] = []
        for (n, scene) in scenes.enumerated() {
            list.append(try SceneSection.read(scene, number: n + 1, texts: texts))
        }
        try checkLaterAnswers(scenes, list, texts: texts)
        return Lesson(id: id, title: title, summary: summary, minutes: minutes, order: order, scenes: list)
    }

    /// A quiz's explanation and reveal come before the later quizzes of the lesson: they must not
    /// show the value a later number quiz asks for (a wrong sign answer that prints ∂E/∂w₅ would
    /// answer the quiz two scenes on), unless they are the worked answer of their own number quiz. Only
    /// quizzes up to the next scene that trains on (`by`, `epochs`, `goto`) show the same numbers.
    static func checkLaterAnswers(_ readers: [TableReader], _ scenes: [LessonScene], texts: LessonTexts) throws(FileError) {
        for (n, scene) in scenes.enumerated() {
            // a number quiz's own worked answer is its explanation, whatever later quizzes ask
            guard let quiz = scene.quiz, let table = readers[n].table["quiz"]?.tableValue else { continue }
            var later: [ValueName: Int] = [:]
            for m in (n + 1)..<max(n + 1, scenes.count) {
                // the same numbers only while the lesson stays in the same step
                if case .by = scenes[m].advance { break }
                if case .epochs = scenes[m].advance { break }
                if case .goTo = scenes[m].advance { break }
                if let q = scenes[m].quiz, q.kind == .number, let a = q.answer, later[a] == nil { later[a] = m + 1 }
            }
            guard !later.isEmpty else { continue }
            let r = readers[n]
            let q = try TableReader(r.path("quiz"), table, known: QuizSection.keys, context: r.context,
                                    label: " in the quiz of scene \(n + 1)")
            for key in ["explain_en", "explain_ja", "reveal_en", "reveal_ja"] {
                guard let text = try q.string(key) else { continue }
                for name in try texts.check(text, q, key) {
                    guard let m = later[name], !(quiz.kind == .number && quiz.answer == name) else { continue }
                    let spelled = texts.names.spelling(of: name)
                    throw texts.place("{" + spelled, q, key, "the quiz of scene \(n + 1): \(key) shows {\(spelled)}, "
                                      + "the answer of the quiz of scene \(m); say it without the number")
                }
            }
        }
    }
}
