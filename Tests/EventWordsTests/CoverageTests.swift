import XCTest
import BackpropEngine
@testable import EventWords

/// Every event of several kinds of step gets words, in both languages and in ASCII mode.
final class CoverageTests: XCTestCase {
    static let makers: [(String, @Sendable () throws -> Trainer)] = [
        ("worked example", TestNetworks.workedExample), ("3-4-1 batch 4", TestNetworks.regression),
        ("softmax/cross-entropy", TestNetworks.classifier), ("adam", TestNetworks.adam),
        ("clipped", TestNetworks.clipped), ("64 inputs", TestNetworks.wide),
    ]

    func testEveryEventHasTextInEveryMode() throws {
        for (name, make) in Self.makers {
            let trace = try TestNetworks.trace(make)
            for language in Language.allCases {
                for ascii in [false, true] {
                    let words = EventWords(network: trace.before.network, language: language, ascii: ascii)
                    for (k, event) in trace.enumerated() {
                        let text = words.text(for: event)
                        let label = "\(name) \(language) ascii=\(ascii) event \(k): \(event.kind)"
                        XCTAssertFalse(text.title.isEmpty, label)
                        XCTAssertFalse(text.sentence.isEmpty, label)
                        XCTAssertFalse(text.formula.isEmpty, label)
                        XCTAssertFalse(text.formula.contains { $0.trimmingCharacters(in: .whitespaces).isEmpty }, label)
                        XCTAssertFalse(text.formula.contains { $0.count > words.width }, "\(label)\n\(text.formula)")
                        XCTAssertFalse(words.phaseName(event.phase).isEmpty)
                        guard ascii else { continue }
                        XCTAssertTrue(text.formula.allSatisfy(\.isPlainASCII), "\(label)\n\(text.formula)")
                        if language == .en {
                            XCTAssertTrue(text.title.isPlainASCII && text.sentence.isPlainASCII, "\(label)\n\(text)")
                        }
                    }
                }
            }
        }
    }

    func testEachKindOfStepShowsItsOwnFormulas() throws {
        let batch = try TestNetworks.trace(TestNetworks.regression)
        let words = EventWords(network: batch.before.network, language: .en)
        let all = batch.map { words.text(for: $0).formula.joined(separator: "\n") }
        XCTAssertTrue(all.contains { $0.hasPrefix("∂E/∂w₁ = (c₁ + c₂ + c₃ + c₄) ÷ 4 = ") }, "gradient sum")
        XCTAssertTrue(all.contains { $0.hasPrefix("E_total = (E₁ + E₂ + E₃ + E₄) ÷ 4 = ") }, "batch loss")
        XCTAssertTrue(all.contains { $0.hasPrefix("v ← μ·v + g = 0.9×") }, "momentum")

        let adam = try TestNetworks.trace(TestNetworks.adam)
        let adamWords = EventWords(network: adam.before.network, language: .en)
        let update = try XCTUnwrap(adam.last)
        let lines = adamWords.text(for: update).formula
        XCTAssertEqual(lines.filter { !$0.hasPrefix(" ") }.map { $0.split(separator: " ")[0] }, ["m", "v", "m̂", "v̂", "b₃"])

        let clipped = try TestNetworks.trace(TestNetworks.clipped)
        let clipping = try XCTUnwrap(clipped.first { if case .clipping = $0.kind { return true } else { return false } })
        let clipText = EventWords(network: clipped.before.network, language: .en).text(for: clipping)
        XCTAssertEqual(clipText.formula.count, 2)
        XCTAssertTrue(clipText.formula[0].hasSuffix(" > 0.05"), "\(clipText.formula)")

        let softmax = try TestNetworks.trace(TestNetworks.classifier)
        let softWords = EventWords(network: softmax.before.network, language: .en)
        let texts = softmax.map { softWords.text(for: $0).formula.joined(separator: "\n") }
        XCTAssertTrue(texts.contains { $0.contains("m = maxₖ z(ŷₖ) = ") }, "softmax")
        XCTAssertTrue(texts.contains { $0.hasPrefix("δ(ŷ₁) = ŷ₁ − y₁ = ") }, "fused δ")
        XCTAssertTrue(texts.contains { $0.hasPrefix("z(h₁⁽²⁾) = w₇·h₁⁽¹⁾") }, "two hidden layers")
    }

    func testLongSumsAreShortenedButTheFullFormulaKeepsEveryTerm() throws {
        let trace = try TestNetworks.trace(TestNetworks.wide)
        let words = EventWords(network: trace.before.network, language: .en)
        let sum = try XCTUnwrap(trace.first { if case .weightedSum = $0.kind { return true } else { return false } })
        let short = words.text(for: sum).formula
        // 64 weights into each hidden neuron: more than a screenful, so named by layer and position
        XCTAssertEqual(short[0], "z(h₁) = W⁽¹⁾₁,₁·x₁ + W⁽¹⁾₁,₂·x₂ + W⁽¹⁾₁,₃·x₃ + … + W⁽¹⁾₁,₆₄·x₆₄")
        XCTAssertFalse(short.joined().contains("W⁽¹⁾₁,₃₂"))
        XCTAssertTrue(short.allSatisfy { $0.count <= 80 })
        let full = words.fullFormula(for: sum).joined(separator: "\n")
        XCTAssertTrue(full.contains("W⁽¹⁾₁,₃₂·x₃₂") && full.contains("W⁽¹⁾₁,₆₄·x₆₄") && !full.contains("…"))
        XCTAssertEqual(words.name(of: .weight(layer: 1, to: 0, from: 0)), "W⁽²⁾₁,₁")
    }

    func testJapaneseUsesTheStandardTerms() throws {
        var all = ""
        for (_, make) in Self.makers {
            let trace = try TestNetworks.trace(make)
            let words = EventWords(network: trace.before.network, language: .ja)
            all += StepEvent.Phase.allCases.map(words.phaseName).joined()
            for event in trace {
                let text = words.text(for: event)
                all += text.title + text.sentence
            }
        }
        for term in ["順伝播", "誤差逆伝播法", "損失関数", "勾配", "学習率", "連鎖律", "重み", "バイアス", "活性化関数",
                     "出力層", "隠れ層", "入力層"] {
            XCTAssertTrue(all.contains(term), term)
        }
    }
}
