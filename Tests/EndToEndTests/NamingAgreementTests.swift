import BackpropEngine
import Foundation
import NetworkNaming
@testable import TerminalUI
import TutorFiles
import XCTest

/// One name for each thing: the tutor screen, the lessons' placeholders, `trace` (text and JSON),
/// `gradcheck` and the playground name the neurons and parameters of the 2-2-2 worked example and
/// of the digits network (64-32-10, ten classes) alike. The expected names are written out here
/// from the rules (w₁…w₈ row by row; W^l_{j,i} past 24 weights a layer; outputs of classes from 0),
/// not taken from NetworkNaming, and every part is compared with them and so with each other.
final class NamingAgreementTests: XCTestCase {
    struct Expected {
        var file: String
        /// screen names of the neurons, layer by layer, and of the parameters in the file's order
        var neurons: [[String]]
        var parameters: [String]
        /// the placeholder (and JSON) spellings, in the same order
        var neuronSpellings: [[String]]
        var parameterSpellings: [String]
    }

    static let sub: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
    static let sup: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    static func sub(_ n: Int) -> String { String(String(n).map { sub[Int(String($0))!] }) }
    static func sup(_ n: Int) -> String { String(String(n).map { sup[Int(String($0))!] }) }

    /// The worked example as its pages write it.
    static let twoTwoTwo = Expected(
        file: "lessons/two-two-two.toml",
        neurons: [["x₁", "x₂"], ["h₁", "h₂"], ["ŷ₁", "ŷ₂"]],
        parameters: ["w₁", "w₂", "w₃", "w₄", "b₁", "b₂", "w₅", "w₆", "w₇", "w₈", "b₃", "b₄"],
        neuronSpellings: [["x1", "x2"], ["h1", "h2"], ["o1", "o2"]],
        parameterSpellings: ["w1", "w2", "w3", "w4", "b1", "b2", "w5", "w6", "w7", "w8", "b3", "b4"])

    /// The digits network: a small file with the benchmark's layers and ten classes (two images,
    /// so that gradcheck and trace stay quick; names do not depend on the number of samples).
    static func digits() throws -> Expected {
        let pixels = (0..<64).map { Double($0 % 17) / 16 }
        let text = """
            title = "Digits 64-32-10 (naming)"
            [network]
            layers = [64, 32, 10]
            activation = "relu"
            output_activation = "softmax"
            bias = "trainable"
            init = "xavier"
            seed = 1
            [training]
            loss = "cross-entropy"
            reduction = "mean"
            optimizer = "sgd"
            learning_rate = 0.1
            batch_size = 0
            [data]
            classes = 10
            inputs = [\(pixels), \(pixels.reversed().map { $0 })]
            targets = [3, 7]
            """
        let path = try Binary.temporaryFile(text, name: "digits.toml")
        var parameters: [String] = [], spellings: [String] = []
        for (layer, (inputs, outputs)) in [(64, 1...32), (32, 0...9)].enumerated() {
            for j in outputs {
                for i in 1...inputs {
                    parameters.append("W⁽" + sup(layer + 1) + "⁾" + sub(j) + "," + sub(i))
                    spellings.append("W\(layer + 1)_\(j)_\(i)")
                }
            }
            for j in outputs {
                parameters.append("b⁽" + sup(layer + 1) + "⁾" + sub(j))
                spellings.append("b\(layer + 1)_\(j)")
            }
        }
        return Expected(
            file: path,
            neurons: [(1...64).map { "x" + sub($0) }, (1...32).map { "h" + sub($0) }, (0...9).map { "ŷ" + sub($0) }],
            parameters: parameters,
            neuronSpellings: [(1...64).map { "x\($0)" }, (1...32).map { "h\($0)" }, (0...9).map { "o\($0)" }],
            parameterSpellings: spellings)
    }

    /// The neuron names on a screen: x, h or ŷ with a subscript number (and a layer mark).
    static func neuronNames(in screen: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: "(?<![\\p{L}\\p{N}])(x|h|ŷ)[₀-₉]+(⁽[⁰-⁹]+⁾)?")
        let range = NSRange(screen.startIndex..., in: screen)
        return Set(pattern.matches(in: screen, range: range).map { String(screen[Range($0.range, in: screen)!]) })
    }

    func path(_ e: Expected) -> String { e.file.hasPrefix("/") ? e.file : Binary.path(e.file) }

    func testTwoTwoTwo() throws { try assertAgreement(Self.twoTwoTwo) }

    func testDigits() throws { try assertAgreement(try Self.digits()) }

    func assertAgreement(_ e: Expected, file: StaticString = #filePath, line: UInt = #line) throws {
        let network = try NetworkFile.load(path: path(e))
        let refs = network.network.parameterRefs
        XCTAssertEqual(refs.count, e.parameters.count, file: file, line: line)

        // the module itself, in all three spellings
        let naming = network.naming
        XCTAssertEqual(refs.map { naming.parameter($0, .unicode) }, e.parameters, file: file, line: line)
        XCTAssertEqual(refs.map { naming.parameter($0, .placeholder) }, e.parameterSpellings, file: file, line: line)
        for (l, names) in e.neurons.enumerated() {
            XCTAssertEqual(names.indices.map { naming.neuron(NeuronRef(layer: l, index: $0), .unicode) }, names,
                           file: file, line: line)
        }

        try assertGradcheck(e, file: file, line: line)
        try assertTrace(e, refs: refs, file: file, line: line)
        try assertLessonPlaceholders(e, network, refs: refs, file: file, line: line)
        try assertTutorScreen(e, network, file: file, line: line)
        try assertPlayground(e, file: file, line: line)
    }

    /// gradcheck's first column, parameter by parameter, in the file's order.
    func assertGradcheck(_ e: Expected, file: StaticString, line: UInt) throws {
        let run = try Binary.run(["gradcheck", path(e), "--lang", "en"])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr, file: file, line: line)
        let rows = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let header = rows.firstIndex(where: { $0.hasPrefix("parameter") }) else {
            return XCTFail("no table in gradcheck's output:\n\(run.stdout)", file: file, line: line)
        }
        let names = rows[(header + 1)...].prefix { !$0.isEmpty }.map { String($0.split(separator: " ")[0]) }
        XCTAssertEqual(names, e.parameters, file: file, line: line)
    }

    /// trace --format json names every neuron and every parameter it mentions as a lesson would;
    /// the text's titles use the screen names.
    func assertTrace(_ e: Expected, refs: [ParameterRef], file: StaticString, line: UInt) throws {
        let run = try Binary.run(["trace", path(e), "--format", "json", "--updates", "1"])
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["neurons"] as? [[String]], e.neuronSpellings, file: file, line: line)
        let spelling = Dictionary(uniqueKeysWithValues: zip(refs, e.parameterSpellings))
        let steps = try XCTUnwrap(json["steps"] as? [[String: Any]])
        var seen = 0
        for event in try XCTUnwrap(steps.first?["events"] as? [[String: Any]]) {
            guard let p = event["parameter"] as? [String: Any] else { continue }
            let l = try XCTUnwrap(p["layer"] as? Int)
            let ref: ParameterRef = p["kind"] as? String == "bias"
                ? .bias(layer: l, neuron: try XCTUnwrap(p["neuron"] as? Int))
                : .weight(layer: l, to: try XCTUnwrap(p["to"] as? Int), from: try XCTUnwrap(p["from"] as? Int))
            XCTAssertEqual(p["name"] as? String, spelling[ref], file: file, line: line)
            seen += 1
        }
        XCTAssertGreaterThan(seen, refs.count, file: file, line: line)   // a gradient and an update each

        let text = try Binary.run(["trace", path(e), "--updates", "1", "--lang", "en"])
        let firstOutputWeight = e.parameters[refs.firstIndex { $0 == .weight(layer: 1, to: 0, from: 0) }!]
        XCTAssertTrue(text.stdout.contains("Gradient of the weight \(firstOutputWeight): "), file: file, line: line)
        XCTAssertTrue(text.stdout.contains("Weighted sum of \(e.neurons[2][0]): "), file: file, line: line)
        XCTAssertFalse(text.stdout.contains("w[") || text.stdout.contains(" o1"), file: file, line: line)
    }

    /// Each parameter's placeholder reads back as that parameter and shows the gradient the
    /// engine recorded for it; each neuron's shows its recorded activation.
    func assertLessonPlaceholders(_ e: Expected, _ network: NetworkFile, refs: [ParameterRef], file: StaticString,
                                  line: UInt) throws {
        let names = ValueNames(naming: network.naming)
        var timeline = try Timeline(trainer: try Trainer(network: network.network, config: network.training, data: network.data))
        timeline.forward(by: .update)
        let trace = try XCTUnwrap(timeline.currentTrace)
        for (p, spelled) in zip(refs, e.parameterSpellings) {
            XCTAssertEqual(names.parameter(spelled), p, spelled, file: file, line: line)
            XCTAssertEqual(Narration.render("{grad.\(spelled):.9e}", timeline: timeline),
                           ValueFormat(spec: ".9e")!.format(trace.gradient[p], ascii: false), spelled, file: file, line: line)
        }
        for (l, layer) in e.neuronSpellings.enumerated() {
            for (j, spelled) in layer.enumerated() {
                XCTAssertEqual(names.neuron(spelled), NeuronRef(layer: l, index: j), spelled, file: file, line: line)
            }
        }
    }

    /// The tutor screen: the diagram's neurons, and the step panel's title at a weight's gradient.
    func assertTutorScreen(_ e: Expected, _ network: NetworkFile, file: StaticString, line: UInt) throws {
        var model = try TutorModel(file: network, width: 120, height: 40, language: .en, unicode: true, theme: .mono)
        let start = view(model).description
        // every neuron name on screen is one of the network's; each layer drawn as neurons shows its
        // first (wide layers show a few; the digits' inputs are drawn as the 8×8 image)
        let shown = Self.neuronNames(in: start)
        XCTAssertTrue(shown.isSubset(of: Set(e.neurons.joined())), "\(shown.subtracting(e.neurons.joined()))",
                      file: file, line: line)
        for layer in e.neurons where layer.count != 64 {
            XCTAssertTrue(shown.contains(layer[0]), "\(layer[0]) not on the tutor screen:\n\(start)", file: file, line: line)
        }
        if e.neurons[0].count < 64 { XCTAssertEqual(shown, Set(e.neurons.joined()), file: file, line: line) }
        let target = ParameterRef.weight(layer: 1, to: 0, from: 0)
        let name = e.parameters[network.network.parameterRefs.firstIndex(of: target)!]
        for _ in 0..<100_000 {
            TerminalUI.update(&model, .key(.right))
            if case .weightGradient(target, _, _)? = model.timeline.currentEvent?.kind { break }
        }
        let screen = view(model).description
        XCTAssertTrue(screen.contains("Gradient of the weight \(name)"), screen, file: file, line: line)
        XCTAssertFalse(screen.contains("w[") || screen.contains("h1_1"), screen, file: file, line: line)
    }

    /// The playground's diagram names a network of the same shape as the tutor does: the digits
    /// (64-32-10), and a 2-2-2 classifier of two classes (its outputs are classes, so ŷ₀ ŷ₁; its
    /// inputs and hidden neurons are the worked example's x₁ x₂ h₁ h₂). The network it saves opens
    /// in the tutor with the same names.
    func assertPlayground(_ e: Expected, file: StaticString, line: UInt) throws {
        let digits = e.neurons[0].count == 64
        let table = digits ? PlayTable.builtin(.digits)
            : PlayTable(features: [[0.05, 0.1], [0.9, 0.2], [0.3, 0.8], [0.6, 0.6]], labels: [0, 1, 1, 0],
                        classes: 2, classNames: nil, scale: "none")
        let csv = try Binary.temporaryFile(zip(table.features, table.labels).map { x, y in
            (x.map { String($0) } + [String(Int(y))]).joined(separator: ",")
        }.joined(separator: "\n") + "\n", name: "table.csv")
        var settings = PlaySettings(source: digits ? .builtin(.digits) : .csv(path: csv, targetColumn: nil))
        settings.hidden = [digits ? 32 : 2]
        let model = try PlayModel(settings: settings, table: table, width: 120, height: 40, unicode: true, theme: .mono)
        XCTAssertEqual(model.main.trainer.network.layerSizes, e.neurons.map(\.count), file: file, line: line)
        let screen = view(model).description
        let outputs = digits ? e.neurons[2] : ["ŷ₀", "ŷ₁"]
        let all = Set(e.neurons[0] + e.neurons[1] + outputs), shown = Self.neuronNames(in: screen)
        XCTAssertTrue(shown.isSubset(of: all), "\(shown.subtracting(all))", file: file, line: line)
        // the digits' inputs are drawn as the 8×8 image, not as named neurons
        for name in (digits ? [] : [e.neurons[0][0]]) + [e.neurons[1][0], outputs[0], outputs[1]] {
            XCTAssertTrue(shown.contains(name), "\(name) not in the playground:\n\(screen)", file: file, line: line)
        }
        XCTAssertFalse(screen.contains("o1 ") || screen.contains("h1_1"), screen, file: file, line: line)

        let saved = try Binary.temporaryFile(PlayFile.text(model, dataFile: digits ? Binary.path("lessons/data/digits.csv") : csv))
        let reopened = try NetworkFile.load(path: saved)
        let tutor = view(try TutorModel(file: reopened, width: 120, height: 40, language: .en, unicode: true, theme: .mono))
        let reopenedNames = Self.neuronNames(in: tutor.description)
        XCTAssertTrue(reopenedNames.isSubset(of: all), "\(reopenedNames.subtracting(all))", file: file, line: line)
        for name in outputs.prefix(2) {
            XCTAssertTrue(reopenedNames.contains(name), "\(name) not on the tutor screen:\n\(tutor)", file: file, line: line)
        }
        XCTAssertEqual(reopened.naming.neuron(NeuronRef(layer: 2, index: 0), .unicode), outputs[0], file: file, line: line)
    }
}
