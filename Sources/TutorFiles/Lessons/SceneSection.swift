import BackpropEngine

/// Reads one `[[scene]]`: narration, focus, advance, and its `[scene.quiz]`.
enum SceneSection {
    static let keys = ["title_en", "title_ja", "narration_en", "narration_ja", "focus", "advance", "goto", "quiz", "view"]

    static func read(_ r: TableReader, number: Int, texts: LessonTexts) throws(FileError) -> LessonScene {
        let what = "scene \(number)"
        let title = try texts.pair(r, "title", what: what, required: false)
        guard let narration = try texts.pair(r, "narration", what: what, required: true) else {
            throw r.error("", "\(what): missing narration")
        }
        let focus = try FocusSyntax.read(r, what: what, names: texts.names)
        var advance = try AdvanceSyntax.read(r, what: what, names: texts.names)
        if let target = try GoToSyntax.read(r, what: what) {
            if r.has("advance") {
                throw r.error("goto", "\(what): give advance or goto, not both (goto already says where the scene opens)")
            }
            advance = .goTo(target)
        }
        var quiz: Quiz?
        if let node = r.table["quiz"] {
            guard let table = node.tableValue else {
                throw r.error("quiz", "\(what): quiz must be a table ([scene.quiz] after this [[scene]]), got \(node.kind)")
            }
            let q = try TableReader(r.path("quiz"), table, known: QuizSection.keys, context: r.context,
                                    label: " in the quiz of \(what)")
            quiz = try QuizSection.read(q, what: "the quiz of \(what)", texts: texts)
            // the narration comes before the answer: it must not give it away
            for answer in quiz?.hidden ?? [] {
                for (key, text) in [("narration_en", narration.en), ("narration_ja", narration.ja)] {
                    let shown = try texts.check(text, r, key)
                    if shown.contains(answer) {
                        let spelled = texts.names.spelling(of: answer)
                        throw texts.place("{" + spelled, r, key,
                                          "\(what): the narration shows {\(spelled)} before the quiz asks for it; "
                                          + "show it in the quiz's reveal_en/reveal_ja instead")
                    }
                }
            }
        }
        var scene = LessonScene(title: title, narration: narration, focus: focus, advance: advance, quiz: quiz,
                                line: r.context.map.line(of: r.name) ?? 0)
        if let text = try r.string("view") {
            guard let view = SceneView(rawValue: text) else {
                let all = SceneView.allCases.map(\.rawValue)
                throw r.error("view", "\(what): unknown view \"\(text)\"" + Suggestion.hint(for: text, among: all))
            }
            scene.view = view
        }
        return scene
    }
}

/// The `focus` vocabulary: "network", "neuron h1", "weight w5", "bias b1", "layer 1" (or "layer
/// input" / "layer hidden" / "layer output"), "loss", "loss-curve", "parameters", "update", "data",
/// "event".
enum FocusSyntax {
    static let words = ["network", "neuron", "weight", "bias", "layer", "loss", "loss-curve", "parameters",
                        "update", "data", "event", "gradients", "compare", "digits", "confusion"]

    static func read(_ r: TableReader, what: String, names: ValueNames) throws(FileError) -> Focus {
        guard let text = try r.string("focus") else { return .network }
        switch parse(text, names: names) {
        case .success(let f): return f
        case .failure(let e): throw r.error("focus", "\(what): \(e.message)")
        }
    }

    static func parse(_ text: String, names: ValueNames) -> Result<Focus, ValueNameError> {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let word = parts.first ?? ""
        let arg = parts.count > 1 ? parts[1] : nil
        func fail(_ m: String) -> Result<Focus, ValueNameError> { .failure(ValueNameError(name: text, message: m)) }
        guard parts.count <= 2 else { return fail("focus \"\(text)\" has too many words") }
        switch (word, arg) {
        case ("network", nil): return .success(.network)
        case ("loss", nil): return .success(.loss)
        case ("loss-curve", nil): return .success(.lossCurve)
        case ("parameters", nil): return .success(.parameters)
        case ("update", nil): return .success(.update)
        case ("data", nil): return .success(.data)
        case ("event", nil): return .success(.event)
        case ("gradients", nil): return .success(.gradients)
        case ("compare", nil), ("compare", "gradients"):
            guard !names.variants.isEmpty else {
                return fail("focus \"\(text)\" needs a compare list in [lesson] (compare = [{ name = \"…\", … }])")
            }
            return .success(arg == nil ? .comparison : .comparisonGradients)
        case ("digits", nil), ("digits", "mistakes"):
            let side = Int(Double(names.layerSizes[0]).squareRoot().rounded())
            guard side * side == names.layerSizes[0], names.layerSizes[names.layerSizes.count - 1] >= 2 else {
                return fail("focus \"\(text)\" needs square images as inputs (64 = 8×8) and a class per output neuron")
            }
            return .success(.digits(mistakes: arg != nil))
        case ("confusion", nil):
            guard names.layerSizes[names.layerSizes.count - 1] >= 2 else {
                return fail("focus \"confusion\" needs a class per output neuron (at least 2 outputs)")
            }
            return .success(.confusion)
        case ("neuron", let a?):
            guard let n = names.neuron(a) else { return fail("focus \"\(text)\": no neuron \"\(a)\" in this network") }
            return .success(.neuron(n))
        case ("weight", let a?):
            guard a.hasPrefix("w"), let p = names.parameter(a) else {
                return fail("focus \"\(text)\": no weight \"\(a)\" in this network")
            }
            return .success(.parameter(p))
        case ("bias", let a?):
            guard a.hasPrefix("b"), let p = names.parameter(a) else {
                return fail("focus \"\(text)\": no bias \"\(a)\" in this network")
            }
            return .success(.parameter(p))
        case ("layer", let a?):
            let last = names.layerSizes.count - 1
            switch a {
            case "input": return .success(.layer(0))
            case "output": return .success(.layer(last))
            case "hidden" where last == 2: return .success(.layer(1))
            default:
                guard let k = Int(a), k >= 0, k <= last else {
                    return fail("focus \"\(text)\": layer is 0…\(last), input, output\(last == 2 ? " or hidden" : "")")
                }
                return .success(.layer(k))
            }
        case (_, nil) where ["neuron", "weight", "bias", "layer"].contains(word):
            return fail("focus \"\(word)\" needs a name, e.g. \"\(word) \(example(word))\"")
        default:
            let hint = Suggestion.hint(for: word, among: words)
            return fail("unknown focus \"\(text)\"\(hint)")
        }
    }

    private static func example(_ word: String) -> String {
        switch word {
        case "neuron": return "h1"
        case "weight": return "w1"
        case "bias": return "b1"
        default: return "1"
        }
    }
}

/// The `advance` vocabulary: "none", a step size ("event", "neuron", "layer", "phase", "sample",
/// "update", "epoch"), a step size repeated ("updates:10"), "to:<phase>", "to:<value>" (the event
/// computing it, e.g. "to:grad.w5"), "epochs:<n>" (train n epochs on the fast path).
enum AdvanceSyntax {
    static let sizes = Timeline.Granularity.allCases.map(\.rawValue)

    static func read(_ r: TableReader, what: String, names: ValueNames) throws(FileError) -> Advance {
        guard let text = try r.string("advance") else { return .none }
        switch parse(text, names: names) {
        case .success(let a): return a
        case .failure(let e): throw r.error("advance", "\(what): \(e.message)")
        }
    }

    static func parse(_ text: String, names: ValueNames) -> Result<Advance, ValueNameError> {
        func fail(_ m: String) -> Result<Advance, ValueNameError> { .failure(ValueNameError(name: text, message: m)) }
        let s = text.trimmingSpaces
        if s == "none" { return .success(.none) }
        if let g = Timeline.Granularity(rawValue: s) { return .success(.by(g, count: 1)) }
        guard let colon = s.firstIndex(of: ":") else {
            return fail("unknown advance \"\(s)\"" + Suggestion.hint(for: s, among: ["none"] + sizes + ["to:backward", "epochs:100"]))
        }
        let head = String(s[..<colon]), arg = String(s[s.index(after: colon)...])
        if head == "to" {
            if let phase = StepEvent.Phase(rawValue: arg) { return .success(.toPhase(phase)) }
            switch names.parse(arg) {
            case .success(let v):
                guard movable(v) else {
                    return fail("advance \"\(s)\": no event computes \(arg); use to:<phase> or to: a value such as to:grad.w1")
                }
                return .success(.toValue(v))
            case .failure(let e):
                return fail("advance \"\(s)\": \(e.message)")
            }
        }
        guard let count = Int(arg), count >= 1 else {
            return fail("advance \"\(s)\": \(arg) must be a whole number ≥ 1")
        }
        if head == "epochs" { return .success(.epochs(count)) }
        let single = head.hasSuffix("s") ? String(head.dropLast()) : head
        guard let g = Timeline.Granularity(rawValue: single) else {
            let plural = sizes.map { $0 + "s" }
            return fail("unknown advance \"\(s)\"" + Suggestion.hint(for: head, among: plural + ["to"]))
        }
        return .success(.by(g, count: count))
    }

    /// Whether some event computes the value (the engine can be moved to it).
    static func movable(_ v: ValueName) -> Bool {
        switch v {
        case .activation(let n): return n.layer > 0
        case .weightedSum, .delta, .lossGradient, .lossShare, .sampleLoss, .gradient, .newValue, .loss, .slope: return true
        default: return false
        }
    }
}

/// `goto = "epoch 500"` or `"update 12"`: where in the lesson's run the scene opens.
enum GoToSyntax {
    static func read(_ r: TableReader, what: String) throws(FileError) -> Timeline.Target? {
        guard let text = try r.string("goto") else { return nil }
        switch parse(text) {
        case .success(let t): return t
        case .failure(let e): throw r.error("goto", "\(what): \(e.message)")
        }
    }

    static func parse(_ text: String) -> Result<Timeline.Target, ValueNameError> {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        func fail(_ m: String) -> Result<Timeline.Target, ValueNameError> { .failure(ValueNameError(name: text, message: m)) }
        guard parts.count == 2, let n = Int(parts[1]) else {
            return fail("goto \"\(text)\" must be \"epoch N\" or \"update N\", e.g. goto = \"epoch 500\"")
        }
        guard n >= 1 else { return fail("goto \"\(text)\": epochs and updates count from 1") }
        switch parts[0] {
        case "epoch": return .success(.epoch(n))
        case "update": return .success(.update(n))
        default:
            return fail("goto \"\(text)\": \"\(parts[0])\" is not epoch or update"
                        + Suggestion.hint(for: String(parts[0]), among: ["epoch", "update"]))
        }
    }
}
