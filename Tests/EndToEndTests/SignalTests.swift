import Foundation
import XCTest

/// Every signal a terminal program meets, sent to the real binary in tmux: the terminal's modes
/// (`stty -g`) after the program are those from before it, the alternate screen is off and the
/// cursor visible, the exit status is 128 + the signal, and it comes promptly.
final class SignalTests: XCTestCase {
    var state = ""

    override func setUpWithError() throws {
        try TmuxSession.require()
        state = FileManager.default.temporaryDirectory.appendingPathComponent("bpt-state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: state)
    }

    /// Sends `signal` to the program once its screen shows `ready`; returns the exit status and
    /// the seconds from the signal to the status.
    private func interrupt(_ tmux: TmuxSession, with signal: Int32, file: StaticString = #filePath, line: UInt = #line)
        throws -> (status: Int?, seconds: Double) {
        let pid = try XCTUnwrap(tmux.pid(), "the program never started", file: file, line: line)
        let mode = try tmux.screenMode()
        XCTAssertTrue(mode.alternate && !mode.cursorVisible, "the screen was not up: \(mode)", file: file, line: line)
        let start = Date()
        XCTAssertEqual(kill(pid, signal), 0, file: file, line: line)
        let status = tmux.exitStatus(timeout: 10)
        return (status, Date().timeIntervalSince(start))
    }

    private func assertTerminalRestored(_ tmux: TmuxSession, file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try XCTUnwrap(tmux.ttyBefore(), file: file, line: line)
        let after = try XCTUnwrap(tmux.ttyAfter(), "stty -g after the program never ran", file: file, line: line)
        XCTAssertEqual(after, before, "the terminal's modes were not restored", file: file, line: line)
        let mode = try tmux.screenMode()
        XCTAssertFalse(mode.alternate, "the alternate screen is still on", file: file, line: line)
        XCTAssertTrue(mode.cursorVisible, "the cursor is still hidden", file: file, line: line)
    }

    func testTerminatingSignalsRestoreTheTerminalAndExitWith128PlusTheSignal() throws {
        for (signal, expected) in [(SIGHUP, 129), (SIGQUIT, 131), (SIGINT, 130), (SIGTERM, 143)] {
            let tmux = try TmuxSession(["open", Binary.path("lessons/two-two-two.toml"), "--lang", "en"], width: 80, height: 24,
                                       environment: ["XDG_STATE_HOME": state])
            try tmux.waitFor("Two inputs, two hidden", timeout: 30)
            let (status, seconds) = try interrupt(tmux, with: signal)
            XCTAssertEqual(status, expected, "signal \(signal)")
            XCTAssertLessThan(seconds, 3, "signal \(signal) took \(seconds) s")
            try assertTerminalRestored(tmux)
            let screen = try tmux.screen()
            // SIGQUIT must not leave the runtime's crash report on the screen
            XCTAssertFalse(screen.contains("Crash") || screen.contains("Backtrace") || screen.contains("Thread 0"), screen)
        }
    }

    func testTheMenuAndThePlaygroundRestoreTooWhateverThreadTakesTheSignal() throws {
        // the playground trains on a second thread, which may be the one the signal lands on
        for (arguments, ready, signal, expected) in [([String](), "The chain rule", SIGQUIT, 131),
                                                     (["play", "--dataset", "spiral"], "spiral", SIGHUP, 129)] {
            let tmux = try TmuxSession(arguments + ["--lang", "en"], width: 100, height: 30, environment: ["XDG_STATE_HOME": state])
            try tmux.waitFor(ready, timeout: 30)
            let (status, seconds) = try interrupt(tmux, with: signal)
            XCTAssertEqual(status, expected, "\(arguments)")
            XCTAssertLessThan(seconds, 3, "\(arguments) took \(seconds) s")
            try assertTerminalRestored(tmux)
        }
    }

    func testHangupInALessonSavesTheSceneFirst() throws {
        let tmux = try TmuxSession(["open", Binary.path("lessons/04-chain-rule.toml"), "--lang", "en"], width: 80, height: 24,
                                   environment: ["XDG_STATE_HOME": state])
        try tmux.waitFor("Scene 1 of 10", timeout: 30)
        try tmux.send("PageDown")
        try tmux.waitFor("Scene 2 of 10")
        let (status, _) = try interrupt(tmux, with: SIGHUP)
        XCTAssertEqual(status, 129)
        try assertTerminalRestored(tmux)
        let data = try Data(contentsOf: URL(fileURLWithPath: state + "/backprop-tutor/progress.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let lesson = try XCTUnwrap((json["lessons"] as? [String: Any])?["chain-rule"] as? [String: Any], "\(json)")
        XCTAssertEqual(lesson["scene"] as? Int, 1, "\(lesson)")
    }

    func testAHangupWhileTrainingStillRestoresTheTerminalWithinASecondOrSo() throws {
        // `e` trains 1000 epochs of a 64-32-10 network on the main thread: the loop cannot look
        // at the signal until it is done, so the handler's own restore must do it
        let tmux = try TmuxSession(["open", Binary.path("benchmarks/digits-64-32-10.toml"), "--lang", "en"], width: 100, height: 30,
                                   environment: ["XDG_STATE_HOME": state])
        try tmux.waitFor("epoch 1", timeout: 30)
        try tmux.send("e")
        try tmux.waitFor("Train how many epochs at once?")
        try tmux.send("Enter")
        Thread.sleep(forTimeInterval: 0.2)
        let (status, seconds) = try interrupt(tmux, with: SIGHUP)
        XCTAssertEqual(status, 129)
        XCTAssertLessThan(seconds, 3, "took \(seconds) s")
        try assertTerminalRestored(tmux)
    }

    #if os(Linux)
    func testClosingTheWindowEndsTheProgram() throws {
        let tmux = try TmuxSession(["open", Binary.path("lessons/two-two-two.toml")], width: 80, height: 24,
                                   environment: ["XDG_STATE_HOME": state])
        try tmux.waitFor("Two inputs, two hidden", timeout: 30)
        let pid = try XCTUnwrap(tmux.pid())
        try tmux.tmux(["kill-server"], capture: false)   // the terminal is gone: SIGHUP, then EIO
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline, Self.isRunning(pid) { Thread.sleep(forTimeInterval: 0.02) }
        XCTAssertFalse(Self.isRunning(pid), "the program lingered after its terminal closed")
    }

    /// Alive and not a zombie (its parent shell died with the window, so nobody may reap it).
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.first != "Z" && fields.first != "X"
    }

    /// The state letter of /proc/PID/stat: R, S, T (stopped)…
    static func processState(_ pid: pid_t) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ").first.map(String.init)
    }

    func testCtrlZGivesTheTerminalBackAndFgRedrawsTheScreen() throws {
        let tmux = try TmuxSession(["open", Binary.path("lessons/two-two-two.toml"), "--lang", "en"], width: 80, height: 24,
                                   environment: ["XDG_STATE_HOME": state], interactiveShell: true)
        try tmux.waitFor("Two inputs, two hidden", timeout: 30)
        let pid = try XCTUnwrap(tmux.pid())
        try tmux.send("C-z")
        // (not waiting for bash's "Stopped": the wrapper script stops at once and bash may print
        // it before the program has left the alternate screen, where it then cannot be seen)
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, try Self.processState(pid) != "T" || tmux.screenMode().alternate {
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTAssertEqual(Self.processState(pid), "T")
        var mode = try tmux.screenMode()
        XCTAssertFalse(mode.alternate, "stopped, yet the alternate screen is on")
        XCTAssertTrue(mode.cursorVisible, "stopped, yet the cursor is hidden")

        try tmux.send("f", "g", "Enter")
        try tmux.waitFor("epoch 1 · start")
        mode = try tmux.screenMode()
        XCTAssertTrue(mode.alternate && !mode.cursorVisible, "\(mode)")
        try tmux.send("Right")
        try tmux.waitFor("step 1/31")

        // SIGSTOP cannot be caught; after SIGCONT the screen is drawn again and keys still work
        XCTAssertEqual(kill(pid, SIGSTOP), 0)
        XCTAssertEqual(kill(pid, SIGCONT), 0)
        try tmux.send("Right")
        try tmux.waitFor("step 2/31")

        try tmux.send("q")
        XCTAssertEqual(tmux.exitStatus(), 0)
        try assertTerminalRestored(tmux)
    }
    #endif

    func testWindowResizeRedrawsAndQuitRestores() throws {
        let tmux = try TmuxSession(["open", Binary.path("lessons/two-two-two.toml"), "--lang", "en"], width: 80, height: 24,
                                   environment: ["XDG_STATE_HOME": state])
        try tmux.waitFor("Two inputs, two hidden", timeout: 30)
        try tmux.resize(60, 20)   // SIGWINCH
        try tmux.waitFor("enlarge the window")
        try tmux.resize(100, 30)
        try tmux.waitFor("Two inputs, two hidden")
        try tmux.send("q")
        XCTAssertEqual(tmux.exitStatus(), 0)
        try assertTerminalRestored(tmux)
    }
}
