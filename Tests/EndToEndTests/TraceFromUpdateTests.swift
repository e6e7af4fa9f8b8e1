import Foundation
import XCTest

/// `trace --from-update N --updates K` against a full trace: the same updates, the same numbers.
final class TraceFromUpdateTests: XCTestCase {
    /// 7 samples in shuffled batches of 3 (3 updates an epoch, the last of 1 sample), Adam, softmax.
    static let network = """
        title = "small, shuffled mini-batches"
        [network]
        layers = [2, 3, 2]
        activation = "tanh"
        output_activation = "softmax"
        seed = 4
        [training]
        loss = "cross-entropy"
        optimizer = "adam"
        learning_rate = 0.05
        batch_size = 3
        shuffle = true
        [data]
        inputs = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.2], [0.3, 0.9], [0.8, 0.1]]
        targets = [[1, 0], [0, 1], [0, 1], [1, 0], [1, 0], [0, 1], [1, 0]]
        """

    func steps(_ arguments: [String]) throws -> [NSDictionary] {
        let run = try Binary.run(arguments)
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? NSDictionary)
        return try XCTUnwrap(json["steps"] as? [NSDictionary])
    }

    func testJSONOfUpdatesNToNPlusKEqualsTheFullTrace() throws {
        let path = try Binary.temporaryFile(Self.network)
        let full = try steps(["trace", path, "--format", "json", "--updates", "20"])
        XCTAssertEqual(full.count, 20)
        for (n, k) in [(1, 3), (8, 9), (20, 1), (3, 18)] {
            let part = try steps(["trace", path, "--format", "json", "--from-update", String(n), "--updates", String(k)])
            let want = Array(full[(n - 1)..<min(n - 1 + k, full.count)])
            XCTAssertEqual(part.count, k, "from \(n)")
            XCTAssertEqual(part.map { $0["update"] as? Int }, (n..<(n + k)).map { $0 }, "from \(n)")
            if n - 1 + k <= full.count {
                XCTAssertEqual(part, want, "updates \(n)…\(n + k - 1): every number equal")
            } else {
                XCTAssertEqual(Array(part.prefix(want.count)), want, "updates \(n)…\(full.count)")
            }
        }
    }

    func testTextFromAnUpdateAndBadValues() throws {
        let path = try Binary.temporaryFile(Self.network)
        let full = try Binary.run(["trace", path, "--lang", "en", "--updates", "6"]).stdout
        let part = try Binary.run(["trace", path, "--lang", "en", "--from-update", "5", "--updates", "2"]).stdout
        let block = { (text: String) in text.components(separatedBy: "\n── update ").dropFirst().map { String($0) } }
        XCTAssertEqual(block(part), Array(block(full)[4...5]))
        XCTAssertTrue(block(part)[0].hasPrefix("5 · epoch 2 · batch 2/3"), block(part)[0])
        let bad = try Binary.run(["trace", path, "--from-update", "0"])
        XCTAssertEqual(bad.status, 2, "a usage error, as for --updates 0")
        XCTAssertTrue(bad.stderr.contains("--from-update must be at least 1"), bad.stderr)
    }
}
