import EventWords

/// Wraps text to lines of at most `width` display columns.
///
/// English (and any text with spaces) breaks at spaces; the spaces at a break are dropped.
/// Japanese (and other wide text) may break between any two characters, except that closing
/// punctuation and small kana (、。」）ー ゃ …) never start a line and opening brackets (「（ …)
/// never end one. A word longer than the line is cut. Each `\n` starts a new paragraph.
///
/// Formulas written in the text stay whole: no line breaks beside an operator (`w₁ = 0.6`,
/// `(ŷ − y) · x₁`), nor between two symbols or numbers. A formula too long for its line breaks
/// only before a later top-level `=`, the next line starting with that `=` under the formula's
/// first one; a piece still too long is shortened with `…` (`FormulaShortening`). A line that
/// starts with spaces and `=` continues the formula of the line before it, under its first `=`.
public func wrap(_ text: String, width: Int) -> [String] {
    let chars = Array(text)
    return wrapLines(chars, width: width).map { line in
        String(repeating: " ", count: line.indent) + (line.shortened ?? string(of: chars[line.range]))
    }
}

/// A formula line (already laid out by EventWords) at most `width` columns wide: shortened with
/// `…` when it is wider, keeping its indent.
public func fitFormula(_ line: String, width: Int, unicode: Bool = true) -> String {
    guard displayWidth(of: line) > width else { return line }
    let body = line.drop { $0 == " " }
    let indent = min(line.count - body.count, width / 2)
    return String(repeating: " ", count: indent)
        + FormulaShortening.shorten(String(body), width: max(1, width - indent), ellipsis: unicode ? "…" : "...",
                                    columns: { displayWidth(of: $0) })
}

/// Whether the text has words in it (and not only symbols, numbers and operators).
public func isProse(_ text: String) -> Bool {
    let chars = Array(text)
    return ParagraphWrapper(chars: chars, lower: 0, upper: chars.count, width: 1).hasWords
}

/// One line of wrapped text: `indent` blank columns, then the characters `range` of the text or,
/// for a formula that had to be shortened, `shortened` in their place.
public struct WrappedLine: Equatable, Sendable {
    public var indent: Int
    public var range: Range<Int>
    public var shortened: String?
}

/// The characters joined into one String, through their UTF-8 bytes: `String(chars[range])`
/// appends one Character at a time through a generic path that cost more than the wrapping.
func string(of chars: ArraySlice<Character>) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(chars.count)
    for c in chars { bytes.append(contentsOf: c.utf8) }
    return String(decoding: bytes, as: UTF8.self)
}

/// The lines of `chars` (paragraphs split at `\n`) wrapped to `width` columns.
public func wrapLines(_ chars: [Character], width: Int) -> [WrappedLine] {
    let width = max(1, width)
    var out: [WrappedLine] = []
    var formulaColumn: Int? = nil
    var start = 0
    while start <= chars.count {
        let end = chars[start...].firstIndex(of: "\n") ?? chars.count
        var first = start
        while first < end, chars[first] == " " { first += 1 }
        var paragraph = ParagraphWrapper(chars: chars, lower: start, upper: end, width: width)
        if first > start, first < end, chars[first] == "=", first + 1 == end || chars[first + 1] == " " {
            // a formula continued from the line before: under its first "=", or as indented
            paragraph = ParagraphWrapper(chars: chars, lower: first, upper: end, width: width,
                                         indent: min(formulaColumn ?? (first - start), width * 2 / 3))
        }
        let (lines, column) = paragraph.lines()
        out += lines
        formulaColumn = column
        start = end + 1
    }
    return out
}

/// The line ranges of one paragraph (no `\n`) wrapped to `width` columns, without indents.
public func wrapRanges(_ chars: [Character], width: Int) -> [Range<Int>] {
    wrapLines(chars, width: width).map(\.range)
}

/// Lays out one paragraph: classifies its tokens (operators, words, symbols), finds where it may
/// break, then fills lines greedily.
private struct ParagraphWrapper {
    enum Break { case none, normal, formula, weak }
    enum TokenClass { case op, word, symbol }

    let chars: [Character]
    let lower: Int
    let n: Int
    let width: Int
    let indent: Int
    var widths: [Int]
    var space: [Bool]
    /// What kind of break is allowed before each index.
    var breaks: [Break]
    /// For a formula break: the index of its formula's first "=".
    var anchors: [Int: Int] = [:]
    /// The first "=" of the last formula that has one.
    var lastAnchor: Int? = nil
    var cjk: [Bool]

    init(chars all: [Character], lower: Int, upper: Int, width: Int, indent: Int = 0) {
        chars = Array(all[lower..<upper])
        self.lower = lower
        n = chars.count
        self.width = width
        self.indent = indent
        widths = [Int](repeating: 0, count: n)
        space = [Bool](repeating: false, count: n)
        cjk = [Bool](repeating: false, count: n)
        breaks = [Break](repeating: .none, count: n)
        // Each character is measured and classified once (comparing Characters is not cheap).
        for (k, c) in chars.enumerated() {
            if let a = c.asciiValue, c.utf8.count == 1 {
                widths[k] = a == 0x09 ? 1 : (a < 0x20 || a == 0x7F ? 0 : 1)
                space[k] = a == 0x20
            } else {
                widths[k] = c == "\t" ? 1 : displayWidth(of: c)
                cjk[k] = isCJK(c)
            }
        }
        findBreaks()
    }

    private mutating func findBreaks() {
        // tokens: runs of non-spaces
        var tokens: [Range<Int>] = []
        var k = 0
        while k < n {
            if space[k] { k += 1; continue }
            let s = k
            while k < n, !space[k] { k += 1 }
            tokens.append(s..<k)
        }
        let classes = tokens.map(classify)
        var depth = 0
        var spanDepth = 0
        var spanAnchor: Int? = nil
        // open brackets, each true when it is a function's (`log(`, `σ(`): inside one, even words
        // belong to the formula ("−log(ŷ of the true digit)" never breaks before "digit)")
        var brackets: [Bool] = []
        for (t, range) in tokens.enumerated() {
            let inCall = brackets.contains(true)
            if t > 0 {
                let kind: Break
                let previousEnd = chars[tokens[t - 1].upperBound - 1]
                if inCall {
                    kind = .none
                } else if depth == 0, previousEnd == "," || previousEnd == ";", classes[t] != .op {
                    kind = .normal   // "∂E/∂w₁ = −0.01, ∂E/∂w₂ = −1": a list of formulas, each whole
                } else if t >= 2, classes[t - 2] == .word, classes[t - 1] == .op, classes[t] == .word,
                   chars[tokens[t - 1].lowerBound] == "·" {
                    kind = .normal   // "phase · sample": a separator between words, not an operator
                } else if classes[t - 1] == .op || classes[t] == .op {
                    kind = .none
                } else if classes[t - 1] == .word || classes[t] == .word {
                    kind = .normal
                } else {
                    kind = .weak   // between two symbols or numbers: only when nothing else will do
                }
                breaks[range.lowerBound] = kind
                if kind == .normal { spanDepth = depth; spanAnchor = nil }
            }
            let token = string(of: chars[range])
            if depth == spanDepth, token == "=" || token == "←" {
                if let anchor = spanAnchor {
                    if token == "=" {
                        breaks[range.lowerBound] = .formula
                        anchors[range.lowerBound] = anchor
                    }
                } else {
                    spanAnchor = range.lowerBound
                    lastAnchor = range.lowerBound
                }
            }
            // Japanese: between two Japanese characters, unless kinsoku forbids it. A run of kanji
            // (小数, 勾配降下法) and a number or Latin letter written against Japanese (第2位,
            // 1000回) are words: broken only when nothing else fits. After Japanese punctuation
            // and before an opening bracket a line may always break (、w₂ = …).
            var callOpen = inCall
            for i in range {
                let c = chars[i]
                if "([{（［".contains(c) {
                    brackets.append(isCall(bracket: i, token: range))
                    callOpen = brackets.contains(true)
                } else if ")]}）］".contains(c), !brackets.isEmpty {
                    brackets.removeLast()
                    callOpen = brackets.contains(true)
                }
                // inside a function's argument no break at all
                if callOpen && i > range.lowerBound { breaks[i] = .none; continue }
                guard i > range.lowerBound, !isNoStart(chars[i]), !isNoEnd(chars[i - 1]) else { continue }
                if cjk[i - 1] && isNoStart(chars[i - 1]) || cjk[i] && isNoEnd(chars[i]) {
                    breaks[i] = .normal
                } else if cjk[i - 1] && cjk[i] {
                    breaks[i] = isKanji(chars[i - 1]) && isKanji(chars[i]) ? .weak : .normal
                } else if cjk[i - 1] || cjk[i] {
                    breaks[i] = .weak
                }
            }
            for c in chars[range] {
                if c == "(" || c == "[" || c == "{" { depth += 1 } else if c == ")" || c == "]" || c == "}" { depth -= 1 }
            }
        }
        // inside a formula (a run between normal breaks with an operator in it) two symbols stay together
        var spanStart = 0
        for t in 0...tokens.count where t == tokens.count || (t > 0 && breaks[tokens[t].lowerBound] == .normal) {
            if classes[spanStart..<t].contains(.op) {
                for u in (spanStart + 1)..<max(spanStart + 1, t) where breaks[tokens[u].lowerBound] == .weak {
                    breaks[tokens[u].lowerBound] = .none
                }
            }
            spanStart = t
        }
    }

    /// Whether the bracket at `i` is a function's: right after a function's name (`log(`, `tanh(`),
    /// a one-letter name or a symbol (`f(`, `σ(`, `e^(`, `σ′(`), not after a word (`ReLU（`) or a space.
    private func isCall(bracket i: Int, token: Range<Int>) -> Bool {
        guard i > token.lowerBound, !cjk[i - 1] else { return false }
        var letters = ""
        var k = i - 1
        while k >= token.lowerBound, chars[k].isASCII, chars[k].isLetter { letters = String(chars[k]) + letters; k -= 1 }
        if letters.isEmpty { return !"([{（［".contains(chars[i - 1]) }
        return letters.count == 1 || mathNames.contains(letters)
    }

    private func classify(_ range: Range<Int>) -> TokenClass {
        let token = string(of: chars[range])
        if operatorTokens.contains(token) { return .op }
        var letters = ""
        func isWord() -> Bool { letters.count >= 2 && !mathNames.contains(letters) }
        for i in range {
            if cjk[i] { return .word }
            let c = chars[i]
            if c.isASCII && c.isLetter {
                letters.append(c)
            } else {
                if isWord() { return .word }
                letters = ""
            }
        }
        return isWord() ? .word : .symbol
    }

    var hasWords: Bool {
        var k = 0
        while k < n {
            if space[k] { k += 1; continue }
            let s = k
            while k < n, !space[k] { k += 1 }
            if classify(s..<k) == .word { return true }
        }
        return false
    }

    /// The lines, and the column where the last formula's first "=" was placed (nil without one).
    func lines() -> ([WrappedLine], Int?) {
        var lines: [WrappedLine] = []
        var start = 0, used = indent, lineIndent = indent
        var lastNormal: Int? = nil, lastFormula: Int? = nil, lastWeak: Int? = nil
        var anchorColumn: Int? = nil
        // the column each formula's first "=" was put at, for the lines that continue it
        let anchorIndices = Set(anchors.values)
        var placed: [Int: Int] = [:]
        func columns(_ from: Int, _ to: Int) -> Int { (from..<max(from, to)).reduce(0) { $0 + widths[$1] } }
        func place(_ range: Range<Int>, at column: Int) {
            for a in anchorIndices where range.contains(a) { placed[a] = column + columns(range.lowerBound, a) }
        }
        func emit(_ end: Int, shortened: String? = nil, next: Int) {
            var e = end
            while e > start, space[e - 1] { e -= 1 }
            if let a = lastAnchor, a >= start, a < e { anchorColumn = lineIndent + columns(start, a) }
            if shortened == nil { place(start..<e, at: lineIndent) }
            lines.append(WrappedLine(indent: lineIndent, range: (lower + start)..<(lower + e), shortened: shortened))
            var s = end
            while s < n, space[s] { s += 1 }
            start = s
            lineIndent = next
            used = next
            lastNormal = nil
            lastFormula = nil
            lastWeak = nil
        }
        /// Where a formula continues after a break at `b`: under its first "=".
        func alignment(_ b: Int) -> Int {
            guard let anchor = anchors[b] else { return indent }
            // under the "=" where it was put, also after the formula broke before a + or ×
            let column = anchor >= start ? lineIndent + columns(start, anchor) : placed[anchor] ?? lineIndent
            return min(column, width * 2 / 3)
        }
        /// The formula `first..<last` broken before its top-level joiners (+ − × · ÷; inside one
        /// bracket when the top level has none that help) into lines that fit, the later ones
        /// starting under its first "=" (or two columns in); nil when it does not go. At each
        /// depth a sum breaks before its + and − first, so that a product stays whole
        /// (`(0.40 × 0.1385` / `+ 0.50 × (−0.0381)) × 0.2413`, not `+ 0.50` / `× (−0.0381))`).
        func joinerLines(_ first: Int, _ last: Int) -> (parts: [Range<Int>], continuation: Int)? {
            var anchor: Int? = nil
            var depth = 0
            for k in first..<last {
                if "([{（［".contains(chars[k]) { depth += 1 } else if ")]}）］".contains(chars[k]) { depth -= 1 }
                if anchor == nil, depth == 0, k + 2 < last, space[k], space[k + 2], chars[k + 1] == "=" || chars[k + 1] == "←" {
                    anchor = k + 1
                }
            }
            let continuation = min(lineIndent + (anchor.map { columns(first, $0) } ?? 2), width * 2 / 3)
            for (maxDepth, joiners) in [(0, "+−-"), (0, "+−-×·÷"), (1, "+−-"), (1, "+−-×·÷")] {
                var candidates: [Int] = []
                depth = 0
                for k in first..<last {
                    if "([{（［".contains(chars[k]) { depth += 1 } else if ")]}）］".contains(chars[k]) { depth -= 1 }
                    if depth <= maxDepth, k > first, k + 1 < last, space[k - 1], space[k + 1], joiners.contains(chars[k]),
                       anchor.map({ k > $0 }) ?? true {
                        candidates.append(k)
                    }
                }
                var parts: [Range<Int>] = []
                var from = first, fits: Int? = nil, room = width - lineIndent
                var failed = false
                for p in candidates + [last] {
                    let end = p == last ? last : p - 1
                    if columns(from, end) <= room { fits = p; continue }
                    guard let f = fits, f != last else { failed = true; break }
                    parts.append(from..<(f - 1))
                    from = f
                    room = width - continuation
                    fits = columns(from, end) <= room ? p : nil
                    if fits == nil { failed = true; break }
                }
                if failed || fits == nil { continue }
                parts.append(from..<last)
                if parts.count >= 2 { return (parts, continuation) }
            }
            return nil
        }
        /// A line of program code (`hidden_error = output_delta.dot(weights_hidden_output.T)`,
        /// known by its snake_case names) too long for its line: broken after a "." or "(" or at a
        /// space that fits (after a "_" when none does), the later lines four columns in. Code is never elided: a student
        /// copies it. nil when it is not code or a piece between those places cannot fit.
        func codeLines(_ first: Int, _ last: Int) -> (parts: [Range<Int>], continuation: Int)? {
            let isCode = (first + 1..<max(first + 1, last - 1)).contains {
                chars[$0] == "_" && chars[$0 - 1].isLetter && chars[$0 + 1].isLetter
            }
            guard isCode else { return nil }
            let continuation = min(lineIndent + 4, width / 2)
            var parts: [Range<Int>] = [], from = first, room = width - lineIndent
            while columns(from, last) > room {
                // after "_" inside a name only when nothing else fits (a very narrow panel)
                var best: Int? = nil, inName: Int? = nil
                var k = from + 1
                while k < last, columns(from, k) <= room {
                    if chars[k - 1] == "." || chars[k - 1] == "(" || space[k] { best = k }
                    if chars[k - 1] == "_" { inName = k }
                    k += 1
                }
                guard let b = best ?? inName else { return nil }
                var e = b
                while e > from, space[e - 1] { e -= 1 }
                parts.append(from..<e)
                from = b
                while from < last, space[from] { from += 1 }
                room = width - continuation
            }
            parts.append(from..<last)
            return parts.count >= 2 ? (parts, continuation) : nil
        }
        // after a formula continued before a "+", its next "=" starts a line of its own (else
        // "+ 0.4 + 0.1 = 1.6" would read as a sum of its own)
        var breakAtFormula = false
        var i = 0
        while i < n {
            if i > start {
                switch breaks[i] {
                case .normal: lastNormal = i
                case .formula where breakAtFormula:
                    breakAtFormula = false
                    emit(i, next: alignment(i))
                    i = start
                    continue
                case .formula: lastFormula = i
                case .weak: lastWeak = i
                case .none: break
                }
            }
            if space[i] {
                used += widths[i]
                i += 1
                continue
            }
            if used + widths[i] > width, i > start {
                if let b = lastNormal, b > start, space[start..<b].contains(false) {
                    emit(b, next: indent)
                } else if let b = lastFormula, b > start {
                    emit(b, next: alignment(b))
                } else if let b = lastWeak, b > start {
                    emit(b, next: indent)
                } else {
                    // the unbreakable piece from `start` does not fit on this line
                    var e = i + 1
                    while e < n, breaks[e] == .none || breaks[e] == .weak || space[e] { e += 1 }
                    var last = e
                    while last > start, space[last - 1] { last -= 1 }
                    var first = start
                    while first < last, space[first] { first += 1 }
                    let isFormula = (first..<last).contains { space[$0] } || classify(first..<last) == .op
                    if let (parts, continuation) = codeLines(first, last) {
                        for (k, r) in parts.dropLast().enumerated() {
                            lines.append(WrappedLine(indent: k == 0 ? lineIndent : continuation,
                                                     range: (lower + r.lowerBound)..<(lower + r.upperBound), shortened: nil))
                        }
                        start = parts[parts.count - 1].lowerBound
                        lineIndent = continuation
                        used = continuation
                        lastNormal = nil
                        lastFormula = nil
                        lastWeak = nil
                        i = start
                        continue
                    }
                    if isFormula, let (parts, continuation) = joinerLines(first, last) {
                        // rows before "…": the formula continues before its top-level + − · ×
                        for (k, r) in parts.dropLast().enumerated() {
                            let at = k == 0 ? lineIndent : continuation
                            if let a = lastAnchor, a >= r.lowerBound, a < r.upperBound { anchorColumn = at + columns(r.lowerBound, a) }
                            place(r, at: at)
                            lines.append(WrappedLine(indent: at, range: (lower + r.lowerBound)..<(lower + r.upperBound), shortened: nil))
                        }
                        start = parts[parts.count - 1].lowerBound
                        breakAtFormula = true
                        lineIndent = continuation
                        used = continuation
                        lastNormal = nil
                        lastFormula = nil
                        lastWeak = nil
                        i = start
                        continue
                    }
                    if isFormula {
                        let short = FormulaShortening.shorten(string(of: chars[first..<last]), width: max(1, width - lineIndent),
                                                              columns: { displayWidth(of: $0) })
                        emit(e, shortened: short, next: e < n && breaks[e] == .formula ? alignment(e) : indent)
                    } else {
                        // a word longer than the line is cut, keeping closing punctuation with its line
                        var cut = i
                        while cut - 1 > start, isNoStart(chars[cut]) || isNoEnd(chars[cut - 1]) { cut -= 1 }
                        emit(cut, next: indent)
                    }
                }
                i = start
                continue
            }
            used += widths[i]
            i += 1
        }
        if start < n || lines.isEmpty { emit(n, next: indent) }
        return (lines, lastAnchor == nil ? nil : anchorColumn)
    }
}

/// Tokens that join two parts of a formula: no line breaks beside them.
private let operatorTokens: Set<String> = [
    "=", "+", "−", "-", "×", "·", "←", "→", "/", "÷", "<", ">", "≤", "≥", "≈", "≠", "<-", "->", "<=", ">=", "!=", "~", "*",
]

/// Letters that are the names of functions or (in ASCII) of Greek symbols, not words.
private let mathNames: Set<String> = [
    "tanh", "relu", "leaky", "exp", "log", "ln", "max", "min", "softmax", "id", "sgn", "delta", "eta", "sigma",
    "sum", "eps", "mu", "beta", "sqrt", "inf", "dE", "dz", "dy", "dw", "db",
]

/// Wide characters and Japanese punctuation, where a line may break between characters.
private func isCJK(_ c: Character) -> Bool {
    guard let s = c.unicodeScalars.first else { return false }
    return displayWidth(of: c) == 2 || (0x3000...0x30FF).contains(s.value) || (0xFF61...0xFF9F).contains(s.value)
}

/// Kanji (and 々), which join into words that a line keeps together when it can.
private func isKanji(_ c: Character) -> Bool {
    guard let s = c.unicodeScalars.first else { return false }
    return (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value) || s.value == 0x3005
}

/// Characters that must not begin a line (Japanese kinsoku shori, plus Latin closing punctuation).
func isNoStart(_ c: Character) -> Bool { noStart.contains(c) }

private let noStart: Set<Character> = Set(
    "、。，．・：；？！ー〜…‥」』）〕］｝〉》】〙〗’”々ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ" +
    "ｧｨｩｪｫｯｬｭｮｰ｡､｣,.:;!?)]}%"
)

/// Characters that must not end a line (opening brackets).
private func isNoEnd(_ c: Character) -> Bool { noEnd.contains(c) }

private let noEnd: Set<Character> = Set("「『（〔［｛〈《【〘〖‘“｢([{")
