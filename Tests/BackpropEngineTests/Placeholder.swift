import XCTest

final class PlaceholderBackpropEngineTests: XCTestCase {
    func testBuilds() {}
}
