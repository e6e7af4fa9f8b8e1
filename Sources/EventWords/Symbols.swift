import NetworkNaming

/// Every mathematical symbol a formula or a sentence uses, in a Unicode and an ASCII version.
/// Formulas are built once from these, so the two versions never drift apart.
struct Symbols: Sendable {
    var ascii: Bool
    var times: String        // between numbers
    var dot: String          // between symbols
    var minus: String
    var assign: String
    var arrow: String
    var ellipsis: String
    var dividedBy: String
    var le: String
    var partial: String
    var delta: String
    var sigma: String
    var prime: String
    var sqrt: String
    var sum: String
    var eta: String
    var mu: String
    var beta1: String
    var beta2: String
    var epsilon: String
    var mHat: String
    var vHat: String
    var normBar: String
    var half: String
    var squared: String
    var infinity: String
    var total: String
    var subK: String         // Σₖ
    var supT: String         // βᵗ

    static let unicode = Symbols(
        ascii: false, times: "×", dot: "·", minus: "−", assign: "←", arrow: "→", ellipsis: "…",
        dividedBy: "÷", le: "≤", partial: "∂", delta: "δ", sigma: "σ", prime: "′", sqrt: "√", sum: "Σ",
        eta: "η", mu: "μ", beta1: "β₁", beta2: "β₂", epsilon: "ε", mHat: "m̂", vHat: "v̂", normBar: "‖",
        half: "½", squared: "²", infinity: "∞", total: "E_total", subK: "ₖ", supT: "ᵗ")

    static let plain = Symbols(
        ascii: true, times: "*", dot: "*", minus: "-", assign: "<-", arrow: "->", ellipsis: "...",
        dividedBy: "/", le: "<=", partial: "d", delta: "delta", sigma: "sigmoid", prime: "'", sqrt: "sqrt",
        sum: "sum", eta: "eta", mu: "mu", beta1: "beta1", beta2: "beta2", epsilon: "eps", mHat: "m^",
        vHat: "v^", normBar: "|", half: "1/2", squared: "^2", infinity: "inf", total: "E_total", subK: "_k", supT: "^t")

    static func table(ascii: Bool) -> Symbols { ascii ? plain : unicode }

    /// n as a subscript: ₁₂ (Unicode) or 12 (ASCII).
    func sub(_ n: Int) -> String { Scripts.sub(n, ascii: ascii) }

    /// A short exponent: ⁽¹⁾, ¹² (Unicode) or ^(1), ^12 (ASCII).
    func sup(_ text: String) -> String { Scripts.sup(text, ascii: ascii) }

    /// ∂E/∂x
    func derivative(of top: String, by bottom: String) -> String {
        partial + top + "/" + partial + bottom
    }

    /// √x, or sqrt(x)
    func root(_ x: String) -> String {
        guard ascii else { return sqrt + x }
        return x.hasPrefix("(") ? sqrt + x : sqrt + "(" + x + ")"
    }

    func named(_ function: String, _ argument: String) -> String { function + "(" + argument + ")" }

    /// batch normalization's scale and shift, and the variance plus ε under its square root
    var gammaName: String { ascii ? "gamma" : "γ" }
    var betaName: String { ascii ? "beta" : "β" }
    var varianceEpsilon: String { ascii ? "(var + eps)" : "(σ² + ε)" }
}
