/// What a student typed, read for one kind of quiz. Full-width characters (０．０８, ＋, ｂ) are
/// read like their ASCII forms, and −, –, ー (a long-vowel mark typed for a minus) as "-".
public enum StudentAnswer: Equatable, Sendable {
    case number(Double)
    case sign(Sign)
    /// index from 0
    case choice(Int)
}

public enum Sign: String, Equatable, Sendable, Codable {
    case positive = "+"
    case negative = "−"
    case zero = "0"

    public init(of value: Double) {
        self = value > 0 ? .positive : value < 0 ? .negative : .zero
    }
}

public enum AnswerReader {
    /// The answer, or nil when the text cannot be read as one.
    public static func read(_ text: String, kind: Quiz.Kind, choiceCount: Int = 0) -> StudentAnswer? {
        let s = normalize(text)
        guard !s.isEmpty else { return nil }
        switch kind {
        case .number: return number(s).map { .number($0) }
        case .sign: return sign(s).map { .sign($0) }
        case .choice: return choice(s, count: choiceCount).map { .choice($0) }
        }
    }

    /// ASCII forms, spaces trimmed, lowercased.
    public static func normalize(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: out.append(" ")
            case 0x2212, 0x2013, 0x2012, 0x30FC, 0xFE63, 0x2010: out.append("-")
            case 0xFE62: out.append("+")
            case 0x3002: out.append(".")  // 。 typed for a decimal point
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out.trimmingSpaces.lowercased()
    }

    /// "0.08", "-.5", "8e-2", "0,08" (decimal comma), "8%" (= 0.08), "+0.1"
    static func number(_ s: String) -> Double? {
        var t = s.replacingSpaces
        var scale = 1.0
        if t.hasSuffix("%") { t.removeLast(); scale = 0.01 }
        if !t.contains("."), t.filter({ $0 == "," }).count == 1 { t = t.replacingComma }
        guard !t.isEmpty, t.allSatisfy({ "0123456789.+-e".contains($0) }), t.contains(where: \.isNumber),
              let v = Double(t), v.isFinite else { return nil }
        return v * scale
    }

    static func sign(_ s: String) -> Sign? {
        switch s {
        case "+", "p", "pos", "positive", "plus", "正", "プラス", "ぷらす", "せい": return .positive
        case "-", "n", "neg", "negative", "minus", "負", "マイナス", "まいなす", "ふ": return .negative
        case "0", "zero", "ゼロ", "零": return .zero
        default:
            return number(s).map { Sign(of: $0) }
        }
    }

    /// "b", "(b)", "b)", "2"; a letter or number outside the choices is not read.
    static func choice(_ s: String, count: Int) -> Int? {
        let t = s.filter { !"()[]. )".contains($0) }
        if t.count == 1, let c = t.unicodeScalars.first, ("a"..."z").contains(Character(c)) {
            let k = Int(c.value) - 97
            return k < count ? k : nil
        }
        if let k = Int(t), k >= 1, k <= count { return k - 1 }
        return nil
    }
}

extension String {
    var replacingSpaces: String { filter { $0 != " " } }
    var replacingComma: String { String(map { $0 == "," ? "." : $0 }) }
}
