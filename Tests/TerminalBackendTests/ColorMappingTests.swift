import TerminalBackend
import TerminalUI
import XCTest

final class ColorMappingTests: XCTestCase {
    func testDefaultStaysDefault() {
        XCTAssertEqual(ColorMapping.colorNumber(.terminalDefault, colorCount: 256), -1)
        XCTAssertEqual(ColorMapping.colorNumber(.terminalDefault, colorCount: 8), -1)
    }

    func testIndexedOn256Colours() {
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(208), colorCount: 256), 208)
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(3), colorCount: 256), 3)
    }

    func testApproximationOnSmallerTerminals() {
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(196), colorCount: 8), 1)  // bright red → red
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(9), colorCount: 8), 1)
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(9), colorCount: 16), 9)
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(21), colorCount: 16), 4)  // pure blue → blue
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(46), colorCount: 8), 2)  // green
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(81), colorCount: 8), 6)  // light blue → cyan
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(208), colorCount: 8), 3)  // orange → yellow
    }

    func testGreysNeverBecomeBlack() {
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(240), colorCount: 8), 7)
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(232), colorCount: 8), 7)
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(240), colorCount: 16), 8)
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(250), colorCount: 16), 7)
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(231), colorCount: 16), 15)
    }

    func testNoColourTerminal() {
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(208), colorCount: 0), -1)
        XCTAssertEqual(ColorMapping.colorNumber(.indexed(1), colorCount: 2), -1)
    }

    func testEveryThemeColourMapsIntoRange() {
        for theme in Theme.all + [Theme.default.colorBlindSafe()] {
            for role in ColorRole.allCases {
                for count in [8, 16, 256] {
                    let n = ColorMapping.colorNumber(theme[role].color, colorCount: count)
                    XCTAssertTrue(n >= -1 && Int(n) < count, "\(theme.name) \(role) \(count) → \(n)")
                }
            }
        }
    }
}
