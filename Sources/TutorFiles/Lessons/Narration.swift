import BackpropEngine

/// Narration made ready for the screen: placeholders replaced by the engine's numbers,
/// then split into paragraphs and emphasised runs.
public enum Narration {
    /// The text with each `{name:format}` replaced by the timeline's value, formatted as asked
    /// ("?" for a value the engine has not computed yet, or a name that is not valid).
    public static func render(_ text: String, timeline: Timeline, ascii: Bool = false,
                              comparison: Comparison? = nil) -> String {
        guard case .success(let template) = Template.parse(text) else { return text }
        var names = ValueNames(trainer: timeline.live)
        names.variants = comparison?.runs.map(\.name) ?? []
        return template.render { p in
            guard case .success(let name) = names.parse(p.name),
                  let v = ValueResolver.resolve(name, timeline: timeline, comparison: comparison) else { return "?" }
            return p.format.format(v, ascii: ascii)
        }
    }

    /// The narration in one language, rendered against the timeline.
    public static func render(narration: Localized, language: LessonLanguage, timeline: Timeline,
                              ascii: Bool = false, comparison: Comparison? = nil) -> String {
        render(narration.text(language), timeline: timeline, ascii: ascii, comparison: comparison)
    }

    /// Paragraphs: separated by blank lines; the lines of one paragraph are joined (with a space in
    /// English, with nothing between two Japanese characters). A line that starts with spaces and
    /// `=` continues an aligned formula: it stays a line of its own, indented as written.
    public static func paragraphs(_ text: String) -> [String] {
        var out: [String] = [], current = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw).trimmingSpaces
            if line.isEmpty {
                if !current.isEmpty { out.append(current); current = "" }
                continue
            }
            if current.isEmpty {
                current = line
            } else if raw.first == " " && (line == "=" || line.hasPrefix("= ")) {
                current += "\n" + String(raw).trimmingTrailingSpaces
            } else if isFormulaLine(line), isFormulaLine(String(current.split(separator: "\n").last ?? "")) {
                // formulas written one a line (w₅ ← … = 0.3589 / w₁ ← … = 0.1498) stay apart
                current += "\n" + line
            } else if joinsWithoutSpace(current, line) {
                current += line
            } else {
                current += " " + line
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Whether a line of a lesson file is a formula of its own: a name, then "=" or "←", and no
    /// words (placeholders and function names aside).
    static func isFormulaLine(_ line: String) -> Bool {
        let tokens = line.split(separator: " ")
        guard tokens.count >= 3, tokens[1] == "=" || tokens[1] == "←", tokens[0].count <= 12 else { return false }
        var letters = 0, inPlaceholder = false
        for c in line {
            if c == "{" { inPlaceholder = true } else if c == "}" { inPlaceholder = false }
            if inPlaceholder { continue }
            if isWide(c.unicodeScalars.first!) { return false }
            letters = c.isASCII && c.isLetter ? letters + 1 : 0
            if letters >= 4 { return false }   // a word (log, exp and tanh are shorter)
        }
        return true
    }

    /// A paragraph split into plain and `*emphasised*` runs (the stars are removed; `\*` is a star).
    public static func runs(_ paragraph: String) -> [(text: String, emphasis: Bool)] {
        var out: [(text: String, emphasis: Bool)] = []
        var current = "", emphasis = false, escaped = false
        for c in paragraph {
            if escaped {
                current.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "*" {
                if !current.isEmpty { out.append((current, emphasis)) }
                current = ""
                emphasis.toggle()
            } else {
                current.append(c)
            }
        }
        if escaped { current.append("\\") }
        if !current.isEmpty { out.append((current, emphasis)) }
        return out
    }

    /// Whether two lines of one paragraph meet without a space: both sides are Japanese (CJK or
    /// full-width), looking through emphasis stars (`…それぞれ` / `*重み*があり` → `それぞれ*重み*があり`).
    /// A Latin word, a number or a formula next to Japanese keeps its space.
    static func joinsWithoutSpace(_ before: String, _ after: String) -> Bool {
        guard let last = before.unicodeScalars.last(where: { $0 != "*" }),
              let first = after.unicodeScalars.first(where: { $0 != "*" }) else { return false }
        // after Japanese punctuation (、。」) nothing is spaced, a number or a formula neither
        return isWide(last) && (isWide(first) || "、。，．」』）！？：".unicodeScalars.contains(last))
    }

    /// CJK characters and full-width forms, which are joined without a space across a line break.
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3000...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF: return true
        default: return false
        }
    }
}
