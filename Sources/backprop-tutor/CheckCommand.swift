import ArgumentParser
import BackpropEngine
import NetworkNaming
import TerminalUI
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
                // valid for `train`; say so when `open` and `trace` would refuse it
                do { try file.checkRecording() } catch { print("       note: \(error)") }
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
    var step: Double = 1e-5

    @Option(help: "Largest acceptable relative error; exit code 1 above it.")
    var tolerance: Double = 1e-6

    @Option(name: .customLong("absolute-tolerance"),
            help: "Gradients this close in absolute terms also agree (finite differences cannot resolve tinier ones).")
    var absoluteTolerance: Double = 1e-9

    @Option(help: "Language of the text: en or ja (default: from the locale).")
    var lang: LanguageOption?

    @Flag(help: "ASCII names (w5, W^2_3,7) instead of w₅, W²₃,₇.")
    var ascii = false

    @ParentCommand var root: BackpropTutor

    func run() throws {
        let file = try loadOrExit(file)
        let check = GradientCheck(network: file.network, data: file.data, loss: file.training.loss,
                                  reduction: file.training.reduction, step: step)
        // the names the tutor screen and the lessons use (ASCII on a terminal that cannot show w₅)
        let naming = file.naming, style: NetworkNaming.Style = ascii || root.common.ascii || !terminalIsUTF8() ? .ascii : .unicode
        let words = CommandText(lang ?? root.common.lang)
        print("\(words.title(of: file))\n\(words.summary(of: file))\n")
        print(words.parameterColumn.padded(14) + words.backpropColumn.leftPadded(17)
            + words.numericalColumn.leftPadded(17) + words.relativeErrorColumn.leftPadded(12)
            + words.absoluteErrorColumn.leftPadded(12))
        for entry in check.entries {
            let flag = entry.agrees(relative: tolerance, absolute: absoluteTolerance) ? "" : words.disagrees
            print(naming.parameter(entry.parameter, style).padded(14)
                + String(format: "%17.10f%17.10f%12.2e%12.2e", entry.backprop, entry.numerical,
                         entry.relativeError, entry.absoluteError) + flag)
        }
        let ok = check.passes(relative: tolerance, absolute: absoluteTolerance)
        print("\n" + words.maxErrors(relative: String(format: "%.2e", check.maxRelativeError),
                                     absolute: String(format: "%.2e", check.maxAbsoluteError), step: step))
        print(ok ? words.gradCheckPassed(tolerance: tolerance, absoluteTolerance: absoluteTolerance)
                 : words.gradCheckFailed)
        if !ok { throw ExitCode(1) }
    }
}

extension String {
    /// Spaces up to `width` terminal columns, then this text (Japanese characters take two).
    func leftPadded(_ width: Int) -> String {
        let w = displayWidth(of: self)
        return w >= width ? self : String(repeating: " ", count: width - w) + self
    }
}
