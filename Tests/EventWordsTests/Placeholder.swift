import XCTest

final class PlaceholderEventWordsTests: XCTestCase {
    func testBuilds() {}
}
