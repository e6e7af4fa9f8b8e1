import XCTest
import BackpropEngine
@testable import EventWords

final class NumberFormatTests: XCTestCase {
    // a fixed, valid network: building it cannot fail
    let network = try! TestNetworks.workedExample().network

    func testFixedDigitsAndSigns() {
        let words = EventWords(network: network, language: .en)
        XCTAssertEqual(words.format(0.3775), "0.3775")
        XCTAssertEqual(words.format(-0.5), "−0.5000")
        XCTAssertEqual(words.format(-0.0), "0.0000")
        XCTAssertEqual(words.format(0), "0.0000")
        XCTAssertEqual(words.format(-0.00001), "−1.0000×10⁻⁵")
        XCTAssertEqual(words.format(3.2e12), "3.2000×10¹²")
        XCTAssertEqual(EventWords(network: network, language: .en, digits: 2).format(1.005), "1.00")
        let ascii = EventWords(network: network, language: .en, ascii: true)
        XCTAssertEqual(ascii.format(-0.5), "-0.5000")
        XCTAssertEqual(ascii.format(-0.00001), "-1.0000e-05")
    }

    func testNaNAndInfinity() {
        let words = EventWords(network: network, language: .ja)
        XCTAssertEqual(words.format(.nan), "NaN")
        XCTAssertEqual(words.format(.infinity), "∞")
        XCTAssertEqual(words.format(-.infinity), "−∞")
        let ascii = EventWords(network: network, language: .en, ascii: true)
        XCTAssertEqual(ascii.format(.nan), "NaN")
        XCTAssertEqual(ascii.format(.infinity), "inf")
        XCTAssertEqual(ascii.format(-.infinity), "-inf")
    }

    /// A step that overflows: every event still gets words, with ∞ and NaN written out.
    func testADivergingStepIsStillPutIntoWords() throws {
        let net = try Network(layerSizes: [1, 1, 1], activations: [.tanh, .identity], biasMode: .trainable,
                          weights: [[[1e200]], [[1e200]]], biases: [[0], [0]])
        let config = TrainingConfig(loss: .mse, reduction: .mean, optimizer: .sgd, learningRate: 1)
        var trainer = try Trainer(network: net, config: config, data: Dataset(inputs: [[1]], targets: [[0]]))
        let trace = try XCTUnwrap(trainer.recordedStep())
        for language in Language.allCases {
            for ascii in [false, true] {
                let words = EventWords(network: net, language: language, ascii: ascii)
                let all = trace.map { words.text(for: $0) }
                XCTAssertTrue(all.allSatisfy { !$0.sentence.isEmpty && !$0.formula.isEmpty })
                let formulas = all.flatMap(\.formula).joined(separator: "\n")
                XCTAssertTrue(formulas.contains(ascii ? "inf" : "∞"), formulas)
                XCTAssertTrue(formulas.contains("NaN"), formulas)
            }
        }
    }

    func testSeveralHiddenLayersAreNumberedByLayer() throws {
        let net = try TestNetworks.classifier().network
        XCTAssertEqual(EventWords(network: net, language: .en).name(of: NeuronRef(layer: 2, index: 0)), "h₁⁽²⁾")
        XCTAssertEqual(EventWords(network: net, language: .en, ascii: true).name(of: NeuronRef(layer: 1, index: 2)),
                       "h3^(1)")
    }
}
