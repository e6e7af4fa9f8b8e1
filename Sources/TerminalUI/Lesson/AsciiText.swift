/// Lesson texts in ASCII for terminals that cannot show more (e.g. LC_ALL=C): subscripts become
/// digits, ŷ₁ `y^1`, ∂ `d`, arrows `->`, so the sentences stay readable instead of `?`.
func asciiText(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in s {
        if c.isASCII { out.append(c); continue }
        if let mapped = asciiTable[c] { out += mapped; continue }
        if let sub = subscripts.firstIndex(of: c) { out += String(subscripts.distance(from: subscripts.startIndex, to: sub)); continue }
        if let sup = superscripts.firstIndex(of: c) { out += String(superscripts.distance(from: superscripts.startIndex, to: sup)); continue }
        out.append(c)
    }
    return out
}

private let subscripts = "₀₁₂₃₄₅₆₇₈₉"
private let superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹"

private let asciiTable: [Character: String] = [
    "ŷ": "y^", "∂": "d", "δ": "delta", "η": "eta", "Σ": "sum", "σ": "sigma", "β": "beta", "ε": "eps", "μ": "mu",
    "½": "1/2", "²": "^2", "⁽": "^(", "⁾": ")", "≈": "~", "≥": ">=", "≤": "<=", "≠": "!=", "∞": "inf",
    "−": "-", "–": "-", "—": " - ", "·": ".", "×": "x", "…": "...", "→": "->", "←": "<-", "↑": "^", "↓": "v",
    "▶": ">", "⏸": "||", "▸": ">", "▌": "_", "“": "\"", "”": "\"", "‘": "'", "’": "'", "√": "sqrt", "⋯": "...", "⋮": ":",
]
