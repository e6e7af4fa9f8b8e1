import BackpropEngine
import EventWords
import TutorFiles

/// `trace --format markdown`: a printable worksheet of the traced updates.
struct Worksheet {
    let file: NetworkFile
    let traces: [StepTrace]
    let words: EventWords

    var markdown: String {
        var out: [String] = ["# \(file.title)", "", "`\(file.summaryLine)`", ""]
        let net = file.network
        out += ["## " + (words.language == .ja ? "初期パラメータ" : "Starting parameters"), ""]
        out += ["| | |", "|---|---|"]
        for p in net.parameterRefs {
            out.append("| \(words.name(of: p)) | \(words.format(net.value(of: p))) |")
        }
        out.append("")
        for t in traces {
            let head = words.language == .ja
                ? "## 更新 \(t.after.updateCount)（エポック \(t.epochNumber)）"
                : "## Update \(t.after.updateCount) (epoch \(t.epochNumber))"
            out += [head, ""]
            var phase: StepEvent.Phase? = nil
            var number = 0
            for event in t {
                if event.phase != phase {
                    phase = event.phase
                    out += ["### " + words.phaseName(event.phase), ""]
                }
                number += 1
                let text = words.text(for: event)
                out.append("\(number). **\(text.title)** — \(text.sentence)")
                out.append("")
                out.append("    " + words.fullFormula(for: event).joined(separator: "\n    "))
                out.append("")
            }
        }
        return out.joined(separator: "\n")
    }
}

/// `trace LESSON --format markdown`: the lesson's questions with the network's numbers, to print
/// for a class; with `answers` the answer sheet instead (each answer, the computation, the reveal).
struct LessonWorksheet {
    let file: NetworkFile
    let language: LessonLanguage
    let ascii: Bool
    let answers: Bool

    private func t(_ en: String, _ ja: String) -> String { language == .ja ? ja : en }

    var markdown: String {
        // a lesson file is checked for recording when it is read, so a player can be made
        guard var player = try? LessonPlayer(file: file, language: language, ascii: ascii) else { return "" }
        let lesson = player.lesson
        let words = EventWords(network: file.network, language: language == .ja ? .ja : .en, ascii: ascii,
                               naming: file.naming)
        var out = ["# " + lesson.title.text(language) + (answers ? t(" — answers", " — 解答") : t(" — worksheet", " — ワークシート")), ""]
        if let summary = lesson.summary { out += [summary.text(language), ""] }
        // on paper every answer is in view at once: none is printed, a blank stands for it
        let hide = answers ? nil : WorksheetAnswers(player: player)
        func shown(_ text: String) -> String { hide?.blanked(text) ?? text }
        if !answers {
            out += [t("Name: ______________________", "名前：______________________"), ""]
            out += givens(words)
        }
        var number = 0
        for k in lesson.scenes.indices {
            player.go(to: k)
            guard let quiz = player.scene.quiz else { continue }
            number += 1
            let heading = player.title().map { " · " + shown($0) } ?? ""
            out += ["## " + t("Question \(number)", "問 \(number)") + heading, ""]
            if !answers {
                for paragraph in Narration.paragraphs(shown(player.narration())) {
                    // an aligned formula's continued lines stay inside the quote
                    out += ["> " + paragraph.replacingOccurrences(of: "\n", with: "\n> "), ">"]
                }
                if out.last == ">" { out.removeLast() }
                out.append("")
            }
            out += ["**" + shown(player.question() ?? "") + "**", ""]
            if !answers {
                for choice in player.choices() { out.append("- " + shown(choice)) }
                if !quiz.choices.isEmpty { out.append("") }
                out += [LessonStrings.prompt(quiz.kind, language) + " ______________", ""]
                continue
            }
            // the right answer as the screen shows it, from a copy of the player
            var copy = player
            let guess = quiz.kind == .choice ? "a" : quiz.kind == .sign ? "+" : "0"
            let result = copy.answer(guess)
            out += [t("Answer: ", "答え：") + (result.expected ?? "?"), ""]
            if let explain = quiz.explain {
                out += [player.render(explain), ""]
            } else if let event = player.workedEvent {
                out += ["    " + words.fullFormula(for: event).joined(separator: "\n    "), ""]
            }
            if let reveal = result.reveal { out += [reveal, ""] }
        }
        if number == 0 { out += [t("This lesson asks no questions.", "このレッスンには問題がありません。"), ""] }
        return out.joined(separator: "\n")
    }

    /// What a student needs on paper before the first question: the network with its starting
    /// weights, and the data with its targets (listed while they fit on a page).
    private func givens(_ words: EventWords) -> [String] {
        let net = file.network, data = file.data
        var out = ["## " + t("The network", "ネットワーク"), "", "`\(file.summaryLine)`", ""]
        let refs = net.parameterRefs
        if refs.count <= Self.maxListedParameters {
            out += ["| \(t("parameter", "パラメータ")) | \(t("value", "値")) |", "|---|---|"]
            for p in refs { out.append("| \(words.name(of: p)) | \(words.format(net.value(of: p))) |") }
        } else {
            out.append(t("\(refs.count) weights and biases, drawn at random (seed \(file.spec.seed)); the questions quote the ones they use.",
                         "重みとバイアスは \(refs.count) 個あり、シード \(file.spec.seed) の乱数で決まります。問題に必要なものは問題の中に示します。"))
        }
        out.append("")
        out += ["## " + t("The data", "データ"), ""]
        let inputs = net.layerSizes[0], outputs = net.layerSizes[net.layerSizes.count - 1]
        if data.count <= Self.maxListedSamples && inputs + outputs <= Self.maxListedColumns {
            let inputNames = (0..<inputs).map { words.name(of: NeuronRef(layer: 0, index: $0)) }
            let top = net.layerSizes.count - 1
            let targetNames = (0..<outputs).map { words.notation.target(of: NeuronRef(layer: top, index: $0)) }
            let head = [t("sample", "サンプル")] + inputNames + targetNames.map { $0 + t(" (target)", "（目標）") }
            out += ["| " + head.joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: head.count)]
            for k in 0..<data.count {
                let row = ["\(k + 1)"] + data.inputs[k].map(words.format) + data.targets[k].map(words.format)
                out.append("| " + row.joined(separator: " | ") + " |")
            }
        } else {
            out.append(t("\(data.count) samples of \(inputs) inputs and \(outputs) targets each (too many to list); the questions quote the numbers they use.",
                         "サンプルは \(data.count) 個（それぞれ入力 \(inputs) 個、目標 \(outputs) 個）あり、多すぎるので載せません。問題に必要な数は問題の中に示します。"))
        }
        out.append("")
        return out
    }

    static let maxListedParameters = 120, maxListedSamples = 24, maxListedColumns = 10
}
