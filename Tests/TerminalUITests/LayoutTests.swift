import TerminalUI
import XCTest

final class LayoutTests: XCTestCase {
    let area = Rect(x: 0, y: 0, width: 100, height: 30)

    func testHorizontalSplitByLengthPercentageAndFill() {
        let parts = area.split(.horizontal, [.length(10), .percentage(50), .fill])
        XCTAssertEqual(parts, [
            Rect(x: 0, y: 0, width: 10, height: 30),
            Rect(x: 10, y: 0, width: 50, height: 30),
            Rect(x: 60, y: 0, width: 40, height: 30),
        ])
    }

    func testVerticalSplitWithWeightedFills() {
        let parts = area.rows([.length(1), .fill(2), .fill(1), .length(1)])
        XCTAssertEqual(parts.map(\.height), [1, 18, 10, 1])
        XCTAssertEqual(parts.map(\.y), [0, 1, 19, 29])
        XCTAssertTrue(parts.allSatisfy { $0.width == 100 })
    }

    func testSpacing() {
        let parts = area.columns([.fill, .fill], spacing: 1)
        XCTAssertEqual(parts, [Rect(x: 0, y: 0, width: 49, height: 30), Rect(x: 50, y: 0, width: 50, height: 30)])
    }

    func testTooSmallAreaGivesZeroSizedPartsNotNegative() {
        let parts = Rect(x: 0, y: 0, width: 5, height: 1).columns([.length(4), .length(4), .fill])
        XCTAssertEqual(parts.map(\.width), [4, 1, 0])
    }

    func testWithoutFillTheLastPartTakesTheRest() {
        XCTAssertEqual(area.rows([.length(5), .length(5)]).map(\.height), [5, 25])
    }

    func testInsetAndIntersection() {
        XCTAssertEqual(area.inset(by: 1), Rect(x: 1, y: 1, width: 98, height: 28))
        XCTAssertEqual(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 2).area, 0)
        XCTAssertEqual(area.intersection(Rect(x: 90, y: 25, width: 20, height: 20)), Rect(x: 90, y: 25, width: 10, height: 5))
        XCTAssertTrue(Rect(x: 0, y: 0, width: 3, height: 3).intersection(Rect(x: 5, y: 5, width: 2, height: 2)).isEmpty)
        XCTAssertEqual(area.centered(width: 10, height: 4), Rect(x: 45, y: 13, width: 10, height: 4))
    }
}
