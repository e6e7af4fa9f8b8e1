// The timeline over a long run (release mode): peak resident memory while jumping around a run of
// 1,000,000 XOR updates or 100 epochs of the digits network, and the time to go to an update.
//   timeline-bench ROOT xor|digits [jumps]
// One run per process, so that VmHWM (the peak resident set, /proc/self/status) is this run's.
// Prints `name value` lines; benchmarks/run turns them into sentences.
import BackpropEngine
import Foundation
import TerminalUI
import TutorFiles

func seconds(_ body: () -> Void) -> Double {
    let start = ContinuousClock.now
    body()
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// VmHWM and VmRSS in bytes.
func memory() -> (peak: Int, resident: Int) {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    func field(_ name: String) -> Int {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
    }
    return (field("VmHWM"), field("VmRSS"))
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, ["xor", "digits"].contains(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: timeline-bench ROOT xor|digits [jumps]\n".utf8))
    exit(2)
}
let root = arguments[1], which = arguments[2]
let jumps = arguments.count > 3 ? Int(arguments[3]) ?? 300 : 300
let path = which == "xor" ? "lessons/article-xor.toml" : "lessons/10-digits.toml"
let file: NetworkFile
do { file = try NetworkFile.load(path: root + "/" + path) } catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
let loaded = memory()
var model: TutorModel
do { model = try TutorModel(file: file, width: 200, height: 60, language: .en, unicode: true, theme: .default) } catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
let b = model.timeline.batchesPerEpoch
// the run: 1,000,000 updates of the article's XOR (full batch: one an epoch), 100 digits epochs
let epochs = which == "xor" ? 1_000_000 / b : 100
update(&model, .key(.right))
let train = seconds { model.timeline.skip(epochs: epochs - 1) }
let updates = model.timeline.trainedUpdates
precondition(updates >= epochs * b - b, "trained \(updates)")
_ = view(model)
let trained = memory()

// jumps to updates drawn by a seeded generator, each followed by a few events and a frame of the
// screen (the diagram, the loss curve of the whole run, the change since a mark)
var rng = SplitMix64(seed: 11)
var times: [Double] = []
model.timeline.setMark()
for k in 0..<jumps {
    let target = Int(rng.next() % UInt64(updates)) + 1
    let t = seconds { precondition(model.timeline.go(to: .update(target))) }
    times.append(t)
    for _ in 0..<(k % 7) { model.timeline.next() }
    if k % 3 == 0 { model.timeline.previous() }
    if k % 50 == 0 { model.timeline.setMark() }
    _ = view(model)
}
// the worst place: the update just before a checkpoint (the longest replay)
let interval = model.timeline.checkpointInterval
var worst: [Double] = []
for k in 1...20 {
    // update number q·I is index q·I − 1: replayed from the checkpoint at (q−1)·I, I − 1 updates
    let q = max(1, k * (updates / interval) / 21)
    let target = min(updates, q * interval)
    worst.append(seconds { precondition(model.timeline.go(to: .update(target))) })
}
let end = memory()
times.sort()
worst.sort()
print("name \(which)")
print("updates \(updates)")
print("train-seconds \(train)")
print("checkpoints \(model.timeline.checkpointCount)")
print("checkpoint-interval \(interval)")
print("peak-bytes \(end.peak)")
print("resident-bytes \(end.resident)")
print("loaded-peak-bytes \(loaded.peak)")
print("trained-resident-bytes \(trained.resident)")
print("jumps \(times.count)")
print("jump-median \(times[times.count / 2])")
print("jump-p99 \(times[min(times.count - 1, times.count * 99 / 100)])")
print("jump-max \(times.last!)")
print("jump-worst-place-max \(worst.last!)")
