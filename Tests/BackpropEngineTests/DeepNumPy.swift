import Foundation
import XCTest
@testable import BackpropEngine

/// Runs benchmarks/reference/deep_reference.py (residual connections and batch normalization in
/// NumPy, written from the textbook formulas) on a network and its data, for `steps` Adam updates
/// on consecutive batches, and compares every recorded number with the engine's.
enum DeepNumPy {
    /// The script's output for one query: one dictionary per update.
    static func run(_ query: [String: Any]) throws -> [[String: Any]] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("benchmarks/reference/deep_reference.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: query))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            if problem.contains("No module named 'numpy'") || process.terminationStatus == 127 {
                let ci = ProcessInfo.processInfo.environment["CI"].map { !["", "0", "false"].contains($0.lowercased()) } ?? false
                if ci { XCTFail("python3 with numpy is needed for this test in CI: \(problem)"); return [] }
                throw XCTSkip("python3 with numpy is needed for this test: \(problem)")
            }
            XCTFail("deep_reference.py failed: \(problem)")
            return []
        }
        return try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    }

    /// The query for a trainer (its network, data and Adam settings), `steps` updates.
    static func query(_ t: Trainer, steps: Int) -> [String: Any] {
        let net = t.network, config = t.config
        guard case .adam(let b1, let b2, let eps) = config.optimizer else { preconditionFailure("adam only") }
        return [
            "layers": net.layerSizes, "activations": net.activations.map(\.rawValue), "leaky_slope": net.leakySlope,
            "weights": net.nestedWeights, "biases": net.biases, "bias": net.biasMode.rawValue,
            "residual": net.residual.map { [$0.from, $0.to] },
            "batch_norm": net.batchNormLayers, "gamma": net.parameters.scales, "beta": net.parameters.shifts,
            "bn_epsilon": BatchNorm.epsilon, "bn_momentum": BatchNorm.momentum,
            "X": t.data.inputs, "Y": t.data.targets, "loss": config.loss.rawValue,
            "reduction": config.reduction.rawValue, "learning_rate": config.learningRate,
            "beta1": b1, "beta2": b2, "epsilon": eps, "batch_size": t.batchSize, "steps": steps,
        ]
    }

    /// A B × n matrix of the reference, row by row, flattened.
    static func matrix(_ any: Any?) -> [Double] {
        guard let rows = any as? [Any] else { return [] }
        return rows.flatMap { row -> [Double] in
            if let r = row as? [NSNumber] { return r.map(\.doubleValue) }
            if let x = row as? NSNumber { return [x.doubleValue] }
            return []
        }
    }

    /// The reference's list of per-layer arrays under `key`, layer `l`.
    static func layer(_ step: [String: Any], _ key: String, _ l: Int) -> [Double] {
        guard let list = step[key] as? [Any], l < list.count else { return [] }
        return matrix(list[l])
    }
}

/// The largest relative error between two lists of numbers, |a − b| / max(|a|, |b|), counting
/// values below `floor` in both lists as equal (zeros up to rounding).
struct RelativeError {
    private(set) var worst = 0.0
    private(set) var worstWhat = ""

    mutating func compare(_ got: [Double], _ want: [Double], _ what: String, floor: Double = 1e-13,
                          file: StaticString = #filePath, line: UInt = #line) {
        guard got.count == want.count else {
            return XCTFail("\(what): \(got.count) values, reference \(want.count)", file: file, line: line)
        }
        for (a, b) in zip(got, want) {
            let scale = max(abs(a), abs(b))
            let e = scale < floor ? 0 : abs(a - b) / scale
            if e > worst { worst = e; worstWhat = what }
        }
    }
}
