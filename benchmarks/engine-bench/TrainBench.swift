import BackpropEngine
import Foundation
import TutorFiles

/// `engine-bench train FILE EPOCHS REPEAT [sgd]`: the training alone, in this process, beside
/// train_numpy.py: the median seconds of REPEAT runs of `train(epochs:)`, each from the file's
/// start (the file and the trainer made before the clock starts), and the median processor time
/// of the runs (which a loaded machine changes less); then the last run's loss of its last epoch
/// and its final loss, all digits, for benchmarks/run to compare with NumPy's.
/// `sgd` trains with plain gradient descent instead of the file's optimizer: the difference in
/// time is what the optimizer's update costs.
func trainBenchmark(path: String, epochs: Int, repetitions: Int, sgd: Bool) {
    var start: Trainer
    do { start = try NetworkFile.load(path: path).trainer() } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(2)
    }
    if sgd {
        var settings = start.config
        settings.optimizer = .sgd
        try! start.reconfigure(settings)  // sgd has no parameters to refuse
    }
    var trained = start
    var cpu: [Double] = []
    let seconds = median(repetitions) {
        let used = cpuSeconds()
        trained = start
        trained.train(epochs: epochs)
        cpu.append(cpuSeconds() - used)
    }
    print(String(format: "seconds %.6f", seconds))
    print(String(format: "cpu_seconds %.6f", cpu.sorted()[cpu.count / 2]))
    if let last = trained.epochLosses.last { print("last_loss \(last)") }
    print("final_loss \(trained.loss())")
}

/// Processor time this process has used, in seconds.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
