import Foundation
import XCTest

/// Oversized networks through the real binary: refused with file:line and exit code 2 by `check`
/// and `open`, without allocating them (issue 14: `check` used to take 9 GB before failing).
final class SizeLimitCommandTests: XCTestCase {
    /// Runs the binary with its address space limited to `kilobytes` (`ulimit -v`): an
    /// allocation past it fails and the process aborts (exit code 134) instead of exiting 0 or 2.
    private func runLimited(_ arguments: [String], kilobytes: Int) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v \(kilobytes) && exec \"$0\" \"$@\"", Binary.url.path] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                   stderr: String(decoding: e, as: UTF8.self))
    }

    private func file(_ layers: String) throws -> String {
        try Binary.temporaryFile("title = \"big\"\n[network]\nlayers = \(layers)\n[data]\ninputs = [[0, 0]]\ntargets = [[0, 0]]\n")
    }

    func testCheckRefusesHugeLayersAtTheirLine() throws {
        for (layers, words) in [("[2, 9223372036854775807, 2]", "has 4.6e19 parameters"),
                                ("[2, 1000000000, 2]", "about 360 GB of memory"),
                                ("[2, 30000, 30000, 2]", "about 64.8 GB of memory")] {
            let path = try file(layers)
            let run = try Binary.run(["check", path])
            XCTAssertEqual(run.status, 2, layers + run.stdout + run.stderr)
            XCTAssertTrue(run.stdout.hasPrefix("error  \(path):3: network.layers: "), run.stdout)
            XCTAssertTrue(run.stdout.contains(words), run.stdout)
            XCTAssertTrue(run.stdout.contains("the limit is 10,000,000 parameters"), run.stdout)
        }
    }

    func testCheckAndOpenNeverAllocateTheNetwork() throws {
        // 2-30000-30000-2 would be 65 GB; 2-3000-3000-2 (9 million parameters, within the limit)
        // takes 72 MB for its weights alone, twice that while they are generated: neither fits
        // in 120 MB of address space, which the program itself needs well under
        let limit = 120_000
        for layers in ["[2, 30000, 30000, 2]", "[2, 3000, 3000, 2]"] {
            let path = try file(layers)
            let check = try runLimited(["check", path], kilobytes: limit)
            XCTAssertEqual(check.status, layers.contains("30000") ? 2 : 0, "check \(layers): " + check.stdout + check.stderr)
            // open refuses both before the terminal: the second one's recorded step is over 256 MB
            let open = try runLimited(["open", path], kilobytes: limit)
            XCTAssertEqual(open.status, 2, "open \(layers): " + open.stderr)
        }
        // the limit does bite: training the 9-million-parameter network needs more
        let path = try file("[2, 3000, 3000, 2]")
        XCTAssertNotEqual(try runLimited(["train", path, "--epochs", "1"], kilobytes: limit).status, 0)
    }

    func testOpenAndTraceSayWhyAStepCannotBeRecorded() throws {
        let path = try file("[2, 3000, 3000, 2]")
        for command in ["open", "trace"] {
            let run = try Binary.run([command, path])
            XCTAssertEqual(run.status, 2, command + run.stdout + run.stderr)
            XCTAssertTrue(run.stderr.hasPrefix("\(path):3: recording one update of a 2-3000-3000-2 network on a batch of 1 sample"),
                          run.stderr)
            XCTAssertTrue(run.stderr.contains("the limit for one recorded step is 256 MB"), run.stderr)
            XCTAssertEqual(run.stdout, "", command)
        }
        // check says it is a valid file, and that it cannot be stepped through
        let run = try Binary.run(["check", path])
        XCTAssertEqual(run.status, 0, run.stdout)
        XCTAssertTrue(run.stdout.contains("note: \(path):3: recording one update"), run.stdout)
    }
}
