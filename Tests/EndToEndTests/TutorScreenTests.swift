import Foundation
import XCTest

/// The real binary in tmux: a whole training step of the article's XOR network and back,
/// a resize below the minimum and back, the help, and quitting with exit code 0.
final class TutorScreenTests: XCTestCase {
    override func setUpWithError() throws {
        try TmuxSession.require()
    }

    func testStepThroughAWholeUpdateAndBack() throws {
        let tmux = try TmuxSession(["open", Binary.path("lessons/article-xor.toml"), "--lang", "en"], width: 100, height: 30)
        try tmux.waitFor("Ready")
        try tmux.send("Right")
        let first = try tmux.waitForSettled("step 1/165")
        XCTAssertTrue(first.contains("FORWARD"), first)
        // the whole update: 165 events (4 samples forward, loss and backward, 16 batch gradients, 16 updates)
        for _ in 0..<164 { try tmux.send("n") }
        let last = try tmux.waitForSettled("step 165/165")
        XCTAssertTrue(last.contains("UPDATE"), last)
        try tmux.send("PageDown")
        try tmux.waitFor("epoch 2")
        // and all the way back, with the clicker's PageUp
        for _ in 0..<165 { try tmux.send("PageUp") }
        let back = try tmux.waitForSettled("step 1/165")
        XCTAssertTrue(back.contains("epoch 1"), back)
        XCTAssertEqual(ScreenRegions.outsideTheRun(back), ScreenRegions.outsideTheRun(first),
                       "going back shows the same step (the run bar and the loss curve have grown)")

        try tmux.resize(60, 20)
        try tmux.waitFor("enlarge the window to at least 80x24 (now 60x20)")
        try tmux.resize(100, 30)
        try tmux.waitFor("step 1/165")
        try tmux.send("?")
        try tmux.waitFor("PageDown")
        try tmux.send("Escape")
        try tmux.send("q")
        XCTAssertEqual(tmux.exitStatus(), 0)
    }

    func testJapaneseScreen() throws {
        let tmux = try TmuxSession(["open", Binary.path("lessons/two-two-two.toml")], width: 80, height: 24,
                                   environment: ["LANG": "ja_JP.UTF-8"])
        try tmux.waitFor("準備完了")
        try tmux.send("Right")
        try tmux.waitFor("順伝播")
        try tmux.send("q")
        XCTAssertEqual(tmux.exitStatus(), 0)
    }

    func testPipedOutputRefusesWithAHint() throws {
        let run = try Binary.run(["open", Binary.path("lessons/two-two-two.toml")])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("trace"), run.stderr)
        XCTAssertTrue(run.stderr.contains("train"), run.stderr)
    }

    func testBadFileIsReportedBeforeTheScreenStarts() throws {
        let path = try Binary.temporaryFile("[network]\nlayers = [2, 2]\nactivation = \"sigmod\"\n")
        let tmux = try TmuxSession(["open", path], width: 80, height: 24)
        XCTAssertEqual(tmux.exitStatus(), 2)
        let screen = try tmux.screen()
        XCTAssertTrue(screen.contains("\(path):3"), screen)
        XCTAssertTrue(screen.contains("sigmoid"), screen)
    }

    /// Lines without trailing blanks (autoplay state and status line aside, screens compare equal).
}
