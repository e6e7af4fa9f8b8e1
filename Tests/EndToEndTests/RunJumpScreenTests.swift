import Foundation
import XCTest

/// The whole run through the real binary in tmux: Home after stepping returns to the start
/// screen; after training 1000 epochs at once, `G epoch 1` shows the file's starting weights and
/// `G epoch 500` the weights that `train --epochs 499 --json` prints (epoch 500 opens after 499
/// finished epochs), to the decimals the weights panel shows.
final class RunJumpScreenTests: XCTestCase {
    override func setUpWithError() throws {
        try TmuxSession.require()
    }

    func testHomeAndGoToAt80x24() throws { try homeAndGoTo(width: 80, height: 24) }
    func testHomeAndGoToAt120x40() throws { try homeAndGoTo(width: 120, height: 40) }

    private func homeAndGoTo(width: Int, height: Int) throws {
        let file = Binary.path("lessons/two-two-two.toml")
        let tmux = try TmuxSession(["open", file, "--lang", "en"], width: width, height: height)
        let start = try tmux.waitForSettled("Ready")
        for _ in 0..<40 { try tmux.send("Right") }
        try tmux.waitForSettled("step 9/31")  // 31 events an update: the 40th is the 9th of epoch 2
        try tmux.send("Home")
        let home = try tmux.waitForSettled("Ready")
        XCTAssertEqual(ScreenRegions.outsideTheRun(home), ScreenRegions.outsideTheRun(start),
                       "Home shows the screen the file opened on")

        try tmux.send("e")
        try tmux.send("1000")
        try tmux.send("Enter")
        try tmux.waitForSettled("trained 1000 epochs")

        try goTo(tmux, "epoch 1")
        let first = try weightsShown(tmux.waitForSettled("epoch 1 ·"))
        try assertShown(first, equal: trained(file, epochs: 0), at: "epoch 1")

        try goTo(tmux, "epoch 500")
        let middle = try weightsShown(tmux.waitForSettled("epoch 500 ·"))
        try assertShown(middle, equal: trained(file, epochs: 499), at: "epoch 500")
        try tmux.send("q")
        XCTAssertEqual(tmux.exitStatus(), 0)
    }

    private func goTo(_ tmux: TmuxSession, _ place: String) throws {
        try tmux.send("G")
        try tmux.waitFor("go to")
        try tmux.send(place)
        try tmux.send("Enter")
    }

    /// The parameters of `train --epochs N --json` by the tutor's names for the 2-2-2 network:
    /// w₁…w₄ into the hidden layer (row by row), w₅…w₈ into the output layer, b₁ b₂ then b₃ b₄.
    private func trained(_ file: String, epochs: Int) throws -> [String: Double] {
        let run = try Binary.run(["train", file, "--epochs", String(epochs), "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let weights = try XCTUnwrap(json["weights"] as? [[[Double]]])
        let biases = try XCTUnwrap(json["biases"] as? [[Double]])
        let subscripts = ["₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈"]
        var named: [String: Double] = [:]
        for (i, w) in weights.flatMap({ $0.flatMap { $0 } }).enumerated() { named["w" + subscripts[i]] = w }
        for (i, b) in biases.flatMap({ $0 }).enumerated() { named["b" + subscripts[i]] = b }
        XCTAssertEqual(named.count, 12)
        return named
    }

    /// The rows of the weights panel: "│ w₁      0.2528 …" → ["w₁": 0.2528].
    private func weightsShown(_ screen: String) throws -> [String: String] {
        let row = try NSRegularExpression(pattern: "│ ([wb][₁-₈]) +(−?[0-9]+\\.[0-9]+)")
        var shown: [String: String] = [:]
        for line in screen.split(separator: "\n").map(String.init) {
            let ns = line as NSString
            for m in row.matches(in: line, range: NSRange(location: 0, length: ns.length)) {
                shown[ns.substring(with: m.range(at: 1))] = ns.substring(with: m.range(at: 2))
            }
        }
        XCTAssertGreaterThanOrEqual(shown.count, 3, "the weights panel shows some parameters:\n\(screen)")
        return shown
    }

    private func assertShown(_ shown: [String: String], equal expected: [String: Double], at place: String,
                             file: StaticString = #filePath, line: UInt = #line) throws {
        for (name, text) in shown {
            let value = try XCTUnwrap(expected[name], "\(name) is not a parameter", file: file, line: line)
            let decimals = text.split(separator: ".").last?.count ?? 0
            let printed = String(format: "%.\(decimals)f", value).replacingOccurrences(of: "-", with: "−")
            XCTAssertEqual(text, printed, "\(name) at \(place)", file: file, line: line)
        }
    }
}
