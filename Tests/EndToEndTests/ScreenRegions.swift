import Foundation

/// Parts of a captured tutor screen. The run bar (the second line) and the loss panel's chart show
/// the whole run, which grows as the run is trained; everything else shows the step on screen.
enum ScreenRegions {
    /// The screen's lines with the run bar and the inside of the loss panel blanked (the panel's
    /// title, with the step's loss, is kept), trailing spaces removed.
    static func outsideTheRun(_ screen: String) -> [String] {
        var lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        if lines.count > 1 { lines[1] = [] }
        // the loss panel: "┌ loss" (or "+ loss") at the top left of its box
        for (y, line) in lines.enumerated() {
            let text = String(line)
            guard let range = text.range(of: "┌ loss") ?? text.range(of: "+ loss") else { continue }
            let left = text.distance(from: text.startIndex, to: range.lowerBound)
            let corner: Character = line[left] == "┌" ? "┐" : "+"
            guard let right = line[(left + 1)...].firstIndex(of: corner) else { break }
            var row = y + 1
            while row < lines.count, lines[row].count > right, lines[row][left] != "└", lines[row][left] != "+" {
                for x in (left + 1)..<right { lines[row][x] = " " }
                row += 1
            }
            break
        }
        return lines.map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
    }
}
