import Foundation
import XCTest

/// Seeded mutations of the shipped lessons, network files and CSV data, each run through the real
/// binary (`check` for lessons, `train --epochs 1` for networks and data), a few at a time, with a
/// timeout (issue 14). A crash (a signal), a timeout or an exit code other than 0 (accepted) or
/// 2 (refused with a message) fails the test, which names the mutation and keeps the file.
/// The same seed gives the same ~200 files on every run; it must finish in CI in under a minute.
final class FuzzTests: XCTestCase {
    static let seed: UInt64 = 14
    static let parallel = 3
    static let timeout = 30.0

    /// One mutated file and how to run it.
    struct Case: Sendable {
        var label: String
        /// path inside the case folder, and its bytes
        var file: String
        var bytes: [UInt8]
        /// a second file written beside it (a network file for mutated CSV data)
        var companion: (path: String, text: String)?
        var arguments: [String]
    }

    struct SplitMix: Sendable {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    }

    static let hugeNumbers = ["1e999999", "99999999999999999999999", "9223372036854775807", "-9223372036854775808",
                              "nan", "inf", "-0", "1e-400", "4294967297", "0x7fffffffffffffff"]

    /// One of eight mutations, at a random place: flip a byte, delete, duplicate or truncate, insert
    /// a huge number, insert deep nesting (brackets, inline tables, dotted keys, quotes), put a huge
    /// number in place of a number, or repeat a line elsewhere.
    static func mutate(_ data: [UInt8], _ rng: inout SplitMix) -> (bytes: [UInt8], how: String) {
        var b = data
        let p = rng.below(max(1, b.count))
        switch rng.below(8) {
        case 0:
            guard !b.isEmpty else { return (b, "flip (empty)") }
            b[p] ^= UInt8(1 + rng.below(255))
            return (b, "flip byte \(p)")
        case 1:
            let n = 1 + rng.below(64)
            b.removeSubrange(p..<min(b.count, p + n))
            return (b, "delete \(n) at \(p)")
        case 2:
            let n = 1 + rng.below(64)
            b.insert(contentsOf: b[p..<min(b.count, p + n)], at: p)
            return (b, "duplicate \(n) at \(p)")
        case 3:
            b.removeSubrange(p..<b.count)
            return (b, "truncate at \(p)")
        case 4:
            let s = hugeNumbers[rng.below(hugeNumbers.count)]
            b.insert(contentsOf: Array(s.utf8), at: p)
            return (b, "insert \(s) at \(p)")
        case 5:
            let depth = [1000, 20_000][rng.below(2)]
            let kinds = [String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
                         String(repeating: "{a=", count: depth) + "1" + String(repeating: "}", count: depth),
                         "a" + String(repeating: ".a", count: depth) + "=1\n",
                         String(repeating: "\"", count: depth)]
            let k = rng.below(kinds.count)
            b.insert(contentsOf: Array(kinds[k].utf8), at: p)
            return (b, "insert nesting \(k) of depth \(depth) at \(p)")
        case 6:
            // the digits around a random place become a huge number
            var start = p
            while start < b.count && !(48...57).contains(b[start]) { start += 1 }
            guard start < b.count else { return (b, "no number after \(p)") }
            var end = start
            while end < b.count && (48...57).contains(b[end]) { end += 1 }
            let s = hugeNumbers[rng.below(hugeNumbers.count)]
            b.replaceSubrange(start..<end, with: Array(s.utf8))
            return (b, "number at \(start) becomes \(s)")
        default:
            var lines = b.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
            let from = rng.below(lines.count), to = rng.below(lines.count)
            lines.insert(lines[from], at: to)
            return (Array(lines.joined(separator: [10])), "line \(from + 1) repeated before line \(to + 1)")
        }
    }

    /// The cases: every shipped file, lighter ones more often (the test must stay under a minute).
    static func cases() throws -> [Case] {
        var rng = SplitMix(state: seed)
        var out: [Case] = []
        func read(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: Binary.path(path)))) }
        let lessons = try FileManager.default.contentsOfDirectory(atPath: Binary.path("lessons"))
            .filter { $0.hasSuffix(".toml") }.sorted()
        // network files (no [lesson]) are trained for an epoch; lessons are checked
        let networks: Set<String> = ["article-xor.toml", "two-two-two.toml"]
        for name in lessons {
            let original = try read("lessons/" + name)
            // files that read the 1,797 digits take longer: fewer mutations
            let count = name == "10-digits.toml" ? 4 : 10
            for _ in 0..<count {
                let (bytes, how) = mutate(original, &rng)
                let path = "lessons/" + name
                out.append(Case(label: "\(name): \(how)", file: path, bytes: bytes, companion: nil,
                                arguments: networks.contains(name) ? ["train", path, "--epochs", "1"] : ["check", path]))
            }
        }
        for name in ["digits-64-32-10.toml", "digits-784-128-64-10.toml"] {
            let original = try read("benchmarks/" + name)
            for _ in 0..<4 {
                let (bytes, how) = mutate(original, &rng)
                let path = "benchmarks/" + name
                out.append(Case(label: "\(name): \(how)", file: path, bytes: bytes, companion: nil,
                                arguments: ["train", path, "--epochs", "1"]))
            }
        }
        // each CSV file with a small network that reads it; the digits cut to their first 150 rows
        let csv: [(name: String, rows: Int?, network: String, count: Int)] = [
            ("lessons/data/iris.csv", nil, "layers = [4, 5, 3]\nactivation = \"tanh\"\noutput_activation = \"softmax\"\n"
                + "[data]\nfile = \"data.csv\"\nclasses = 3\nscale = \"standard\"\ntest_fraction = 0.2\n", 30),
            ("lessons/data/digits.csv", 150, "layers = [64, 16, 10]\nactivation = \"relu\"\noutput_activation = \"softmax\"\n"
                + "[data]\nfile = \"data.csv\"\nclasses = 10\nscale = \"minmax\"\n", 20),
            ("benchmarks/data/digits-28x28.csv", nil, "layers = [784, 16, 10]\nactivation = \"relu\"\n"
                + "output_activation = \"softmax\"\n[data]\nfile = \"data.csv\"\nclasses = 10\nscale = \"minmax\"\n", 20),
        ]
        for table in csv {
            var original = try read(table.name)
            if let rows = table.rows {
                original = Array(original.split(separator: 10, omittingEmptySubsequences: false).prefix(rows)
                    .joined(separator: [10])) + [10]
            }
            for _ in 0..<table.count {
                let (bytes, how) = mutate(original, &rng)
                out.append(Case(label: "\(table.name): \(how)", file: "data.csv", bytes: bytes,
                                companion: ("net.toml", "[network]\n" + table.network),
                                arguments: ["train", "net.toml", "--epochs", "1"]))
            }
        }
        return out
    }

    /// What went wrong with one case, nil when it exited with 0 or 2.
    static func run(_ c: Case, index: Int, in root: URL) throws -> String? {
        let dir = root.appendingPathComponent("\(index)")
        let fm = FileManager.default
        for part in ["lessons", "benchmarks"] {
            try fm.createDirectory(at: dir.appendingPathComponent(part), withIntermediateDirectories: true)
            // the data the shipped files name, where they expect it
            try fm.createSymbolicLink(atPath: dir.appendingPathComponent(part + "/data").path,
                                      withDestinationPath: Binary.path(part + "/data"))
        }
        try Data(c.bytes).write(to: dir.appendingPathComponent(c.file))
        if let companion = c.companion {
            try companion.text.write(to: dir.appendingPathComponent(companion.path), atomically: true, encoding: .utf8)
        }
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = c.arguments
        process.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "LC_ALL")
        process.environment = env
        let errPath = dir.appendingPathComponent("stderr.txt")
        fm.createFile(atPath: errPath.path, contents: nil)
        let err = try FileHandle(forWritingTo: errPath)
        defer { try? err.close() }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        var timedOut = false
        if process.isRunning {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        let status = process.terminationStatus
        let crashed = process.terminationReason == .uncaughtSignal
        guard timedOut || crashed || (status != 0 && status != 2) else {
            try? fm.removeItem(at: dir)
            return nil
        }
        let what = timedOut ? "no answer in \(Int(timeout)) s" : crashed ? "killed by signal \(status)" : "exit code \(status)"
        let stderr = (try? String(contentsOf: errPath, encoding: .utf8)) ?? ""
        return "\(c.label) (\(c.arguments.joined(separator: " ")) in \(dir.path)): \(what); stderr: \(stderr.suffix(400))"
    }

    func testMutatedFilesAreRefusedOrAcceptedNeverACrash() throws {
        let cases = try Self.cases()
        XCTAssertGreaterThanOrEqual(cases.count, 200)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bpt-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var failures: [String] = []
            func add(_ failure: String?) {
                lock.lock()
                defer { lock.unlock() }
                if let failure { failures.append(failure) }
            }
        }
        let results = Results()
        let parallel = Self.parallel
        DispatchQueue.concurrentPerform(iterations: parallel) { worker in
            for k in stride(from: worker, to: cases.count, by: parallel) {
                do {
                    results.add(try Self.run(cases[k], index: k, in: root))
                } catch {
                    results.add("\(cases[k].label): could not run: \(error)")
                }
            }
        }
        for failure in results.failures.sorted() { XCTFail(failure) }
        if results.failures.isEmpty { try? FileManager.default.removeItem(at: root) }
    }

    /// The mutations are the same on every run (a failure can be reproduced from its label).
    func testTheMutationsAreSeeded() throws {
        let a = try Self.cases(), b = try Self.cases()
        XCTAssertEqual(a.map(\.label), b.map(\.label))
        XCTAssertEqual(a.map(\.bytes), b.map(\.bytes))
    }
}
