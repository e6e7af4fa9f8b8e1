import BackpropEngine
import Foundation
import TutorFiles
import XCTest
@testable import TerminalUI

/// The layer view's matrices, operation by operation, against the vectorized formulas in NumPy
/// (benchmarks/reference/layer_view.py, written from the textbook formulas, run here with
/// python3): sigmoid, relu, tanh hidden layers; sigmoid and softmax outputs; half-sse, mse, bce
/// and cross-entropy; mean and sum; batches of 1, 4 and 32.
final class LayerViewNumPyTests: XCTestCase {
    struct Case {
        var sizes: [Int]
        var hidden: Activation
        var output: Activation
        var loss: Loss
        var reduction: Reduction
        var batch: Int
        var bias: BiasMode = .trainable
    }

    static let cases: [Case] = [
        Case(sizes: [2, 2, 2], hidden: .sigmoid, output: .sigmoid, loss: .halfSSE, reduction: .sum, batch: 1, bias: .frozen),
        Case(sizes: [3, 4, 2], hidden: .sigmoid, output: .sigmoid, loss: .halfSSE, reduction: .mean, batch: 4),
        Case(sizes: [3, 4, 1], hidden: .sigmoid, output: .sigmoid, loss: .halfSSE, reduction: .sum, batch: 4, bias: .none),
        Case(sizes: [5, 6, 4, 3], hidden: .relu, output: .softmax, loss: .crossEntropy, reduction: .mean, batch: 32),
        Case(sizes: [5, 6, 3], hidden: .relu, output: .softmax, loss: .crossEntropy, reduction: .sum, batch: 4),
        Case(sizes: [4, 5, 3], hidden: .tanh, output: .sigmoid, loss: .bce, reduction: .mean, batch: 32),
        Case(sizes: [4, 5, 2], hidden: .relu, output: .sigmoid, loss: .mse, reduction: .sum, batch: 1),
        Case(sizes: [4, 3, 3, 2], hidden: .sigmoid, output: .sigmoid, loss: .mse, reduction: .mean, batch: 32),
    ]

    /// One recorded step of case `c` on seeded data.
    static func trace(_ c: Case) throws -> StepTrace {
        let spec = NetworkSpec(layerSizes: c.sizes, activations: Array(repeating: c.hidden, count: c.sizes.count - 2) + [c.output],
                               biasMode: c.bias, seed: 7)
        var network = try spec.build()
        var rng = SplitMix64(seed: 99)
        if c.bias != .none {
            for l in 0..<network.weightLayerCount {
                for j in 0..<c.sizes[l + 1] { network.set(.bias(layer: l, neuron: j), to: rng.nextDouble(in: -0.5, 0.5)) }
            }
        }
        let k = c.sizes.last!
        let inputs = (0..<c.batch).map { _ in (0..<c.sizes[0]).map { _ in rng.nextDouble(in: -1, 1) } }
        let targets = (0..<c.batch).map { s -> [Double] in
            switch c.loss {
            case .crossEntropy: return (0..<k).map { $0 == s % k ? 1 : 0 }
            case .bce: return (0..<k).map { _ in rng.nextUnit() < 0.5 ? 0 : 1 }
            default: return (0..<k).map { _ in rng.nextDouble(in: 0, 1) }
            }
        }
        let config = TrainingConfig(loss: c.loss, reduction: c.reduction, optimizer: .sgd, learningRate: 0.3, batchSize: c.batch)
        var timeline = try Timeline(trainer: try Trainer(network: network, config: config, data: Dataset(inputs: inputs, targets: targets)))
        timeline.next()
        return timeline.currentTrace!
    }

    /// The layer view's matrices of one step, named as the reference names them, each taken
    /// from the operation (and term) the layer view draws for one of the step's events.
    static func layerViewMatrices(_ t: StepTrace) -> [String: Matrix] {
        var out: [String: Matrix] = [:]
        func add(_ key: String, _ term: LayerTerm) {
            // a transposed term is drawn transposed: compare what is drawn
            let m = term.matrix
            out[key] = term.transposed
                ? Matrix(rows: m.columns, columns: m.rows, values: (0..<m.columns).flatMap { c in (0..<m.rows).map { m[$0, c] } })
                : m
        }
        let net = t.before.network, top = net.weightLayerCount
        var seen = Set<String>()
        for k in t.indices {
            // one event of each operation (building an operation copies its matrices)
            let e = t[k]
            let key = "\(e.phase) \(e.kind.caseName) \(e.mainNeuron?.layer ?? e.mainParameter?.layer ?? -1)"
            guard seen.insert(key).inserted,
                  let op = LayerOperation.make(trace: t, event: k, unicode: true, articleNames: false) else { continue }
            let l = op.layer
            switch op.kind {
            case .weightedSum: add("Z\(l)", op.result)
            case .activation: add("A\(l)", op.result)
            case .loss: add("L", op.result)
            case .outputDelta:
                add("D\(top)", op.result)
                if !t.before.config.loss.fusesWithOutputActivation {
                    add("dL_dA", op.terms[0])
                    add("fp\(top)", op.terms[1])
                }
            case .hiddenDelta:
                add("D\(l)", op.result)
                if op.terms.count == 3 { add("fp\(l)", op.terms[2]) }
            case .residualSum, .residualDelta, .batchStatistics, .normalization, .normalizationGradient, .normalizationDelta:
                break   // no skips in these cases (DeepNumPy checks them)
            case .weightGradient:
                add("dW\(l)", op.result)
                if let extra = op.extra { add("db\(l)", extra) }
            case .update:
                add("W\(l)_new", op.result)
                if let extra = op.extra { add("b\(l)_new", extra) }
            }
        }
        return out
    }

    static func query(_ t: StepTrace, _ c: Case) -> [String: Any] {
        let net = t.before.network
        return [
            "layers": net.layerSizes, "activations": net.activations.map(\.rawValue), "leaky_slope": net.leakySlope,
            "weights": net.nestedWeights, "biases": net.biases, "bias": c.bias.rawValue,
            "X": t.inputs, "Y": t.targets, "loss": c.loss.rawValue, "reduction": c.reduction.rawValue,
            "learning_rate": t.before.config.learningRate,
        ]
    }

    /// The reference's matrices for each query, from one run of the script.
    static func reference(_ queries: [[String: Any]]) throws -> [[String: Any]] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("benchmarks/reference/layer_view.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: queries))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            if problem.contains("No module named 'numpy'") || process.terminationStatus == 127 {
                // in CI (.ci/run exports CI=1 and installs numpy) a missing numpy is a failure
                let ci = ProcessInfo.processInfo.environment["CI"].map { !["", "0", "false"].contains($0.lowercased()) } ?? false
                if ci { XCTFail("python3 with numpy is needed for this test in CI: \(problem)"); return [] }
                throw XCTSkip("python3 with numpy is needed for this test: \(problem)")
            }
            XCTFail("layer_view.py failed: \(problem)")
            return []
        }
        return try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    }

    func testLayerViewMatricesAgainstNumPy() throws {
        let traces = try Self.cases.map(Self.trace)
        let references = try Self.reference(zip(traces, Self.cases).map { Self.query($0, $1) })
        XCTAssertEqual(references.count, Self.cases.count)
        for (n, c) in Self.cases.enumerated() where n < references.count {
            let t = traces[n]
            let ours = Self.layerViewMatrices(t)
            let theirs = references[n]
            let what = "\(c.sizes) \(c.hidden)/\(c.output) \(c.loss) \(c.reduction) B=\(c.batch)"
            // every matrix NumPy computes is drawn by the layer view, and the other way round
            let expectedKeys = Set(theirs.keys).filter { !$0.hasPrefix("back") }.subtracting(["E"] + (c.bias == .trainable ? [] : (1...t.before.network.weightLayerCount).flatMap { ["db\($0)", "b\($0)_new"] }))
            XCTAssertEqual(Set(ours.keys), expectedKeys, what)
            for (key, matrix) in ours {
                guard let rows = theirs[key] as? [[Double]] else { XCTFail("\(what): NumPy has no \(key)"); continue }
                XCTAssertEqual(matrix.rows, rows.count, "\(what) \(key) rows")
                XCTAssertEqual(matrix.columns, rows.first?.count ?? 0, "\(what) \(key) columns")
                guard matrix.rows == rows.count, matrix.columns == rows.first?.count ?? 0 else { continue }
                for r in 0..<matrix.rows {
                    for col in 0..<matrix.columns {
                        let a = matrix[r, col], b = rows[r][col]
                        XCTAssertEqual(a, b, accuracy: 1e-12 * max(1, abs(b)), "\(what) \(key)[\(r),\(col)]")
                    }
                }
            }
            if let e = theirs["E"] as? Double {
                XCTAssertEqual(t.batchLoss, e, accuracy: 1e-12 * max(1, abs(e)), "\(what) E")
            }
        }
    }
}

extension StepEvent.Kind {
    /// The case without its values.
    var caseName: String { String(String(describing: self).prefix { $0 != "(" }) }
}
