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
                ? "## 更新 \(t.after.updateCount)(エポック \(t.epochNumber))"
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
        if !answers {
            out += [t("Name: ______________________", "名前：______________________"), ""]
            out += ["## " + t("The network", "ネットワーク"), "", "`\(file.summaryLine)`", ""]
            out += ["| \(t("parameter", "パラメータ")) | \(t("value", "値")) |", "|---|---|"]
            for p in file.network.parameterRefs {
                out.append("| \(words.name(of: p)) | \(words.format(file.network.value(of: p))) |")
            }
            out.append("")
        }
        var number = 0
        for k in lesson.scenes.indices {
            player.go(to: k)
            guard let quiz = player.scene.quiz else { continue }
            number += 1
            let heading = player.title().map { " · " + $0 } ?? ""
            out += ["## " + t("Question \(number)", "問 \(number)") + heading, ""]
            if !answers {
                for paragraph in Narration.paragraphs(player.narration()) { out += ["> " + paragraph, ">"] }
                if out.last == ">" { out.removeLast() }
                out.append("")
            }
            out += ["**" + (player.question() ?? "") + "**", ""]
            if !answers {
                for choice in player.choices() { out.append("- " + choice) }
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
}
