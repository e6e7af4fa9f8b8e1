import XCTest

final class PlaceholderTerminalBackendTests: XCTestCase {
    func testBuilds() {}
}
