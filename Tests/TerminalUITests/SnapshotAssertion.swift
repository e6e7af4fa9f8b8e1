import TerminalUI
import TestSupport
import XCTest

/// Compares `buffer` with `__Snapshots__/<name>.txt` next to the calling test file.
/// Record with `RECORD_SNAPSHOTS=1 swift test …` (the recording run fails once on purpose).
func assertSnapshot(_ buffer: Buffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    if let problem = Snapshot.mismatch(buffer, named: name, testFile: "\(file)") {
        XCTFail(problem, file: file, line: line)
    }
}
