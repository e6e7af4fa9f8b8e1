import TerminalUI

/// What to show for a cell when the locale is not UTF-8 (e.g. LC_ALL=C), where ncurses would
/// print non-ASCII text as garbage: line drawing becomes `+ - |`, a few symbols get ASCII
/// look-alikes, and anything else becomes `?` per column so the layout keeps its shape.
public enum AsciiFallback {
    public static func symbol(_ symbol: String) -> String {
        if symbol.unicodeScalars.allSatisfy({ $0.isASCII }) { return symbol }
        if let mapped = table[symbol] { return mapped }
        if let s = symbol.unicodeScalars.first, (0x2800...0x28FF).contains(s.value) { return "*" }
        if let s = symbol.unicodeScalars.first, (0x2500...0x257F).contains(s.value) { return "+" }
        return String(repeating: "?", count: max(1, displayWidth(of: symbol)))
    }

    private static let table: [String: String] = {
        var t: [String: String] = [:]
        for c in "─━═╌╍┄┅" { t[String(c)] = "-" }
        for c in "│┃║╎╏┆┇" { t[String(c)] = "|" }
        let pairs: [(String, String)] = [
            ("…", "~"), ("·", "."), ("•", "*"), ("●", "o"), ("○", "o"), ("×", "x"), ("−", "-"),
            ("←", "<"), ("→", ">"), ("↑", "^"), ("↓", "v"), ("◀", "<"), ("▶", ">"), ("▲", "^"), ("▼", "v"),
            ("“", "\""), ("”", "\""), ("‘", "'"), ("’", "'"), ("–", "-"), ("—", "-"), ("▪", "#"), ("█", "#"),
        ]
        for (k, v) in pairs { t[k] = v }
        return t
    }()
}
