import Foundation
import XCTest

/// The real binary draws a legible diagram for the article's sizes: on the digits (64-32-10)
/// and the 784-128-64-10 file, no row of the network panel is more than half braille or box
/// characters, and the input is drawn as the image.
final class DiagramScreenTests: XCTestCase {
    override func setUpWithError() throws {
        try TmuxSession.require()
    }

    /// The rows between the top and bottom borders of the panel titled "network", as the
    /// characters from its left border to its right one (the panel is at the left edge of the
    /// screen, so characters before it are one column each).
    static func networkPanelRows(_ screen: String) -> [[Character]]? {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        guard let top = lines.firstIndex(where: { String($0).contains("┌ network") }) else { return nil }
        let left = lines[top].firstIndex(of: "┌")!
        guard let right = lines[top][left...].firstIndex(of: "┐"),
              let bottom = lines[(top + 1)...].firstIndex(where: { $0.count > left && $0[left] == "└" }) else { return nil }
        return lines[(top + 1)..<bottom].map { Array($0[left...min(right, $0.count - 1)]) }
    }

    static func isLine(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        return (0x2800...0x28FF).contains(v) || (0x2500...0x257F).contains(v)
    }

    func assertLegible(_ screen: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let rows = Self.networkPanelRows(screen) else {
            XCTFail("\(what): no network panel\n\(screen)", file: file, line: line)
            return
        }
        for row in rows {
            let lines = row.filter(Self.isLine).count
            XCTAssertLessThanOrEqual(2 * lines, row.count, "\(what): \(String(row))\n\(screen)", file: file, line: line)
        }
    }

    func testDigitsAt120x40() throws {
        let tmux = try TmuxSession(["open", Binary.path("benchmarks/digits-64-32-10.toml"), "--lang", "en"], width: 120, height: 40)
        let start = try tmux.waitForSettled("Ready")
        XCTAssertTrue(start.contains("input 8×8") && start.contains("hidden (32)"), start)
        XCTAssertTrue(start.contains("█"), "the first digit is drawn as an image")
        assertLegible(start, "start")
        for _ in 0..<3 { try tmux.send("Right") }
        let forward = try tmux.waitForSettled("Weighted sum of h₂")
        assertLegible(forward, "forward")
        try tmux.send("Tab")
        try tmux.send("Tab")
        assertLegible(try tmux.waitForSettled("BACKWARD"), "backward")
        try tmux.send("q")
        XCTAssertEqual(tmux.exitStatus(), 0)
    }

    func testArticleSizeAt80x24() throws {
        let tmux = try TmuxSession(["open", Binary.path("benchmarks/digits-784-128-64-10.toml"), "--lang", "en"], width: 80, height: 24)
        let start = try tmux.waitForSettled("Ready")
        XCTAssertTrue(start.contains("input 28×28") && start.contains("hidden (128)") && start.contains("more"), start)
        assertLegible(start, "start")
        try tmux.send("q")
        XCTAssertEqual(tmux.exitStatus(), 0)
    }
}
