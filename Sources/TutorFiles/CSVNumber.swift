/// Decimal numbers read straight from a CSV file's bytes, with the same result as `Double(String)`.
///
/// Plain decimals with at most 19 significant digits and a mantissa below 2⁵³ times a power of ten
/// up to 10²² are exact in one multiplication or division, so they are computed here (Clinger's
/// fast path: both operands are exact doubles, so the one rounding is the correct one). Anything
/// else — long mantissas, large exponents, hex, inf, nan — goes to `Double(String)` itself.
enum CSVNumber {
    private static let powers: [Double] = (0...22).map { p in
        var v = 1.0
        for _ in 0..<p { v *= 10 }   // exact up to 10²²
        return v
    }

    /// The number the bytes spell, or nil when `Double(String)` would refuse them.
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        if let v = fast(b) { return v }
        return Double(String(decoding: b, as: UTF8.self))
    }

    /// nil means "not decided here", not "not a number".
    @inline(__always)
    private static func fast(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = b.count
        var i = 0
        var negative = false
        if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { negative = b[i] == UInt8(ascii: "-"); i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0          // significant digits taken into the mantissa
        var anyDigit = false
        var scale = 0           // power of ten to apply
        while i < n, b[i] &- 48 < 10 {
            anyDigit = true
            if mantissa != 0 || b[i] != 48 { mantissa = mantissa &* 10 &+ UInt64(b[i] &- 48); digits += 1 }
            i += 1
        }
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, b[i] &- 48 < 10 {
                anyDigit = true
                if mantissa != 0 || b[i] != 48 { mantissa = mantissa &* 10 &+ UInt64(b[i] &- 48); digits += 1 }
                scale -= 1
                i += 1
            }
        }
        guard anyDigit, digits <= 19 else { return nil }
        if i < n, b[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { expNegative = b[i] == UInt8(ascii: "-"); i += 1 }
            var e = 0, expDigits = 0
            while i < n, b[i] &- 48 < 10 {
                if e < 100_000 { e = e * 10 + Int(b[i] &- 48) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            scale += expNegative ? -e : e
        }
        guard i == n, mantissa <= 1 << 53 else { return nil }
        var v = Double(mantissa)
        if mantissa != 0 {
            guard scale >= -22 && scale <= 22 else { return nil }
            v = scale < 0 ? v / powers[-scale] : v * powers[scale]
        }
        return negative ? -v : v
    }
}
