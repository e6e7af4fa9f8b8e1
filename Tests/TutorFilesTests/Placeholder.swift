import XCTest

final class PlaceholderTutorFilesTests: XCTestCase {
    func testBuilds() {}
}
