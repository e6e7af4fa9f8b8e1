import TerminalUI
import XCTest

final class BufferTests: XCTestCase {
    func testPutAndLines() {
        var b = Buffer(width: 10, height: 2)
        let end = b.put("hello", x: 2, y: 1)
        XCTAssertEqual(end, 7)
        XCTAssertEqual(b.lines, ["", "  hello"])
        XCTAssertEqual(b.description, "\n  hello")
    }

    func testEqualityAndLinesInit() {
        var b = Buffer(width: 6, height: 2)
        b.put("ab", x: 0, y: 0)
        b.put("漢字", x: 1, y: 1)
        XCTAssertEqual(b, Buffer(lines: ["ab", " 漢字"], width: 6))
        XCTAssertNotEqual(b, Buffer(lines: ["ab", " 漢"], width: 6))
    }

    func testWideCharacterUsesTwoCells() {
        var b = Buffer(width: 6, height: 1)
        let end = b.put("a漢b", x: 0, y: 0)
        XCTAssertEqual(end, 4)
        XCTAssertEqual(b[1, 0].symbol, "漢")
        XCTAssertTrue(b[2, 0].isContinuation)
        XCTAssertEqual(b[3, 0].symbol, "b")
        XCTAssertEqual(b.lines, ["a漢b"])
    }

    func testCombiningMarkStaysWithItsBase() {
        var b = Buffer(width: 4, height: 1)
        b.put("e\u{0301}x", x: 0, y: 0)
        XCTAssertEqual(b[0, 0].symbol, "e\u{0301}")
        XCTAssertEqual(b[1, 0].symbol, "x")
    }

    func testClippingAtBufferEdges() {
        var b = Buffer(width: 5, height: 1)
        b.put("abcdefgh", x: 2, y: 0)
        XCTAssertEqual(b.lines, ["  abc"])
        b.put("xyz", x: -2, y: 0)
        XCTAssertEqual(b.lines, ["z abc"])
        b.put("nothing", x: 0, y: 3)
        XCTAssertEqual(b.lines, ["z abc"])
    }

    func testClippingToARect() {
        var b = Buffer(width: 10, height: 1)
        b.put("abcdefgh", x: 0, y: 0, clip: Rect(x: 2, y: 0, width: 3, height: 1))
        XCTAssertEqual(b.lines, ["  cde"])
    }

    func testWideCharacterAtTheRightEdgeBecomesASpace() {
        var b = Buffer(width: 5, height: 1)
        b.put("abcd漢", x: 0, y: 0)
        XCTAssertEqual(b.lines, ["abcd"])
        XCTAssertEqual(b[4, 0].symbol, " ")
        var c = Buffer(width: 6, height: 1)
        c.put("漢字漢字", x: 1, y: 0)
        XCTAssertEqual(c.lines, [" 漢字"])
        XCTAssertFalse(c[5, 0].isContinuation)
    }

    func testWideCharacterHalfCutOnTheLeftOfAClip() {
        var b = Buffer(width: 6, height: 1)
        b.put("漢字", x: 0, y: 0, clip: Rect(x: 1, y: 0, width: 5, height: 1))
        XCTAssertEqual(b.lines, ["  字"])
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var b = Buffer(width: 4, height: 1)
        b.put("漢字", x: 0, y: 0)
        b.put("x", x: 1, y: 0)
        XCTAssertEqual(b.lines, [" x字"])
        b.put("y", x: 2, y: 0)
        XCTAssertEqual(b.lines, [" xy"])
        XCTAssertEqual(b.cells.map(\.symbol), [" ", "x", "y", " "])
    }

    func testStylesAndFill() {
        var b = Buffer(width: 4, height: 2)
        b.put("ab", x: 0, y: 0, style: Style(.accent).bold)
        XCTAssertEqual(b[0, 0].foreground, .accent)
        XCTAssertEqual(b[0, 0].attributes, .bold)
        b.addAttributes(.reverse, in: Rect(x: 0, y: 0, width: 1, height: 1))
        XCTAssertEqual(b[0, 0].attributes, [.bold, .reverse])
        b.fill(Rect(x: 0, y: 0, width: 4, height: 2), with: Cell("#"))
        XCTAssertEqual(b.lines, ["####", "####"])
        XCTAssertEqual(b[0, 0].style, .plain)
    }

    func testTabsAndControlCharacters() {
        var b = Buffer(width: 6, height: 1)
        b.put("a\tb\u{1B}c", x: 0, y: 0)
        XCTAssertEqual(b.lines, ["a bc"])
    }
}
