import TerminalUI
import XCTest

final class CompactNumberTests: XCTestCase {
    func testCompactNumbers() {
        XCTAssertEqual(compactNumber(0), "0")
        XCTAssertEqual(compactNumber(0.29843), "0.298")
        XCTAssertEqual(compactNumber(0.3), "0.3")
        XCTAssertEqual(compactNumber(0.0123), "0.0123")
        XCTAssertEqual(compactNumber(1), "1")
        XCTAssertEqual(compactNumber(12.54), "12.5")
        XCTAssertEqual(compactNumber(1234.4), "1234")
        XCTAssertEqual(compactNumber(-2.5), "-2.5")
        XCTAssertEqual(compactNumber(0.000123), "1.23e-4")
        XCTAssertEqual(compactNumber(2_500_000), "2.5e6")
        XCTAssertEqual(compactNumber(.nan), "NaN")
        XCTAssertEqual(compactNumber(.infinity), "inf")
    }
}
