import TerminalUI
import XCTest

final class BoxTests: XCTestCase {
    func testLightBox() {
        var b = Buffer(width: 6, height: 3)
        b.drawBox(b.area)
        XCTAssertEqual(b.lines, ["┌────┐", "│    │", "└────┘"])
        XCTAssertEqual(b[0, 0].foreground, .border)
    }

    func testHeavyAndRoundedBoxes() {
        var b = Buffer(width: 4, height: 2)
        b.drawBox(b.area, box: .heavy)
        XCTAssertEqual(b.lines, ["┏━━┓", "┗━━┛"])
        b.drawBox(b.area, box: .rounded)
        XCTAssertEqual(b.lines, ["╭──╮", "╰──╯"])
    }

    func testASCIIBox() {
        var b = Buffer(width: 5, height: 3)
        b.drawBox(b.area, box: .standard(unicode: false))
        XCTAssertEqual(b.lines, ["+---+", "|   |", "+---+"])
    }

    func testDividers() {
        var b = Buffer(width: 7, height: 5)
        b.drawBox(b.area)
        b.drawHorizontalDivider(in: b.area, y: 2)
        b.drawVerticalDivider(in: Rect(x: 0, y: 2, width: 7, height: 3), x: 3)
        XCTAssertEqual(b.lines, ["┌─────┐", "│     │", "├──┬──┤", "│  │  │", "└──┴──┘"])
    }

    func testTooSmallBoxDrawsNothing() {
        var b = Buffer(width: 3, height: 3)
        b.drawBox(Rect(x: 0, y: 0, width: 1, height: 3))
        XCTAssertEqual(b.lines, ["", "", ""])
    }

    func testPanelWithTitleAndFooter() {
        var b = Buffer(width: 16, height: 4)
        let panel = Panel(title: "Loss 損失", footer: "q quit")
        panel.render(into: &b, area: b.area)
        TextBlock("inside").render(into: &b, area: panel.inner(b.area))
        XCTAssertEqual(b.lines, ["┌ Loss 損失 ───┐", "│inside        │", "│              │", "└ q quit ──────┘"])
        XCTAssertEqual(b[2, 0].foreground, .title)
    }

    func testPanelTitleIsTruncatedToFit() {
        var b = Buffer(width: 12, height: 3)
        Panel(title: "A very long title", box: .ascii).render(into: &b, area: b.area)
        XCTAssertEqual(b.lines[0], "+ A very~ -+")
        XCTAssertEqual(b.lines[0].count, 12)
    }
}
