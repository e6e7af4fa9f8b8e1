import XCTest

final class PlaceholderTerminalUITests: XCTestCase {
    func testBuilds() {}
}
