import Foundation
import XCTest
@testable import TutorFiles

/// The repository root, found from this file's place.
let repoRoot: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
}()

let lessonsDirectory = repoRoot + "/lessons"

/// A small valid file to break in one place.
let minimalNetwork = """
    [network]
    layers = [2, 2, 1]

    [data]
    inputs = [[0, 0], [0, 1], [1, 0], [1, 1]]
    targets = [[0], [1], [1], [0]]

    """

func parse(_ text: String, path: String = "test.toml", base: String = "") throws(FileError) -> NetworkFile {
    try NetworkFile.parse(text, path: path, baseDirectory: base)
}

/// Asserts that `text` fails with exactly this line and message.
func assertError(_ text: String, line: Int?, _ message: String, base: String = "",
                 file: StaticString = #filePath, testLine: UInt = #line) {
    do {
        _ = try parse(text, base: base)
        XCTFail("expected an error: \(message)", file: file, line: testLine)
    } catch {
        XCTAssertEqual(error.message, message, file: file, line: testLine)
        XCTAssertEqual(error.line, line, "line", file: file, line: testLine)
        XCTAssertEqual(error.path, "test.toml", file: file, line: testLine)
    }
}

/// A fresh folder for files a test writes.
func temporaryDirectory() throws -> String {
    let dir = NSTemporaryDirectory() + "tutorfiles-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}
