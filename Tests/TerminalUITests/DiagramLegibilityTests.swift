import BackpropEngine
import Foundation
import TutorFiles
import XCTest
@testable import TerminalUI

/// No row of the network panel is more than half lines (braille or box-drawing characters; in
/// ASCII the edge characters), for every network from 2-2-2 to 784-128-64-10, on the tutor
/// screen, the playground and the bare widget, at several sizes and at each phase.
final class DiagramLegibilityTests: XCTestCase {
    /// Whether `symbol` draws a line: braille (U+2800–28FF) or box drawing (U+2500–257F).
    static func isLine(_ symbol: String) -> Bool {
        guard let v = symbol.unicodeScalars.first?.value else { return false }
        return (0x2800...0x28FF).contains(v) || (0x2500...0x257F).contains(v)
    }

    static let asciiLineCharacters = Set("-|/\\=+X:.")

    /// The line cells of row `y` from column `x0` to `x1` (inclusive). In ASCII a line character
    /// counts unless it belongs to a word with a letter or digit in it (`0.050`, `-0.038`, `y^1`).
    static func lineCells(_ b: Buffer, y: Int, from x0: Int, to x1: Int, unicode: Bool) -> Int {
        if unicode { return (x0...x1).filter { isLine(b[$0, y].symbol) }.count }
        var count = 0, x = x0
        while x <= x1 {
            guard b[x, y].symbol != " ", !b[x, y].symbol.isEmpty else { x += 1; continue }
            var end = x
            while end + 1 <= x1, b[end + 1, y].symbol != " ", !b[end + 1, y].symbol.isEmpty { end += 1 }
            let word = (x...end).map { b[$0, y].symbol }.joined()
            if !word.contains(where: { $0.isLetter || $0.isNumber }) {
                count += word.filter { asciiLineCharacters.contains($0) }.count
            }
            x = end + 1
        }
        return count
    }

    /// The network panel of a screen: its box, found by its title ("network", "ネットワーク").
    static func networkPanel(_ b: Buffer, unicode: Bool) -> (left: Int, top: Int, right: Int, bottom: Int)? {
        let corner = unicode ? "┌" : "+", topRight = unicode ? "┐" : "+", bottomLeft = unicode ? "└" : "+"
        for y in 0..<b.height {
            for x in 0..<b.width where b[x, y].symbol == corner {
                let title = (x + 1..<min(b.width, x + 16)).map { b[$0, y].symbol }.joined()
                guard title.hasPrefix(" network") || title.hasPrefix(" ネットワーク") else { continue }
                guard let right = (x + 1..<b.width).first(where: { b[$0, y].symbol == topRight }),
                      let bottom = (y + 1..<b.height).first(where: { b[x, $0].symbol == bottomLeft }) else { return nil }
                return (x, y, right, bottom)
            }
        }
        return nil
    }

    /// Fails for each row of the network panel that is more than half lines (borders included).
    static func assertLegible(_ b: Buffer, unicode: Bool, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let p = networkPanel(b, unicode: unicode) else {
            XCTFail("no network panel: \(what)\n\(b)", file: file, line: line)
            return
        }
        let width = p.right - p.left + 1
        for y in (p.top + 1)..<p.bottom {
            let n = lineCells(b, y: y, from: p.left, to: p.right, unicode: unicode)
            if 2 * n > width {
                XCTFail("\(what): row \(y) is \(n)/\(width) lines:\n\(b)", file: file, line: line)
                return
            }
        }
    }

    // MARK: The tutor screen

    static func tutor(_ spec: NetworkSpec, _ config: TrainingConfig, _ data: Dataset, width: Int, height: Int,
                      unicode: Bool) throws -> TutorModel {
        try TutorModel(title: "t", spec: spec, trainer: try Trainer(network: try spec.build(), config: config, data: data),
                       width: width, height: height, language: .en, unicode: unicode, theme: .default)
    }

    static func shape(_ sizes: [Int], samples: Int, softmax: Bool) -> (NetworkSpec, TrainingConfig, Dataset) {
        let hidden: Activation = softmax ? .relu : .sigmoid
        let spec = NetworkSpec(layerSizes: sizes,
                               activations: Array(repeating: hidden, count: sizes.count - 2) + [softmax ? .softmax : .sigmoid],
                               biasMode: .trainable, seed: 3)
        let config = TrainingConfig(loss: softmax ? .crossEntropy : .halfSSE, reduction: .mean, optimizer: .sgd,
                                    learningRate: 0.1)
        var rng = SplitMix64(seed: 11)
        let inputs = (0..<samples).map { _ in (0..<sizes[0]).map { _ in rng.nextUnit() } }
        let targets = (0..<samples).map { s in (0..<sizes.last!).map { $0 == s % sizes.last! ? 1.0 : 0.0 } }
        return (spec, config, Dataset(inputs: inputs, targets: targets))
    }

    /// The screens to look at: the start, a forward step, the loss, the first backward steps,
    /// a chain-rule step of a first-layer weight (every later weight on its path), an update.
    static func screens(of model: TutorModel) -> [(String, TutorModel)] {
        var m = model
        var out = [("start", m)]
        func press(_ key: Key, _ times: Int = 1) { for _ in 0..<times { update(&m, .key(key)) } }
        press(.right, 3); out.append(("forward", m))
        press(.tab); out.append(("loss", m))
        press(.tab); press(.right, 2); out.append(("backward", m))
        for _ in 0..<50_000 {
            m.timeline.next()
            if case .weightGradient(.weight(layer: 0, to: _, from: _), _, _)? = m.timeline.currentEvent?.kind { break }
        }
        out.append(("first-layer gradient", m))
        press(.tab); press(.right); out.append(("update", m))
        return out
    }

    func testTutorScreensAtEverySize() throws {
        var cases: [(String, NetworkSpec, TrainingConfig, Dataset)] = []
        for (sizes, softmax) in [([2, 2, 2], false), ([3, 4, 1], false), ([3, 4, 2], false), ([2, 8, 8, 1], false),
                                 ([64, 32, 10], true)] {
            let (spec, config, data) = Self.shape(sizes, samples: 4, softmax: softmax)
            cases.append((sizes.map(String.init).joined(separator: "-"), spec, config, data))
        }
        let (spec, config, data) = Self.shape([784, 128, 64, 10], samples: 1, softmax: true)
        cases.append(("784-128-64-10", spec, config, data))
        for (name, spec, config, data) in cases {
            // Stepping is the slow part (a recorded step of 784-128-64-10); the same steps are
            // then drawn at every size and in both modes.
            let base = try Self.tutor(spec, config, data, width: 80, height: 24, unicode: true)
            for (phase, shown) in Self.screens(of: base) {
                for (width, height) in [(80, 24), (120, 40), (200, 60)] {
                    for unicode in [true, false] {
                        var m = shown
                        (m.width, m.height, m.unicode) = (width, height, unicode)
                        Self.assertLegible(view(m), unicode: unicode, "\(name) \(width)x\(height) \(unicode ? "unicode" : "ascii") \(phase)")
                    }
                }
            }
        }
    }

    func testTutorScreensOfTheLessonFiles() throws {
        for file in ["two-two-two.toml", "article-xor.toml"] {
            let base = try TutorSnapshotTests.model(file, width: 80, height: 24, unicode: true)
            for (phase, shown) in Self.screens(of: base) {
                for (width, height) in [(80, 24), (120, 40), (200, 60)] {
                    for unicode in [true, false] {
                        var m = shown
                        (m.width, m.height, m.unicode) = (width, height, unicode)
                        Self.assertLegible(view(m), unicode: unicode, "\(file) \(width)x\(height) \(phase)")
                    }
                }
            }
        }
    }

    // MARK: The playground

    func testPlaygroundNetworkPanel() throws {
        let digits = PlayTable.builtin(.digits)
        for (source, hidden) in [(PlayDataSource.toy(.spiral), [8, 8]), (.builtin(.digits), [32]), (.builtin(.digits), [128, 64])] {
            var settings = PlaySettings(source: source)
            settings.hidden = hidden
            let base = try PlayModel(settings: settings, table: source == .builtin(.digits) ? digits : nil, width: 80,
                                     height: 50, unicode: true, theme: .mono)
            for (width, height) in [(80, 50), (120, 40), (200, 60)] {
                for unicode in [true, false] {
                    var m = base
                    (m.width, m.height, m.unicode) = (width, height, unicode)
                    Self.assertLegible(view(m), unicode: unicode, "playground \(source) \(hidden) \(width)x\(height)")
                }
            }
        }
    }

    // MARK: The widget alone

    func testWidgetAtEverySizeAndHighlight() {
        let shapes = [[2, 2, 2], [3, 4, 1], [2, 8, 8, 1], [4, 5, 3], [2, 4, 4, 4, 4, 1], [64, 32, 10], [784, 128, 64, 10]]
        for sizes in shapes {
            for (w, h) in [(30, 8), (46, 10), (64, 21), (120, 30), (200, 50)] {
                for unicode in [true, false] {
                    for scenario in ["none", "forward", "chain"] {
                        var d = DiagramFixture.diagram(sizes, unicode: unicode, caption: ["input"] + Array(repeating: "hidden", count: sizes.count - 2) + ["output"])
                        if sizes[0] == 64 || sizes[0] == 784 {
                            let side = sizes[0] == 64 ? 8 : 28
                            d.image = .init(width: side, height: side, pixels: (0..<sizes[0]).map { DiagramFixture.value(layer: 0, index: $0) })
                        }
                        let j = sizes[1] / 2
                        switch scenario {
                        case "forward":
                            d.layers[1][j].state = .active
                            d.focus = NeuronRef(layer: 1, index: j)
                            for i in 0..<sizes[0] {
                                d.layers[0][i].state = .path
                                d.edgeStates[.weight(layer: 0, to: j, from: i)] = .path
                            }
                        case "chain":
                            d.edgeStates[.weight(layer: 0, to: j, from: 0)] = .active
                            d.focus = NeuronRef(layer: 1, index: j)
                            for l in 1..<(sizes.count - 1) {
                                for to in 0..<sizes[l + 1] {
                                    for from in 0..<sizes[l] where l > 1 || from == j {
                                        d.edgeStates[.weight(layer: l, to: to, from: from)] = .path
                                    }
                                }
                            }
                            for k in d.layers[sizes.count - 1].indices { d.layers[sizes.count - 1][k].state = .path }
                        default: break
                        }
                        let b = DiagramFixture.render(d, width: w, height: h)
                        for y in 0..<h {
                            let n = Self.lineCells(b, y: y, from: 0, to: w - 1, unicode: unicode)
                            XCTAssertLessThanOrEqual(2 * n, w, "\(sizes) \(w)x\(h) \(unicode) \(scenario) row \(y):\n\(b)")
                        }
                    }
                }
            }
        }
    }
}
