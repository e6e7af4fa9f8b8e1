import Foundation
import XCTest

/// The error that fails an end-to-end test in CI when tmux is missing.
struct TmuxMissing: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Drives the real binary in a detached tmux window, as a person at a terminal would.
final class TmuxSession {
    let socket = "bpt-test-\(UUID().uuidString.prefix(8))"
    /// The wrapper script and what it records.
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("bpt-tmux-\(UUID().uuidString)").path
    var statusFile: String { work + "/status" }

    /// True when `tmux` is on PATH (the same search `posix_spawnp` below makes).
    static var isAvailable: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
    }

    /// What an end-to-end test does about tmux: run; fail (in CI, where a skipped screen test
    /// would let CI pass without ever drawing a screen); or skip, saying so, on a developer's
    /// machine without tmux.
    enum Availability: Equatable {
        case run
        case fail(String)
        case skip(String)
    }

    /// CI is on when `CI` is set to anything but "", "0" or "false" (`.ci/run` exports CI=1;
    /// GitHub Actions and most CI services set CI=true).
    static func availability(tmuxFound: Bool, environment: [String: String]) -> Availability {
        if tmuxFound { return .run }
        let ci = environment["CI"].map { !["", "0", "false"].contains($0.lowercased()) } ?? false
        if ci { return .fail("tmux is not installed, and CI is set: the end-to-end screen tests must run in CI (.ci/run installs tmux)") }
        return .skip("tmux is not installed: end-to-end screen test skipped (apt-get install tmux, or run .ci/run)")
    }

    /// Call first in every test that needs tmux: fails in CI without tmux, skips visibly elsewhere.
    static func require(file: StaticString = #filePath, line: UInt = #line) throws {
        switch availability(tmuxFound: isAvailable, environment: ProcessInfo.processInfo.environment) {
        case .run:
            return
        case .fail(let message):
            throw TmuxMissing(message: message)   // a thrown error fails the test
        case .skip(let message):
            FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
            throw XCTSkip(message, file: file, line: line)
        }
    }

    /// Runs `arguments` in a new tmux window of this size. The binary runs under a small shell
    /// script that records the terminal's modes (`stty -g`) before and after it, its pid and its
    /// exit status (see `ttyBefore`, `ttyAfter`, `pid`, `exitStatus`). With `interactiveShell`,
    /// the window runs an interactive bash that types the command, so the program is a job with
    /// job control (Ctrl-Z stops it, `fg` brings it back), as in a person's terminal.
    init(_ arguments: [String], width: Int, height: Int, environment: [String: String] = [:],
         interactiveShell: Bool = false) throws {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let wrapper = work + "/run.sh"
        try """
        #!/bin/sh
        stty -g > \(Self.quote(work))/tty-before
        sh -c 'echo $$ > \(Self.quote(work))/pid; exec "$@"' sh "$@"
        echo $? > \(Self.quote(statusFile))
        stty -g > \(Self.quote(work))/tty-after
        """.write(toFile: wrapper, atomically: true, encoding: .utf8)
        chmod(wrapper, 0o755)
        var env = ["LANG": "C.UTF-8", "TERM": "xterm-256color"]
        for (k, v) in environment { env[k] = v }
        let assignments = env.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let command = ([wrapper, Binary.url.path] + arguments).map(Self.quote).joined(separator: " ")
        let run = "env -u LC_ALL \(assignments) \(command)"
        let shell = interactiveShell
            ? "env -i PATH=/usr/bin:/bin HOME=\(Self.quote(work)) TERM=xterm-256color PS1='$ ' bash --norc --noprofile -i"
            : run + "; sleep 30"
        // new-session starts the tmux server, which keeps any pipe it inherits open: give it none
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height), shell], capture: false)
        try tmux(["set-option", "-g", "status", "off"])
        try tmux(["resize-window", "-x", String(width), "-y", String(height)])
        if interactiveShell {
            try waitFor("$")
            try tmux(["send-keys", "-t", "0", "-l", run])
            try send("Enter")
        }
    }

    deinit {
        _ = try? tmux(["kill-server"], capture: false)
        try? FileManager.default.removeItem(atPath: work)
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs tmux with posix_spawn and waitpid (Foundation's Process sometimes misses the exit of
    /// `new-session`, whose client forks the server and leaves at once).
    @discardableResult
    func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("bpt-tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let argv = ["tmux", "-L", socket] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? output : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, nil, &cArgs, environ)
        guard spawned == 0 else { throw NSError(domain: "tmux", code: Int(spawned)) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return capture ? ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "") : ""
    }

    func send(_ keys: String...) throws {
        for key in keys { try tmux(["send-keys", "-t", "0", key]) }
    }

    func resize(_ width: Int, _ height: Int) throws {
        try tmux(["resize-window", "-x", String(width), "-y", String(height)])
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-J", "-t", "0"]) }

    /// Waits until the screen contains `text` (or the time runs out) and returns the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("screen never showed \"\(text)\":\n\(last)", file: file, line: line)
        return last
    }

    /// The screen once it shows `text` and has stopped changing (two captures 0.1 s apart agree):
    /// a capture can fall in the middle of a redraw on a busy machine.
    func waitForSettled(_ text: String, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        var last = try waitFor(text, timeout: timeout, file: file, line: line)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            let now = try screen()
            if now == last && now.contains(text) { return now }
            last = now
        }
        return last
    }

    /// The program's exit status, once it has ended.
    func exitStatus(timeout: Double = 10) -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let s = try? String(contentsOfFile: statusFile, encoding: .utf8), let n = Int(s.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return n
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    // MARK: what the wrapper recorded

    /// The program's process id, once it has started.
    func pid(timeout: Double = 10) -> pid_t? {
        recorded("pid", timeout: timeout).flatMap { pid_t($0) }
    }

    /// `stty -g` of the window's terminal just before the program started.
    func ttyBefore(timeout: Double = 10) -> String? { recorded("tty-before", timeout: timeout) }

    /// `stty -g` of the window's terminal just after the program ended.
    func ttyAfter(timeout: Double = 10) -> String? { recorded("tty-after", timeout: timeout) }

    /// tmux's view of the window: whether the alternate screen is on and the cursor visible.
    func screenMode() throws -> (alternate: Bool, cursorVisible: Bool) {
        let out = try tmux(["display-message", "-p", "-t", "0", "#{alternate_on} #{cursor_flag}"])
        let parts = out.split(whereSeparator: \.isWhitespace)
        return (parts.first == "1", parts.dropFirst().first == "1")
    }

    /// The whole last line of a file the wrapper writes, once it is there.
    private func recorded(_ name: String, timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let s = try? String(contentsOfFile: work + "/" + name, encoding: .utf8), s.hasSuffix("\n") {
                return s.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }
}
