import ArgumentParser
import BackpropEngine
import TutorFiles

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate network and lesson files: one line per file; exit code 2 on any error."
    )

    @Argument(help: "Files to check.")
    var files: [String]

    func run() throws {
        var failed = false
        for path in files {
            do {
                let file = try NetworkFile.load(path: path)
                print("ok     \(path): \(file.summaryLine)")
            } catch {
                failed = true
                print("error  \(error)")
            }
        }
        if failed { throw ExitCode(2) }
    }
}

struct GradCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradcheck",
        abstract: "Compare backprop's gradient with central differences, parameter by parameter."
    )

    @Argument(help: "A network or lesson file (TOML).")
    var file: String

    @Option(help: "Central-difference step h.")
    var step: Double = 1e-6

    @Option(help: "Largest acceptable relative error; exit code 1 above it.")
    var tolerance: Double = 1e-6

    func run() throws {
        let file = try loadOrExit(file)
        let check = GradientCheck(network: file.network, data: file.data, loss: file.training.loss,
                                  reduction: file.training.reduction, step: step)
        let names = ParameterNames(network: file.network)
        print("\(file.title)\n\(file.summaryLine)\n")
        print("parameter".padded(14) + "backprop".leftPadded(16) + "numerical".leftPadded(16) + "rel. error".leftPadded(12))
        for entry in check.entries {
            print(names.name(entry.parameter).padded(14)
                + String(format: "%16.9f%16.9f%12.2e", entry.backprop, entry.numerical, entry.relativeError))
        }
        let worst = check.maxRelativeError
        let verdict = worst <= tolerance ? "ok" : "TOO LARGE"
        print("\nmax relative error \(String(format: "%.2e", worst)) (\(verdict), tolerance \(tolerance), h = \(step))")
        if worst > tolerance { throw ExitCode(1) }
    }
}

/// Plain names for parameters: W[l][j][i] and b[l][j], 0-based as in the file.
struct ParameterNames {
    let network: Network
    func name(_ p: ParameterRef) -> String {
        switch p {
        case .weight(let l, let j, let i): return "w[\(l)][\(j)][\(i)]"
        case .bias(let l, let j): return "b[\(l)][\(j)]"
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
