import TerminalUI

/// A panel found on a drawn screen by its box border: its title and the text inside it.
/// Read from the cells, the way a person reads the screen, not from the code that drew it.
struct ScreenPanel {
    var title: String
    var footer: String
    var x: Int, y: Int, width: Int, height: Int
    /// The rows inside the border, without the border (right spaces kept).
    var lines: [String]

    /// The rows inside, without the one-column padding and trailing spaces.
    let text: [String]
    /// Everything inside with every space and line break removed (a wrapped text compares
    /// equal to its source this way, in English and in Japanese).
    let squeezed: String

    init(title: String, footer: String, x: Int, y: Int, width: Int, height: Int, lines: [String]) {
        (self.title, self.footer, self.x, self.y, self.width, self.height, self.lines) = (title, footer, x, y, width, height, lines)
        text = lines.map { String($0.dropFirst()).trimmingTrailingSpaces }
        squeezed = squeeze(text.joined())
    }
}

/// The string without spaces and line breaks.
func squeeze(_ s: String) -> String { String(s.filter { !$0.isWhitespace }) }

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// The row `y` from column `from` to `to` (exclusive), wide characters once.
func cellText(_ buffer: Buffer, y: Int, from: Int, to: Int) -> String {
    var s = ""
    for x in from..<max(from, to) {
        let cell = buffer[x, y]
        if cell.width == 0 { continue }
        s += cell.symbol
    }
    return s
}

/// Every box-drawn panel (`┌ title ───┐` … `└ footer ──┘`) on the screen.
func screenPanels(_ buffer: Buffer) -> [ScreenPanel] {
    var out: [ScreenPanel] = []
    for y in 0..<buffer.height {
        for x in 0..<buffer.width where buffer[x, y].width == 1 && buffer[x, y].symbol == "┌" {
            var right = x + 1
            while right < buffer.width, buffer[right, y].symbol != "┐" { right += 1 }
            var bottom = y + 1
            while bottom < buffer.height, buffer[x, bottom].symbol != "└" { bottom += 1 }
            guard right < buffer.width, bottom < buffer.height else { continue }
            func label(_ row: Int) -> String {
                cellText(buffer, y: row, from: x + 1, to: right).filter { $0 != "─" }.trimmingCharacters(in: " ")
            }
            let lines = (y + 1)..<bottom
            out.append(ScreenPanel(title: label(y), footer: label(bottom), x: x, y: y, width: right - x + 1,
                                   height: bottom - y + 1,
                                   lines: lines.map { cellText(buffer, y: $0, from: x + 1, to: right) }))
        }
    }
    return out
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}

/// Operators a formula line must not end on (and that a wrapped line must not end on).
let formulaOperators: Set<String> = ["=", "+", "−", "-", "×", "·", "←", "/", "÷", "<", ">", "≤", "≥", "≈"]

/// The problems of one text panel's lines: a line ending on an operator, or a line starting
/// with `=` that continues nothing (a symbol cut from its value).
func formulaBreakProblems(_ panel: ScreenPanel) -> [String] {
    var problems: [String] = []
    let lines = panel.text
    for (k, line) in lines.enumerated() {
        let tokens = line.split(separator: " ")
        if let last = tokens.last, formulaOperators.contains(String(last)) {
            problems.append("\(panel.title): line ends on \"\(last)\": \(line)")
        }
        if let first = tokens.first, first == "=" {
            // past the lines that continue the same side before a "+" or "×", to the formula's head
            let joiners: Set<String> = ["+", "−", "-", "×", "·", "÷"]
            let before = lines[..<k].last { line in
                !line.isEmpty && !joiners.contains(line.split(separator: " ").first.map(String.init) ?? "")
            } ?? ""
            if !before.contains(" = ") && !before.trimmingCharacters(in: " ").hasPrefix("=") && !before.contains("←") {
                problems.append("\(panel.title): line starts with \"=\" continuing nothing: \(before) / \(line)")
            }
        }
    }
    return problems
}

/// Where `needle` (a number as the screen writes it) appears on its own, not inside a longer number.
func containsNumber(_ haystack: String, _ needle: String) -> Bool {
    var search = haystack[...]
    while let r = search.range(of: needle) {
        let before = haystack[..<r.lowerBound].last
        let after = haystack[r.upperBound...].first
        let digitBefore = before.map { $0.isNumber || $0 == "." } ?? false
        let digitAfter = after.map { $0.isNumber } ?? false
        if !digitBefore && !digitAfter { return true }
        search = haystack[r.upperBound...]
    }
    return false
}
