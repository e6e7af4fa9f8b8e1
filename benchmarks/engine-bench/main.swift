// The engine's side of the benchmark (release mode): prints one line `name seconds` per workload,
// each the median of several runs in this one process: the recorded path vs the fast path, and
// the screen. `engine-bench train FILE EPOCHS REPEAT [sgd]` times the training of one file instead
// (TrainBench.swift), `engine-bench recorded FILE STEPS` only recorded steps (for a profiler). benchmarks/run puts them beside NumPy.
import BackpropEngine
import Foundation
import TutorFiles

func median(_ runs: Int, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        body()
        let d = ContinuousClock.now - start
        times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }
    return times.sorted()[times.count / 2]
}

let arguments = CommandLine.arguments
if arguments.count >= 5 && arguments[1] == "train", let epochs = Int(arguments[3]), let runs = Int(arguments[4]) {
    trainBenchmark(path: arguments[2], epochs: epochs, repetitions: runs, sgd: arguments.dropFirst(5).first == "sgd")
    exit(0)
}
// `engine-bench recorded FILE STEPS`: only recorded steps, one after another, for a profiler
if arguments.count >= 4 && arguments[1] == "recorded", let steps = Int(arguments[3]) {
    var t = try! NetworkFile.load(path: arguments[2]).trainer()
    var last: StepTrace? = nil
    let seconds = median(1) { for _ in 0..<steps { last = t.recordedStep(reusing: last) } }
    print(String(format: "recorded %.6f", seconds))
    exit(0)
}
let root = arguments.count > 1 ? arguments[1] : "."
let repetitions = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5

func load(_ path: String) -> NetworkFile {
    do { return try NetworkFile.load(path: root + "/" + path) } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(2)
    }
}

/// A trainer for a file's network (built once, outside the timed parts).
func trainer(_ network: Network, _ file: NetworkFile) -> Trainer {
    do { return try Trainer(network: network, config: file.training, data: file.data) } catch {
        FileHandle.standardError.write(Data("\(file.path): \(error)\n".utf8))
        exit(2)
    }
}

let xor = load("lessons/article-xor.toml")
let xorNetwork = xor.network
let digits = load("benchmarks/digits-64-32-10.toml")
let digitsNetwork = digits.network

// (c) recorded path vs fast path: the same 1,000 XOR updates, and the same digits epoch. The fast
// side is train(epochs:), the real fast path (XOR is full batch: one update per epoch).
let xorUpdates = 1000
let fastXOR = median(repetitions) {
    var t = trainer(xorNetwork, xor)
    precondition(t.batchesPerEpoch == 1)
    t.train(epochs: xorUpdates)
    precondition(t.updateCount == xorUpdates)
}
let recordedXOR = median(repetitions) {
    var t = trainer(xorNetwork, xor)
    var last: StepTrace? = nil
    for _ in 0..<xorUpdates { last = t.recordedStep(reusing: last) }
    precondition(t.updateCount == xorUpdates)
}
var eventCount = 0
let recordedXORAllEvents = median(repetitions) {
    var t = trainer(xorNetwork, xor)
    eventCount = 0
    var last: StepTrace? = nil
    for _ in 0..<xorUpdates {
        last = t.recordedStep(reusing: last)
        for event in last! { eventCount += event.neurons.count > 0 ? 1 : 1 }
    }
}
let fastDigits = median(repetitions) {
    var t = trainer(digitsNetwork, digits)
    t.train(epochs: 1)
    precondition(t.updateCount == t.batchesPerEpoch)
}
let recordedDigits = median(repetitions) {
    var t = trainer(digitsNetwork, digits)
    var last: StepTrace? = nil
    for _ in 0..<t.batchesPerEpoch { last = t.recordedStep(reusing: last) }
    precondition(t.epoch == 1)
}
print(String(format: "fast-xor-1000 %.6f", fastXOR))
print(String(format: "recorded-xor-1000 %.6f", recordedXOR))
print(String(format: "recorded-xor-1000-all-events %.6f", recordedXORAllEvents))
print(String(format: "fast-digits-epoch %.6f", fastDigits))
print(String(format: "recorded-digits-epoch %.6f", recordedDigits))
screenBenchmarks(root: root, repetitions: repetitions)
FileHandle.standardError.write(Data("(\(eventCount) events per 1000 XOR steps)\n".utf8))
