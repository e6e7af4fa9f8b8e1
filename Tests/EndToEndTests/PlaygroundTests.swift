import Foundation
import XCTest

/// `play` in tmux: spiral, train a while, change the learning rate, save, train the saved file
/// with `train`, quit. And CSV errors reported before the screen starts.
final class PlaygroundTests: XCTestCase {
    func testPlaySpiralSaveAndTrainTheFile() throws {
        try TmuxSession.require()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bpt-play-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let saved = dir.appendingPathComponent("spiral.toml").path
        let tmux = try TmuxSession(["play", "--dataset", "spiral"], width: 120, height: 40)
        try tmux.waitFor("playground · spiral")
        try tmux.send("Space")
        try tmux.waitFor("▶ training")
        // train a while: the epoch counter moves past 50
        let deadline = Date().addingTimeInterval(20)
        var epoch = 0
        while Date() < deadline && epoch < 50 {
            let screen = try tmux.screen()
            if let r = screen.range(of: #"epoch (\d+) ·"#, options: .regularExpression) {
                epoch = Int(screen[r].dropFirst(6).dropLast(2)) ?? 0
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTAssertGreaterThanOrEqual(epoch, 50)
        // the learning rate: selected at start; → takes it from 0.03 to 0.1 while training goes on
        try tmux.send("Right")
        try tmux.waitFor("◂ 0.1 ▸")
        try tmux.send("Space")
        try tmux.waitFor("paused")
        try tmux.send("s")
        try tmux.waitFor("save as: playground.toml")
        try tmux.send(saved)
        try tmux.send("Enter")
        try tmux.waitFor("saved ")
        try tmux.send("q")
        XCTAssertEqual(tmux.exitStatus(), 0)

        let text = try String(contentsOfFile: saved, encoding: .utf8)
        XCTAssertTrue(text.contains("learning_rate = 0.1"), text)
        let run = try Binary.run(["train", saved, "--epochs", "5"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("2-8-8-1"), run.stdout)
    }

    /// The compare preset through the binary: the plain deep sigmoid network's first-layer
    /// gradient, as the screen shows it, orders of magnitude below the other runs'.
    func testComparePresetShowsTheVanishingFirstLayer() throws {
        try TmuxSession.require()
        for (width, height) in [(80, 24), (120, 40)] {
            let tmux = try TmuxSession(["play", "--preset", "compare"], width: width, height: height)
            try tmux.waitFor("10 sigmoid")
            for _ in 0..<5 { try tmux.send("n") }
            let screen = try tmux.waitForSettled("epoch 5 ")
            let row = try XCTUnwrap(screen.split(separator: "\n").first {
                $0.hasPrefix("│ 1  ") || $0.hasPrefix("│ layer 1 ")
            }, screen)
            let values = row.split(separator: "│")[0].split(separator: " ").compactMap { Double($0) }.dropFirst()
            XCTAssertGreaterThanOrEqual(values.count, 2, screen)
            let plain = try XCTUnwrap(values.first), others = values.dropFirst()
            for other in others { XCTAssertGreaterThan(other, 100 * plain, screen) }
            try tmux.send("q")
            XCTAssertEqual(tmux.exitStatus(), 0)
        }
        let deep = try Binary.run(["play", "--layers", "13x8"])
        XCTAssertNotEqual(deep.status, 0)
        XCTAssertTrue(deep.stderr.contains("--layers: at most 12 hidden layers, got 13"), deep.stderr)
    }

    func testBadCSVIsReportedBeforeTheScreen() throws {
        let path = try Binary.temporaryFile("1,2,0\n3,4,1\n5,oops,1\n", name: "data.csv")
        let run = try Binary.run(["play", "--data", path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("\(path):3"), run.stderr)
        let column = try Binary.run(["play", "--data", path, "--target-column", "7"])
        XCTAssertEqual(column.status, 2)
        XCTAssertTrue(column.stderr.contains("target column 7 does not exist"), column.stderr)
        let empty = try Binary.run(["play", "--data", try Binary.temporaryFile("", name: "empty.csv")])
        XCTAssertEqual(empty.status, 2)
        XCTAssertTrue(empty.stderr.contains("no data rows"), empty.stderr)
    }

    func testBadIDXIsReportedBeforeTheScreen() throws {
        // images of 2 samples of 1x2 pixels, cut short by one byte; no labels beside them
        let images = try Binary.temporaryFile("", name: "train-images-idx3-ubyte")
        try Data([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 9, 9, 9]).write(to: URL(fileURLWithPath: images))
        let alone = try Binary.run(["play", "--data", images])
        XCTAssertEqual(alone.status, 2)
        XCTAssertEqual(alone.stderr, "\(images): IDX images need their labels: give --labels FILE (looked for "
            + "\((images as NSString).deletingLastPathComponent)/train-labels-idx1-ubyte)\n")
        let labels = (images as NSString).deletingLastPathComponent + "/train-labels-idx1-ubyte"
        try Data([0, 0, 8, 1, 0, 0, 0, 2, 0, 1]).write(to: URL(fileURLWithPath: labels))
        let short = try Binary.run(["play", "--data", images])
        XCTAssertEqual(short.status, 2)
        XCTAssertEqual(short.stderr, "\(images): the file is cut short: its header says 2 images of 1×2 (20 bytes), the file has 19 bytes\n")
        let column = try Binary.run(["play", "--data", images, "--target-column", "1"])
        XCTAssertEqual(column.status, 2, "a usage error exits with 2, like a file mistake")
        XCTAssertTrue(column.stderr.contains("--target-column is for CSV files"), column.stderr)
    }
}
