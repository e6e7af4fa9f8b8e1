import Foundation
import XCTest

/// `train` against the seed article's NumPy XOR program. The expected numbers were printed once by
/// benchmarks/reference/article_xor.py (NumPy 2.4) and pasted here; this test does not recompute them.
final class TrainCommandTests: XCTestCase {
    static let numpyFinalWeights: [[[Double]]] = [
        [[3.803578947045588, -1.6378066409153709, 0.40907533492876774],
         [3.589935544484554, -5.383510584399664, -1.748822284051511],
         [-5.968619813505256, -6.281786735311419, 2.358662956975156],
         [-3.792248791908775, -2.9728848292156407, 4.963903802774435]],
        [[-5.6136046287095125, 6.070225915446687, -9.322432238296207, 6.506075094989233]],
    ]
    static let numpyOutputs = [0.01066922607879828, 0.986312190676547, 0.9882125591810341, 0.015920474701495737]
    static let numpyFirstLoss = 0.4951865354020256   // ½ Σ (y − ŷ)² of the first forward pass

    func testArticleXORMatchesNumPyAfter10000Epochs() throws {
        let run = try Binary.run(["train", Binary.path("lessons/article-xor.toml"), "--epochs", "10000", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["epochs"] as? Int, 10000)
        let weights = try XCTUnwrap(json["weights"] as? [[[Double]]])
        XCTAssertEqual(weights.count, 2)
        for l in 0..<2 {
            for j in weights[l].indices {
                for i in weights[l][j].indices {
                    XCTAssertEqual(weights[l][j][i], Self.numpyFinalWeights[l][j][i], accuracy: 1e-9, "w[\(l)][\(j)][\(i)]")
                }
            }
        }
        let outputs = try XCTUnwrap(json["outputs"] as? [[Double]])
        XCTAssertEqual(outputs.count, 4)
        for (got, want) in zip(outputs.map { $0[0] }, Self.numpyOutputs) { XCTAssertEqual(got, want, accuracy: 1e-9) }
        let loss = try XCTUnwrap(json["loss"] as? [Double])
        XCTAssertEqual(loss.count, 10000)
        XCTAssertEqual(loss[0], Self.numpyFirstLoss, accuracy: 1e-12)
        let final = try XCTUnwrap(json["final_loss"] as? Double)
        let targets: [Double] = [0, 1, 1, 0]
        var expectedFinal = 0.0
        for (p, y) in zip(Self.numpyOutputs, targets) { expectedFinal += 0.5 * (y - p) * (y - p) }
        XCTAssertEqual(final, expectedFinal, accuracy: 1e-12)
        XCTAssertEqual((json["biases"] as? [[Double]])?.count, 2)
    }

    func testTextOutputHasAChartAndASummary() throws {
        let run = try Binary.run(["train", Binary.path("lessons/article-xor.toml"), "--epochs", "200"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("epoch"), run.stdout)
        XCTAssertTrue(run.stdout.contains("final loss (200 epochs):"), run.stdout)
        XCTAssertTrue(run.stdout.contains("[1, 0, 1] → ["), run.stdout)
    }

    /// Progress is for a person at a terminal: with stderr a pipe (here), nothing of it, even
    /// though this run takes longer than the quarter second between progress lines.
    func testNoProgressLineWhenStderrIsPiped() throws {
        let run = try Binary.run(["train", Binary.path("lessons/article-xor.toml"), "--epochs", "30000"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        XCTAssertFalse(run.stdout.contains("samples/s"), run.stdout)
        XCTAssertTrue(run.stdout.contains("final loss (30000 epochs):"), run.stdout)
    }

    func testProgressLineOnATerminalInBothLanguagesAndNeverWithJSON() throws {
        try TmuxSession.require()
        let file = Binary.path("lessons/article-xor.toml")
        for (lang, words) in [("en", "samples/s"), ("ja", "サンプル/秒")] {
            let tmux = try TmuxSession(["train", file, "--epochs", "50000000", "--lang", lang], width: 100, height: 10)
            let screen = try tmux.waitFor(words, timeout: 20)
            XCTAssertTrue(screen.contains(lang == "en" ? "epoch " : "エポック "), screen)
            XCTAssertTrue(screen.contains("/50000000"), screen)
            try tmux.send("C-c")  // (the shell around it dies of the same Ctrl-C: no exit status to read)
        }
        let json = try TmuxSession(["train", file, "--epochs", "50000000", "--json"], width: 100, height: 10)
        let until = Date().addingTimeInterval(1.5)
        while Date() < until {
            let screen = try json.screen()
            XCTAssertFalse(screen.contains("samples/s") || screen.contains("epoch"), screen)
            Thread.sleep(forTimeInterval: 0.1)
        }
        try json.send("C-c")
    }

    func testTrainsOnGzippedIDXFilesAndRefusesACutOne() throws {
        let net = try Binary.temporaryFile("""
            [network]
            layers = [4, 2]
            output_activation = "softmax"
            [training]
            loss = "cross-entropy"
            [data]
            images = "images.gz"
            labels = "labels"

            """)
        let dir = (net as NSString).deletingLastPathComponent
        // 4 images of 2x2: a bright left column is class 0, a bright right column class 1
        let header: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0, 2]
        let pixels: [UInt8] = [255, 0, 255, 0, 0, 255, 0, 255, 200, 10, 220, 0, 0, 230, 5, 250]
        let raw = dir + "/images"
        try Data(header + pixels).write(to: URL(fileURLWithPath: raw))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", raw]
        try gzip.run()
        gzip.waitUntilExit()
        try Data([0, 0, 8, 1, 0, 0, 0, 4, 0, 1, 0, 1]).write(to: URL(fileURLWithPath: dir + "/labels"))
        let run = try Binary.run(["train", net, "--epochs", "50", "--lang", "en"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("training accuracy:          100.0 %"), run.stdout)

        try Data([0, 0, 8, 1, 0, 0, 0, 5, 0, 1, 0, 1]).write(to: URL(fileURLWithPath: dir + "/labels"))
        let cut = try Binary.run(["train", net])
        XCTAssertEqual(cut.status, 2)
        XCTAssertEqual(cut.stderr, "\(dir)/labels: the file is cut short: its header says 5 labels (13 bytes), the file has 12 bytes\n")
    }

    func testOverridesApply() throws {
        let run = try Binary.run(["train", Binary.path("lessons/two-two-two.toml"), "--epochs", "1",
                                  "--learning-rate", "0.5", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let weights = try XCTUnwrap(json["weights"] as? [[[Double]]])
        XCTAssertEqual(weights[1][0][0], 0.35891648, accuracy: 1e-8, "w5 after one update (Mazur's example)")
        XCTAssertEqual(weights[0][0][0], 0.149780716, accuracy: 1e-9, "w1 after one update")
    }

    func testDivergenceIsReportedNotACrash() throws {
        // a linear regression with a learning rate far too large: every update overshoots more
        let path = try Binary.temporaryFile("""
            [network]
            layers = [1, 1]
            activation = "identity"
            weights = [[[0.5]]]
            biases = [[0.0]]
            [training]
            loss = "mse"
            learning_rate = 50.0
            [data]
            inputs = [[1.0], [2.0], [3.0]]
            targets = [[2.0], [4.0], [6.0]]
            """)
        let run = try Binary.run(["train", path, "--epochs", "2000"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Training diverged in epoch"), run.stdout)
        let json = try Binary.run(["train", path, "--epochs", "2000", "--json"])
        XCTAssertTrue(json.stdout.contains("\"diverged\": {\"epoch\": "), json.stdout)
    }

    func testBadFileGivesFileLineAndExitCode2() throws {
        let path = try Binary.temporaryFile("""
            [network]
            layers = [2, 2]
            [training]
            learning_rte = 0.5
            """)
        for command in [["train", path], ["trace", path], ["gradcheck", path], ["check", path]] {
            let run = try Binary.run(command)
            XCTAssertEqual(run.status, 2, "\(command): \(run.stdout) \(run.stderr)")
            let message = run.stderr + run.stdout
            XCTAssertTrue(message.contains("\(path):4"), "\(command): \(message)")
            XCTAssertTrue(message.contains("learning_rate"), message)
        }
    }

    func testMissingFile() throws {
        let run = try Binary.run(["train", "/nonexistent/net.toml"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("/nonexistent/net.toml"), run.stderr)
    }
}
