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

    /// "first = second = third …", continuing on new lines that start with "=" under the first
    /// "=" (or "←") when too wide. A formula breaks only there: the left side stays with its first
    /// right side, and a piece that cannot fit on its line is shortened with the ellipsis
    /// (`FormulaShortening`), never wrapped inside a term.
    func chain(_ parts: [String]) -> [String] {
        guard var line = parts.first else { return [] }
        var lines: [String] = []
        let column = operatorColumn(of: line)
        let indent = String(repeating: " ", count: column)
        // a bare left side ("∂E/∂w₅") keeps its first right side on its line
        let bare = column == line.count + 1
        for (k, part) in parts.dropFirst().enumerated() {
            let joined = line + " = " + part
            if joined.count <= width {
                line = joined
            } else if k == 0 && bare && shorten {
                line = fit(joined)
            } else {
                lines += fit(line, continuation: indent + "  ")
                line = indent + "= " + part
            }
        }
        lines += fit(line, continuation: indent + "  ")
        return lines
    }

    /// The line, shortened with the ellipsis when it is too wide. A full formula (`shorten` off:
    /// printed text, not a panel) keeps every term instead, continuing before its " + " signs.
    func fit(_ line: String, continuation: String) -> [String] {
        guard line.count > width else { return [line] }
        guard shorten else { return wrap(line, continuation: continuation) }
        return [fit(line)]
    }

    func fit(_ line: String) -> String {
        guard line.count > width else { return line }
        let body = line.drop { $0 == " " }
        let indent = String(repeating: " ", count: line.count - body.count)
        return indent + FormulaShortening.shorten(String(body), width: max(1, width - indent.count), ellipsis: ellipsis)
    }

    /// A line still too wide broken before its " + " signs, continuing under `continuation`.
    private func wrap(_ text: String, continuation: String) -> [String] {
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
