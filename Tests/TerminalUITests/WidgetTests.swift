import TerminalUI
import XCTest

final class WidgetTests: XCTestCase {
    func testTextBlockWrapsAndMarksBold() {
        var b = Buffer(width: 12, height: 3)
        TextBlock("The *output* is too high.").render(into: &b, area: b.area)
        XCTAssertEqual(b.lines, ["The output", "is too high.", ""])
        XCTAssertEqual(b[4, 0].attributes, .bold)
        XCTAssertEqual(b[9, 0].attributes, .bold)
        XCTAssertEqual(b[0, 0].attributes, [])
        XCTAssertEqual(b[0, 1].attributes, [])
    }

    func testTextBlockBoldSpansAcrossLinesAndLiteralAsterisk() {
        var b = Buffer(width: 8, height: 3)
        TextBlock("a *bold span* 2**3").render(into: &b, area: b.area)
        XCTAssertEqual(b.lines, ["a bold", "span 2*3", ""])
        XCTAssertEqual(b[0, 1].attributes, .bold)
        XCTAssertEqual(b[6, 1].attributes, [])
    }

    func testTextBlockJapaneseAndClipping() {
        var b = Buffer(width: 10, height: 2)
        TextBlock("勾配は*正*なので、重みは小さくなります。").render(into: &b, area: b.area)
        XCTAssertEqual(b.lines, ["勾配は正な", "ので、重み"])
        XCTAssertEqual(b[6, 0].attributes, .bold)
        XCTAssertEqual(TextBlock("勾配は*正*なので、重みは小さくなります。").height(width: 10), 4)
    }

    func testTextBlockCentered() {
        var b = Buffer(width: 10, height: 1)
        TextBlock("hi", alignment: .center).render(into: &b, area: b.area)
        XCTAssertEqual(b.lines, ["    hi"])
    }

    func testKeyHintsDropWholeHintsThatDoNotFit() {
        var b = Buffer(width: 22, height: 1)
        KeyHints([("→/n", "next"), ("←/p", "back"), ("q", "quit")]).render(into: &b, area: b.area)
        XCTAssertEqual(b.lines, ["→/n next  ←/p back"])
        XCTAssertEqual(b[0, 0].foreground, .keyHint)
        XCTAssertEqual(b[4, 0].foreground, .dim)
    }

    func testTableAlignsColumnsByDisplayWidth() {
        var b = Buffer(width: 24, height: 4)
        Table(header: ["重み", "value"], rows: [["w5", "0.40"], ["w6", "-0.0227"]],
              alignments: [.left, .right], selectedRow: 1).render(into: &b, area: b.area)
        XCTAssertEqual(b.lines, ["重み    value", "w5       0.40", "w6    -0.0227", ""])
        XCTAssertEqual(b[0, 0].foreground, .title)
        XCTAssertTrue(b[0, 2].attributes.contains(.reverse))
        XCTAssertFalse(b[0, 1].attributes.contains(.reverse))
    }

    func testTableClipsRowsAndColumns() {
        var b = Buffer(width: 6, height: 2)
        Table(header: ["a", "b"], rows: [["1234", "5678"], ["x", "y"]]).render(into: &b, area: b.area)
        XCTAssertEqual(b.lines, ["a", "1234"])
    }

    func testTruncate() {
        XCTAssertEqual(truncate("hello world", width: 8), "hello w…")
        XCTAssertEqual(truncate("hello", width: 8), "hello")
        XCTAssertEqual(truncate("連鎖律の説明", width: 7), "連鎖律…")
        XCTAssertEqual(truncate("hello world", width: 8, unicode: false), "hello w~")
    }
}
