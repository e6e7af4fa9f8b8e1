/// Shortens one line of a formula that cannot fit: the middle terms of its top-level sum or
/// product give way to an ellipsis (`a + b + … + z`, as the step panel writes long sums), and
/// only when that is not enough is the end cut, at a space, with the ellipsis. The left side and
/// its `=` (or `←`), and a leading `= ` of a continued line, always stay.
///
/// Widths are counted with `columns` (one per character unless given: the screen passes its
/// display width), so the same code serves the step panel, the lessons' texts and worksheets.
public enum FormulaShortening {
    /// Tokens that join the terms of a sum or a product.
    static let joiners: Set<String> = ["+", "−", "-", "×", "·", "÷"]
    /// Tokens after which the right side starts.
    static let assignments: Set<String> = ["=", "←"]

    public static func shorten(_ text: String, width: Int, ellipsis: String = "…",
                               columns: (Character) -> Int = { _ in 1 }) -> String {
        func measure(_ s: String) -> Int { s.reduce(0) { $0 + columns($1) } }
        guard measure(text) > width else { return text }
        let tokens = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        // the kept head: tokens up to the first top-level "=" or "←" (when it is near the start)
        var depth = 0, headEnd = 0
        for (k, t) in tokens.enumerated() {
            if depth == 0, assignments.contains(t) { headEnd = k + 1; break }
            depth += t.reduce(0) { $0 + ("([{".contains($1) ? 1 : ")]}".contains($1) ? -1 : 0) }
        }
        if measure(tokens[..<headEnd].joined(separator: " ")) > width / 2 { headEnd = 0 }
        let head = tokens[..<headEnd].joined(separator: " ")
        let body = Array(tokens[headEnd...])
        let prefix = head.isEmpty ? "" : head + " "
        // terms of the body at depth 0, with the joiner before each (nil for the first)
        var terms: [(joiner: String?, tokens: [String])] = [(nil, [])]
        depth = 0
        for t in body {
            if depth == 0, joiners.contains(t), !(terms[terms.count - 1].tokens.isEmpty) {
                terms.append((t, []))
                continue
            }
            terms[terms.count - 1].tokens.append(t)
            depth += t.reduce(0) { $0 + ("([{".contains($1) ? 1 : ")]}".contains($1) ? -1 : 0) }
        }
        func spelled(_ term: (joiner: String?, tokens: [String])) -> String {
            (term.joiner.map { $0 + " " } ?? "") + term.tokens.joined(separator: " ")
        }
        if terms.count >= 3 {
            let last = terms[terms.count - 1]
            for kept in stride(from: terms.count - 2, through: 1, by: -1) {
                let front = terms[..<kept].map(spelled).joined(separator: " ")
                let gap = (terms[kept].joiner ?? "+") + " " + ellipsis
                let candidate = prefix + front + " " + gap + " " + spelled(last)
                if measure(candidate) <= width { return candidate }
            }
        }
        // cut at the last space that leaves room for the ellipsis
        var out = prefix
        for t in body {
            let next = (out == prefix ? out : out + " ") + t
            if measure(next) + 1 + measure(ellipsis) > width { break }
            out = next
        }
        if out != prefix, measure(out + " " + ellipsis) <= width {
            return out + " " + ellipsis
        }
        // not one token of the right side fits whole: its first characters, never the left side
        // alone ("hidden_error = …" said nothing of the code it stood for)
        if !prefix.isEmpty, measure(prefix) + 2 * measure(ellipsis) < width {
            var cut = prefix, used = measure(prefix)
            for c in body.joined(separator: " ") {
                if used + columns(c) + measure(ellipsis) > width { break }
                cut.append(c)
                used += columns(c)
            }
            return cut + ellipsis
        }
        // nothing whole fits: the characters that do
        var cut = "", used = 0
        for c in text {
            if used + columns(c) + measure(ellipsis) > width { break }
            cut.append(c)
            used += columns(c)
        }
        return cut + ellipsis
    }
}
