/// Reads `[scene.quiz]`.
enum QuizSection {
    static let keys = ["kind", "question_en", "question_ja", "answer", "tolerance", "format", "choices_en",
                       "choices_ja", "correct", "hint_en", "hint_ja", "explain_en", "explain_ja", "reveal_en",
                       "reveal_ja", "hides", "given"]

    static func read(_ r: TableReader, what: String, texts: LessonTexts) throws(FileError) -> Quiz {
        guard let kind = try r.choice("kind", what: "quiz kind", Quiz.Kind.allCases.map { ($0.rawValue, $0) }) else {
            throw r.error("", "\(what): missing kind (\"number\", \"sign\" or \"choice\")")
        }
        guard let question = try texts.pair(r, "question", what: what, required: true) else {
            throw r.error("", "\(what): missing question")
        }
        let isChoice = kind == .choice
        try r.reject("tolerance", unless: kind == .number, "with kind = \"number\"")
        try r.reject("format", unless: kind == .number, "with kind = \"number\"")
        for key in ["choices_en", "choices_ja", "correct"] {
            try r.reject(key, unless: isChoice, "with kind = \"choice\"")
        }
        // a choice quiz may name the value it is about: hidden until answered, worked out after
        var answer: ValueName?
        if let text = try r.string("answer") {
            switch texts.names.parse(text) {
            case .success(let v): answer = v
            case .failure(let e): throw r.error("answer", "\(what): \(e.message)")
            }
        } else if !isChoice {
            throw r.error("", "\(what): missing answer, a value such as answer = \"grad.w5\"")
        }
        let hides = try valueNames(r, "hides", what, texts)
        let given = try valueNames(r, "given", what, texts)
        for name in given where name == answer || hides.contains(name) {
            throw r.error("given", "\(what): given shows {\(texts.names.spelling(of: name))}, which the quiz hides")
        }
        let tolerance = try r.number("tolerance") ?? 0.001
        guard tolerance > 0 else { throw r.error("tolerance", "\(what): tolerance must be greater than 0") }
        var format = ValueFormat.standard
        if let spec = try r.string("format") {
            guard let f = ValueFormat(spec: spec) else {
                throw r.error("format", "\(what): unknown format \"\(spec)\"; use .4f, .2e, d or .1%")
            }
            format = f
        }

        var choices: [Localized] = []
        var correct: Int?
        if isChoice {
            let en = try strings(r, "choices_en", what), ja = try strings(r, "choices_ja", what)
            guard (2...6).contains(en.count) else {
                throw r.error("choices_en", "\(what): choices_en must have 2 to 6 answers, got \(en.count)")
            }
            guard ja.count == en.count else {
                throw r.error("choices_ja", "\(what): choices_ja has \(ja.count) answers, choices_en has \(en.count)")
            }
            choices = zip(en, ja).map { Localized(en: $0, ja: $1) }
            for c in choices {
                _ = try texts.check(c.en, r, "choices_en")
                _ = try texts.check(c.ja, r, "choices_ja")
            }
            guard let c = try r.integer("correct") else {
                throw r.error("", "\(what): missing correct, the number (from 1) of the right choice")
            }
            guard c >= 1 && c <= en.count else {
                throw r.error("correct", "\(what): correct must be 1…\(en.count) (the number of the right choice), got \(c)")
            }
            correct = c - 1
        }

        let hint = try texts.pair(r, "hint", what: what, required: false)
        let explain = try texts.pair(r, "explain", what: what, required: false)
        let reveal = try texts.pair(r, "reveal", what: what, required: false)
        // the question and the hint come before the answer: they must not show it (nor what it hides)
        for hidden in (answer.map { [$0] } ?? []) + hides {
            let spelled = texts.names.spelling(of: hidden)
            for base in ["question", "hint"] {
                for key in [base + "_en", base + "_ja"] {
                    guard let text = try r.string(key) else { continue }
                    if try texts.check(text, r, key).contains(hidden) {
                        throw texts.place("{" + spelled, r, key, hidden == answer
                                          ? "\(what): \(key) shows {\(spelled)}, the value the student is asked for"
                                          : "\(what): \(key) shows {\(spelled)}, which the quiz hides")
                    }
                }
            }
        }
        return Quiz(kind: kind, question: question, answer: answer, tolerance: tolerance, format: format,
                    choices: choices, correct: correct, hint: hint, explain: explain, reveal: reveal,
                    hides: hides, given: given)
    }

    /// An array of value names, e.g. hides = ["delta.o1"].
    private static func valueNames(_ r: TableReader, _ key: String, _ what: String,
                                   _ texts: LessonTexts) throws(FileError) -> [ValueName] {
        guard let node = r.table[key] else { return [] }
        guard let items = node.arrayValue else {
            throw r.error(key, "\(what): \(key) must be an array of value names, e.g. [\"delta.o1\"]")
        }
        var out: [ValueName] = []
        for item in items {
            guard case .string(let s) = item else {
                throw r.error(key, "\(what): \(key) must be an array of value names, e.g. [\"delta.o1\"]")
            }
            switch texts.names.parse(s) {
            case .success(let v): out.append(v)
            case .failure(let e): throw r.error(key, "\(what): \(key): \(e.message)")
            }
        }
        return out
    }

    private static func strings(_ r: TableReader, _ key: String, _ what: String) throws(FileError) -> [String] {
        guard let node = r.table[key] else {
            throw r.error("", "\(what): missing \(key), the answers offered")
        }
        guard let items = node.arrayValue else { throw r.error(key, "\(what): \(key) must be an array of strings") }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item, !s.allSatisfy(\.isWhitespace) else {
                throw r.error(key, "\(what): \(key) must be an array of non-empty strings")
            }
            out.append(s)
        }
        return out
    }
}
