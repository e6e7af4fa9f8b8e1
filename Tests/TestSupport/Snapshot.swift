import Foundation
import TerminalUI

/// Text snapshots of buffers, usable from any test target without XCTest.
///
/// The snapshot of `name` for the test file `/…/Tests/X/ChartTests.swift` is
/// `/…/Tests/X/__Snapshots__/name.txt`: the buffer's `lines` joined by "\n" plus a final newline.
/// With `RECORD_SNAPSHOTS=1` in the environment the file is (re)written and the check still
/// reports a failure ("recorded"), so a recording run can never pass by accident.
public enum Snapshot {
    /// Where the snapshot `name` for the test source file `testFile` lives.
    public static func url(named name: String, testFile: String) -> URL {
        URL(fileURLWithPath: testFile).deletingLastPathComponent()
            .appendingPathComponent("__Snapshots__", isDirectory: true)
            .appendingPathComponent(name + ".txt")
    }

    /// nil when the buffer matches its snapshot; otherwise a description of what is wrong
    /// (missing file, recorded, or a line-by-line difference) for the test to fail with.
    public static func mismatch(_ buffer: Buffer, named name: String, testFile: String,
                                environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        mismatch(text: buffer.lines.joined(separator: "\n"), named: name, testFile: testFile, environment: environment)
    }

    /// The same for any text.
    public static func mismatch(text: String, named name: String, testFile: String,
                                environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let file = url(named: name, testFile: testFile)
        let actual = text + "\n"
        if environment["RECORD_SNAPSHOTS"] == "1" {
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
                return "recorded snapshot \(file.path); run again without RECORD_SNAPSHOTS=1 to check it"
            } catch {
                return "could not record snapshot \(file.path): \(error)"
            }
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            return "missing snapshot \(file.path); run the tests with RECORD_SNAPSHOTS=1 to record it.\n"
                + "actual:\n" + actual
        }
        if expected == actual { return nil }
        return "snapshot \(name) differs (\(file.path)):\n" + difference(expected: expected, actual: actual)
    }

    /// A readable line-by-line difference: `-` expected, `+` actual, for each differing line.
    public static func difference(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : nil, al = i < a.count ? String(a[i]) : nil
            if el == al { continue }
            out.append(String(format: "%3d - %@", i + 1, el.map { "|\($0)|" } ?? "(none)"))
            out.append(String(format: "%3d + %@", i + 1, al.map { "|\($0)|" } ?? "(none)"))
        }
        return out.joined(separator: "\n")
    }
}
