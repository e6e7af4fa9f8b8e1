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
