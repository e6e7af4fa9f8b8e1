import Foundation
import XCTest

/// `check` refuses bad deep-network combinations with file:line and exit code 2.
final class DeepCommandTests: XCTestCase {
    func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "deep-\(UUID().uuidString).toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testBatchNormWithBatchesOfOneIsAFileError() throws {
        let path = try write("""
            [network]
            layers = [2, 4, 1]
            batch_norm = true

            [training]
            batch_size = 1

            [data]
            inputs = [[0, 0], [1, 1]]
            targets = [[0], [1]]
            """)
        let run = try Binary.run(["check", path])
        XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
        XCTAssertTrue((run.stdout + run.stderr).contains("\(path):6: batch normalization needs mini-batches of at least 2"),
                      run.stdout + run.stderr)
    }

    func testResidualBetweenLayersOfDifferentWidthIsAFileError() throws {
        let path = try write("""
            [network]
            layers = [2, 4, 3, 1]
            residual = [[1, 2]]

            [data]
            inputs = [[0, 0], [1, 1]]
            targets = [[0], [1]]
            """)
        let run = try Binary.run(["check", path])
        XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
        XCTAssertTrue((run.stdout + run.stderr).contains("\(path):3: network.residual[0]"), run.stdout + run.stderr)
        XCTAssertTrue((run.stdout + run.stderr).contains("layer 1 has 4 and layer 2 has 3"), run.stdout)
    }
}
