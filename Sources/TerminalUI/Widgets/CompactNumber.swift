/// A short label for an axis or legend: about 3 significant digits, no trailing zeros,
/// exponent form for very large or very small magnitudes.
/// `0.29843 → "0.298"`, `12.5 → "12.5"`, `1234 → "1234"`, `0.000123 → "1.23e-4"`, `-2 → "-2"`.
public func compactNumber(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == 0 { return "0" }
    let sign = value < 0 ? "-" : ""
    let a = abs(value)
    var exponent = Int(log10Floor(a))
    if a >= 1e-3 && a < 1e5 {
        let decimals = max(0, 2 - exponent)
        return sign + fixed(a, decimals: decimals)
    }
    var mantissa = a / power10(exponent)
    mantissa = (mantissa * 100).rounded() / 100
    if mantissa >= 10 { mantissa /= 10; exponent += 1 }
    return sign + fixed(mantissa, decimals: 2) + "e" + String(exponent)
}

/// `value` rounded to `decimals` places, without trailing zeros (and without a bare ".").
func fixed(_ value: Double, decimals: Int) -> String {
    let scale = power10(decimals)
    let rounded = (value * scale).rounded() / scale
    if decimals == 0 || rounded == rounded.rounded(), abs(rounded) < 1e15 {
        return String(Int64(rounded.rounded()))
    }
    var s = String(rounded)
    if s.contains("e") { return s }
    if let dot = s.firstIndex(of: "."), s.distance(from: dot, to: s.endIndex) - 1 > decimals {
        s = String(s[..<s.index(dot, offsetBy: decimals + 1)])
    }
    while s.hasSuffix("0") && s.contains(".") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
}

private func power10(_ n: Int) -> Double {
    var r = 1.0
    if n >= 0 { for _ in 0..<n { r *= 10 } } else { for _ in 0..<(-n) { r /= 10 } }
    return r
}

private func log10Floor(_ a: Double) -> Double {
    var e = 0
    var x = a
    while x >= 10 { x /= 10; e += 1 }
    while x < 1 { x *= 10; e -= 1 }
    return Double(e)
}
