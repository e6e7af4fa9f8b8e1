import Foundation

/// How a placeholder shows its number: `.4f` (fixed, 4 decimals), `.2e` (scientific: 5.36×10²⁰,
/// as the tables write it; 5.36e+20 in ASCII), `d`
/// (rounded to an integer), `.1%` (times 100, with a percent sign); a leading `+` always shows
/// the sign. Without a format: `.4f`. Negative numbers get a real minus sign (−) unless ASCII.
public struct ValueFormat: Sendable, Equatable {
    public enum Style: Sendable, Equatable {
        case fixed, scientific, integer, percent
    }

    public var style: Style
    public var decimals: Int
    public var alwaysSign: Bool

    public static let standard = ValueFormat(style: .fixed, decimals: 4, alwaysSign: false)

    public init(style: Style, decimals: Int, alwaysSign: Bool) {
        self.style = style
        self.decimals = decimals
        self.alwaysSign = alwaysSign
    }

    /// Reads a format spec; nil when it is not one.
    public init?(spec: String) {
        var s = Substring(spec)
        if s.isEmpty { self = .standard; return }
        alwaysSign = s.first == "+"
        if alwaysSign { s = s.dropFirst() }
        if s == "d" {
            style = .integer
            decimals = 0
            return
        }
        if s == "%" {
            style = .percent
            decimals = 0
            return
        }
        guard s.first == ".", let last = s.last else { return nil }
        let digits = s.dropFirst().dropLast()
        guard !digits.isEmpty, digits.count <= 2, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let n = Int(digits), n <= 12 else { return nil }
        decimals = n
        switch last {
        case "f": style = .fixed
        case "e": style = .scientific
        case "%": style = .percent
        default: return nil
        }
    }

    /// The spec as written in files.
    public var spec: String {
        let sign = alwaysSign ? "+" : ""
        switch style {
        case .fixed: return "\(sign).\(decimals)f"
        case .scientific: return "\(sign).\(decimals)e"
        case .integer: return "\(sign)d"
        case .percent: return "\(sign).\(decimals)%"
        }
    }

    /// The number written out.
    public func format(_ value: Double, ascii: Bool = false) -> String {
        let minus = ascii ? "-" : "−"
        if value.isNaN { return "NaN" }
        if value.isInfinite { return (value < 0 ? minus : (alwaysSign ? "+" : "")) + (ascii ? "inf" : "∞") }
        var body: String
        switch style {
        case .fixed: body = String(format: "%.\(decimals)f", value)
        case .scientific: body = String(format: "%.\(decimals)e", value)
        case .integer: body = String(format: "%.0f", value.rounded())
        case .percent: body = String(format: "%.\(decimals)f", value * 100) + "%"
        }
        // "-0.0000" is shown as 0.0000
        if body.hasPrefix("-") {
            let digits = body.dropFirst()
            let mantissa = digits.prefix { $0 != "e" }
            if mantissa.contains(where: { ("1"..."9").contains($0) }) {
                return minus + (style == .scientific && !ascii ? Self.powerOfTen(String(digits)) : String(digits))
            }
            body = String(digits)
        }
        if style == .scientific && !ascii { body = Self.powerOfTen(body) }
        return (alwaysSign ? "+" : "") + body
    }

    /// "5.36e+20" → "5.36×10²⁰", "−1.29e-03" → "−1.29×10⁻³": one notation for students, the one
    /// the tutor's tables use, in English and Japanese prose alike.
    static func powerOfTen(_ text: String) -> String {
        guard let e = text.firstIndex(of: "e") else { return text }
        var exponent = Substring(text[text.index(after: e)...])
        let negative = exponent.first == "-"
        if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
        while exponent.count > 1 && exponent.first == "0" { exponent = exponent.dropFirst() }
        let superscripts: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵",
                                                    "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
        let power = (negative ? "⁻" : "") + String(exponent.map { superscripts[$0] ?? $0 })
        return String(text[..<e]) + "×10" + power
    }
}
