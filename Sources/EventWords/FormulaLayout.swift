import Foundation

/// Lays formulas out in lines: "a = b = c = d" packed into lines no wider than `width`,
/// and long sums shortened to their first terms, an ellipsis and the last term.
struct FormulaLayout: Sendable {
    var width: Int
    var shorten: Bool
    var ellipsis: String
    var assign: String

    /// Sums with more terms than this are shortened.
    static let longSum = 5
    /// Terms kept at the front of a shortened sum (the last one is kept too).
    static let kept = 3

    /// The items of a list of `count`, building only the ones shown (a layer can be wide).
    func terms(count: Int, _ item: (Int) -> String) -> [String] {
        guard shorten && count > FormulaLayout.longSum else { return (0..<count).map(item) }
        return (0..<FormulaLayout.kept).map(item) + [ellipsis, item(count - 1)]
    }

    /// A sum of `count` terms joined with " + ", shortened when long.
    func sum(count: Int, _ item: (Int) -> String) -> String {
        terms(count: count, item).joined(separator: " + ")
    }

    /// "first = second = third …", continuing on new lines under the first "=" (or "←") when too wide.
    func chain(_ parts: [String]) -> [String] {
        guard var line = parts.first else { return [] }
        var lines: [String] = []
        let indent = String(repeating: " ", count: operatorColumn(of: line))
        for part in parts.dropFirst() {
            let joined = line + " = " + part
            if joined.count <= width {
                line = joined
            } else {
                lines.append(line)
                let wrapped = wrap(indent + "= " + part, continuation: indent + "  ")
                lines += wrapped.dropLast()
                line = wrapped[wrapped.count - 1]
            }
        }
        lines.append(line)
        return lines
    }

    /// A line still too wide broken before its " + " signs, continuing under `continuation`.
    private func wrap(_ text: String, continuation: String) -> [String] {
        guard text.count > width else { return [text] }
        let pieces = text.components(separatedBy: " + ")
        var lines: [String] = []
        var line = pieces[0]
        for piece in pieces.dropFirst() {
            if line.count + 3 + piece.count <= width || line.count <= continuation.count + 2 {
                line += " + " + piece
            } else {
                lines.append(line)
                line = continuation + "+ " + piece
            }
        }
        lines.append(line)
        return lines
    }

    /// Where the first "=" or "←" of a formula sits (or would sit, after a bare left side).
    private func operatorColumn(of first: String) -> Int {
        let chars = Array(first)
        for marker in [" = ", " " + assign + " "] {
            let m = Array(marker)
            if chars.count >= m.count {
                for k in 0...(chars.count - m.count) where Array(chars[k..<(k + m.count)]) == m {
                    return k + 1
                }
            }
        }
        return chars.count + 1
    }
}
