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
        var text = fixedDecimal(v, digits: digits) ?? String(format: "%.\(digits)f", v)
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

    /// A whole number, all of its digits (218772).
    func count(_ v: Double) -> String {
        if let special = nonFinite(v) { return special }
        return abs(v) < 1e15 ? signed(String(format: "%.0f", v.rounded())) : compact(v)
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

/// `String(format: "%.<digits>f", v)` for 1...8 digits and |v| < 1e7, exactly (the decimal
/// nearest to the binary value, ties to even, "-" kept for negative values that round to zero),
/// from the bits of `v`: a frame writes hundreds of numbers and Foundation's formatter cost
/// several thousand instructions each. nil outside that range (the caller formats as before).
func fixedDecimal(_ v: Double, digits: Int) -> String? {
    guard (1...8).contains(digits), v.isFinite, abs(v) < 1e7 else { return nil }
    var scale: UInt64 = 1
    for _ in 0..<digits { scale *= 10 }
    var n: UInt64 = 0
    if v != 0 {
        guard v.isNormal else { return nil }
        // |v| = m · 2^-s exactly; n = |v| · 10^digits rounded half to even, in 128-bit arithmetic
        let m = v.significandBitPattern | (1 << 52)
        let s = 52 - Int(v.exponent)
        guard s > 0 else { return nil }
        let (hi, lo) = m.multipliedFullWidth(by: scale)
        func bit(_ k: Int) -> Bool { k < 64 ? (lo >> UInt64(k)) & 1 == 1 : k < 128 ? (hi >> UInt64(k - 64)) & 1 == 1 : false }
        /// whether any of the lowest k bits is set
        func anyBelow(_ k: Int) -> Bool {
            if k <= 0 { return false }
            if k < 64 { return lo & ((1 << UInt64(k)) - 1) != 0 }
            if lo != 0 { return true }
            return k - 64 >= 64 ? hi != 0 : hi & ((1 << UInt64(k - 64)) - 1) != 0
        }
        if s >= 128 {
            n = 0
        } else if s >= 64 {
            n = hi >> UInt64(s - 64)
        } else {
            guard hi >> UInt64(s) == 0 else { return nil }
            n = (lo >> UInt64(s)) | (hi << UInt64(64 - s))
        }
        if bit(s - 1) && (anyBelow(s - 1) || n & 1 == 1) { n += 1 }
    }
    let fraction = String(n % scale)
    let zeros = String(repeating: "0", count: digits - fraction.count)
    return (v.sign == .minus ? "-" : "") + String(n / scale) + "." + zeros + fraction
}
