import ArgumentParser
import BackpropEngine
import EventWords
import NetworkNaming
import Foundation
import TutorFiles

enum TraceFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every recorded step of training in order, with its formula and numbers.",
        discussion: """
            text: one block per event (sentence and formula). json: every value at full precision. \
            markdown: a printable worksheet.
            """
    )

    @Argument(help: "A network or lesson file (TOML), or a built-in lesson (chain-rule, 04-chain-rule or 4).")
    var file: String

    @Flag(help: "With a lesson and --format markdown: the answer sheet instead of the worksheet.")
    var answers = false

    @Option(help: "Epochs to trace.")
    var epochs: Int = 1

    @Option(help: "Stop after this many updates (mini-batches), whatever --epochs says.")
    var updates: Int?

    @Option(help: ArgumentHelp("Start at this update (1 is the first): the ones before it are trained on the fast path, bit for bit the numbers a full trace shows.",
                               valueName: "N"))
    var fromUpdate: Int?

    @Option(help: "Output format.")
    var format: TraceFormat = .text

    @Option(help: "Language of the words: en or ja (default: from the locale).")
    var lang: LanguageOption?

    @Flag(help: "ASCII symbols only (x1, dE/dw5, ->).")
    var ascii = false

    @ParentCommand var root: BackpropTutor

    @Option(help: "Decimals shown in text and markdown.")
    var digits: Int = 4

    func validate() throws {
        if epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        if let updates, updates < 1 { throw ValidationError("--updates must be at least 1, got \(updates)") }
        if let fromUpdate, fromUpdate < 1 { throw ValidationError("--from-update must be at least 1, got \(fromUpdate)") }
    }

    func run() throws {
        let file = try loadLessonOrFile(file)
        if format == .markdown, file.lesson != nil {
            let language: LessonLanguage = ((lang ?? root.common.lang)?.language ?? Language.fromEnvironment()) == .ja ? .ja : .en
            print(LessonWorksheet(file: file, language: language, ascii: ascii || root.common.ascii || !terminalIsUTF8(), answers: answers).markdown)
            return
        }
        var trainer = try orExit { () throws(FileError) in
            try file.checkRecording()
            return try file.trainer(measuringTest: false)
        }
        // updates N…N+K−1: the ones before N on the fast path (the same numbers as recording them)
        if let fromUpdate { trainer.train(updates: fromUpdate - 1) }
        var traces: [StepTrace] = []
        let limit = updates ?? epochs * trainer.batchesPerEpoch
        while traces.count < limit, let trace = trainer.recordedStep(reusing: traces.last) { traces.append(trace) }
        let language = (lang ?? root.common.lang)?.language ?? Language.fromEnvironment()
        let words = EventWords(network: file.network, language: language, ascii: ascii || root.common.ascii || !terminalIsUTF8(),
                               digits: digits, naming: file.naming)
        switch format {
        case .json: print(traceJSON(file, traces, trainer).text)
        case .text: printText(file, traces, trainer, words)
        case .markdown: print(Worksheet(file: file, traces: traces, words: words).markdown)
        }
    }

    private func traceJSON(_ file: NetworkFile, _ traces: [StepTrace], _ end: Trainer) -> JSON {
        let json = EventJSON(naming: file.naming)
        return .object([
            ("title", .string(file.title)),
            ("layers", .array(file.network.layerSizes.map { .int($0) })),
            // neuron [l, j] is named neurons[l][j], as lesson files spell it (x1, h1, o1)
            ("neurons", .array(file.network.layerSizes.indices.map { l in
                .array((0..<file.network.layerSizes[l]).map { .string(file.naming.neuron(NeuronRef(layer: l, index: $0), .placeholder)) })
            })),
            ("steps", .array(traces.map { t in
                .object([("update", .int(t.after.updateCount)), ("epoch", .int(t.epochNumber)),
                         ("batch", .int(t.batchNumber)), ("samples", .array(t.sampleIndices.map { .int($0) })),
                         ("loss", .number(t.batchLoss)),
                         ("events", .array(t.map(json.event)))])
            })),
            ("diverged", .bool(end.hasDiverged)),
        ])
    }

    private func printText(_ file: NetworkFile, _ traces: [StepTrace], _ end: Trainer, _ words: EventWords) {
        print(file.title)
        print(file.summaryLine)
        for t in traces {
            print("")
            print("── update \(t.after.updateCount) · epoch \(t.epochNumber) · batch \(t.batchNumber)/\(t.before.batchesPerEpoch) · "
                + "samples \(t.sampleIndices.map { String($0 + 1) }.joined(separator: ", ")) ──")
            var phase: StepEvent.Phase? = nil
            for (k, event) in t.enumerated() {
                if event.phase != phase {
                    phase = event.phase
                    print("\n[\(words.phaseName(event.phase))]")
                }
                let text = words.text(for: event)
                print("\(k + 1). \(text.title): \(text.sentence)")
                for line in words.fullFormula(for: event) { print("     " + line) }
            }
        }
        if let d = end.divergence {
            print("\nTraining diverged in epoch \(d.epoch): the loss or a weight is no longer a finite number.")
        }
    }
}

enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
    case en, ja
    var language: Language { self == .ja ? .ja : .en }
}

extension Language {
    /// Japanese when LC_ALL, LC_MESSAGES or LANG (the first one set) starts with "ja".
    static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        let value = [env["LC_ALL"], env["LC_MESSAGES"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        return value.lowercased().hasPrefix("ja") ? .ja : .en
    }
}
