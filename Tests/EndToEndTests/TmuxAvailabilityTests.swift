import Foundation
import XCTest

/// In CI a missing tmux fails the screen tests; elsewhere they skip with a message.
final class TmuxAvailabilityTests: XCTestCase {
    func testMissingTmuxFailsInCIAndSkipsElsewhere() {
        XCTAssertEqual(TmuxSession.availability(tmuxFound: true, environment: ["CI": "1"]), .run)
        XCTAssertEqual(TmuxSession.availability(tmuxFound: true, environment: [:]), .run)
        for ci in ["1", "true", "yes", "TRUE"] {
            guard case .fail(let m) = TmuxSession.availability(tmuxFound: false, environment: ["CI": ci]) else {
                return XCTFail("CI=\(ci) without tmux must fail")
            }
            XCTAssertTrue(m.contains("tmux is not installed"), m)
        }
        for env in [[:], ["CI": ""], ["CI": "0"], ["CI": "false"]] {
            guard case .skip(let m) = TmuxSession.availability(tmuxFound: false, environment: env) else {
                return XCTFail("\(env) without tmux must skip")
            }
            XCTAssertTrue(m.contains("skipped"), m)
        }
    }

    func testTmuxIsFoundOnPath() {
        // this machine's PATH either has tmux or not; the answer must agree with a shell's
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "command -v tmux >/dev/null"]
        XCTAssertNoThrow(try process.run())
        process.waitUntilExit()
        XCTAssertEqual(TmuxSession.isAvailable, process.terminationStatus == 0)
    }
}
