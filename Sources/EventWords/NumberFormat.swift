import Foundation

/// How numbers are written: engine values with a fixed number of decimals, hyper-parameters
/// (η, μ, β, ε, limits) as short as they are.
struct NumberFormat: Sendable {
    var digits: Int
    var symbols: Symbols

    /// Fixed decimals; scientific when the fixed form would hide a non-zero value or be too long.
    func fixed(_ v: Double) -> String {
        if let special = nonFinite(v) { return special }
        let threshold = 0.5 * pow(10, -Double(digits))
        if v != 0 && (abs(v) < threshold || abs(v) >= 1e7) {
            return scientific(String(format: "%.\(digits)e", v))
        }
        var text = String(format: "%.\(digits)f", v)
        if text.hasPrefix("-") {
            // −0.0000 is just 0
            if text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        }
        return signed(text)
    }

    /// A hyper-parameter or a count: as few digits as it needs (0.5, 0.9, 1e-08 → 10⁻⁸).
    func compact(_ v: Double) -> String {
        if let special = nonFinite(v) { return special }
        let text = String(format: "%g", v)
        return text.contains("e") ? scientific(text) : signed(text)
    }

    /// A number used inside a larger expression: in parentheses when negative or scientific.
    func operand(_ v: Double) -> String { wrap(fixed(v)) }
    func compactOperand(_ v: Double) -> String { wrap(compact(v)) }
    /// The first number of an expression: a leading minus needs no parentheses.
    func lead(_ v: Double) -> String {
        let text = fixed(v)
        return text.contains("e") || text.contains("×10") ? "(" + text + ")" : text
    }

    private func wrap(_ text: String) -> String {
        let needs = text.hasPrefix(symbols.minus) || text.contains("e") || text.contains("×10")
        return needs ? "(" + text + ")" : text
    }

    private func nonFinite(_ v: Double) -> String? {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return (v < 0 ? symbols.minus : "") + symbols.infinity }
        return nil
    }

    private func signed(_ text: String) -> String {
        text.hasPrefix("-") ? symbols.minus + text.dropFirst() : text
    }

    /// "6.7514e-06" → "6.7514×10⁻⁶" (Unicode) or kept as it is (ASCII).
    private func scientific(_ text: String) -> String {
        guard !symbols.ascii, let e = text.firstIndex(where: { $0 == "e" }) else { return signed(text) }
        let mantissa = signed(String(text[..<e]))
        var exponent = String(text[text.index(after: e)...])
        if exponent.hasPrefix("+") { exponent.removeFirst() }
        let negative = exponent.hasPrefix("-")
        if negative { exponent.removeFirst() }
        while exponent.count > 1 && exponent.hasPrefix("0") { exponent.removeFirst() }
        let power = "10" + symbols.sup((negative ? "-" : "") + exponent)
        return mantissa == "1" ? power : mantissa + "×" + power
    }
}
