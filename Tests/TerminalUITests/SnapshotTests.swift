import Foundation
import TerminalUI
import TestSupport
import XCTest

final class SnapshotTests: XCTestCase {
    func testRecordMissingMatchAndMismatch() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("snap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let testFile = dir.appendingPathComponent("FakeTests.swift").path
        let buffer = Buffer(lines: ["┌──┐", "│漢│", "└──┘"])

        let missing = Snapshot.mismatch(buffer, named: "box", testFile: testFile, environment: [:])
        XCTAssertTrue(missing?.contains("missing snapshot") == true, missing ?? "")
        XCTAssertTrue(missing?.contains("RECORD_SNAPSHOTS=1") == true)

        let recorded = Snapshot.mismatch(buffer, named: "box", testFile: testFile, environment: ["RECORD_SNAPSHOTS": "1"])
        XCTAssertTrue(recorded?.contains("recorded") == true)
        let file = Snapshot.url(named: "box", testFile: testFile)
        XCTAssertEqual(file.deletingLastPathComponent().lastPathComponent, "__Snapshots__")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "┌──┐\n│漢│\n└──┘\n")

        XCTAssertNil(Snapshot.mismatch(buffer, named: "box", testFile: testFile, environment: [:]))

        let other = Buffer(lines: ["┌──┐", "│字│", "└──┘"])
        let diff = Snapshot.mismatch(other, named: "box", testFile: testFile, environment: [:])
        XCTAssertEqual(diff?.contains("2 - |│漢│|"), true, diff ?? "")
        XCTAssertEqual(diff?.contains("2 + |│字│|"), true, diff ?? "")
    }
}
