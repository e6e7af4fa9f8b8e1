/// Counts of (true class, predicted class), rows true and columns predicted:
///
/// ```
///         predicted
///          0  1  2
/// true 0  17  ·  1
///      1   · 18  ·
///      2   2  · 15
/// ```
/// The diagonal (right answers) is `.positive` and bold, other non-zero counts (mistakes)
/// `.negative`, zeros a dim `·` (`.` in ASCII). The titles are the caller's words.
public struct ConfusionMatrix: Widget, Sendable {
    /// counts[true][predicted]
    public var counts: [[Int]]
    /// One per class ("0" … "9" when empty).
    public var labels: [String]
    public var rowTitle: String
    public var columnTitle: String
    public var unicode: Bool

    public init(counts: [[Int]], labels: [String] = [], rowTitle: String = "true",
                columnTitle: String = "predicted", unicode: Bool = true) {
        self.counts = counts
        self.labels = labels.isEmpty ? counts.indices.map(String.init) : labels
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
        self.unicode = unicode
    }

    /// The matrix for these labels (pairs with a class outside 0..<classes are skipped).
    public static func counts(truth: [Int], predicted: [Int], classes: Int) -> [[Int]] {
        var m = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (t, p) in zip(truth, predicted) where (0..<classes).contains(t) && (0..<classes).contains(p) {
            m[t][p] += 1
        }
        return m
    }

    /// Width of one count column, a space included.
    var cellWidth: Int {
        let widest = counts.flatMap { $0 }.map { String($0).count }.max() ?? 1
        return max(widest, labels.map { displayWidth(of: $0) }.max() ?? 1) + 1
    }

    /// Cells needed for the whole matrix.
    public var size: (width: Int, height: Int) {
        let labelColumn = displayWidth(of: rowTitle) + 1 + (labels.map { displayWidth(of: $0) }.max() ?? 1)
        return (labelColumn + 1 + counts.count * cellWidth, counts.count + 2)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let n = counts.count
        let labelWidth = labels.map { displayWidth(of: $0) }.max() ?? 1
        let titleWidth = displayWidth(of: rowTitle)
        let left = area.x + titleWidth + 1 + labelWidth + 1  // first count column (its leading space)
        let cw = cellWidth
        func putRight(_ text: String, right: Int, y: Int, style: Style) {
            buffer.put(text, x: right - displayWidth(of: text), y: y, style: style, clip: area)
        }
        // titles and column labels
        let columnsWidth = n * cw
        let tw = displayWidth(of: columnTitle)
        let titleX = left + max(1, (columnsWidth - tw + 1) / 2)
        buffer.put(columnTitle, x: titleX, y: area.y, style: Style(.dim), clip: area)
        for j in 0..<n {
            putRight(label(j), right: left + (j + 1) * cw, y: area.y + 1, style: Style(.dim))
        }
        let dot = unicode ? "·" : "."
        for i in 0..<n {
            let y = area.y + 2 + i
            guard y < area.bottom else { break }
            if i == 0 { buffer.put(rowTitle, x: area.x, y: y, style: Style(.dim), clip: area) }
            putRight(label(i), right: left - 1, y: y, style: Style(.dim))
            for j in 0..<n {
                let v = j < counts[i].count ? counts[i][j] : 0
                let style: Style
                let text: String
                if v == 0 {
                    (text, style) = (dot, i == j ? Style(.positive) : Style(.dim))
                } else {
                    (text, style) = (String(v), i == j ? Style(.positive, attributes: [.bold]) : Style(.negative))
                }
                putRight(text, right: left + (j + 1) * cw, y: y, style: style)
            }
        }
    }

    private func label(_ i: Int) -> String { i < labels.count ? labels[i] : String(i) }
}
