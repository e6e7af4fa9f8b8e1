/// Subscripts and superscripts for names and formulas: Unicode on the screen, plain ASCII text
/// otherwise (`x₁₂` / `x12`, `h⁽²⁾` / `h^(2)`).
public enum Scripts {
    /// n as a subscript: ₁₂ (Unicode) or 12 (ASCII).
    public static func sub(_ n: Int, ascii: Bool) -> String {
        ascii ? String(n) : String(String(n).map { subDigits[$0] ?? $0 })
    }

    /// A short exponent: ⁽¹⁾, ¹² (Unicode) or ^(1), ^12 (ASCII).
    public static func sup(_ text: String, ascii: Bool) -> String {
        ascii ? "^" + text : String(text.map { supChars[$0] ?? $0 })
    }

    private static let subDigits: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
    ]
    private static let supChars: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "-": "⁻", "−": "⁻", "(": "⁽", ")": "⁾", "+": "⁺",
    ]
}
