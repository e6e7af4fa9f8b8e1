import XCTest
import BackpropEngine
@testable import EventWords

/// The 2-2-2 worked example (Mazur): formulas checked against its published numbers
/// z(h₁) = 0.3775, h₁ = 0.593269992, E_total = 0.298371109, ∂E/∂w₅ = 0.082167041,
/// w₅⁺ = 0.35891648, w₁⁺ = 0.149780716.
final class WorkedExampleWordsTests: XCTestCase {
    // a fixed, valid network: recording it cannot fail
    let trace = try! TestNetworks.trace(TestNetworks.workedExample)

    func words(_ language: Language = .en, ascii: Bool = false, digits: Int = 4) -> EventWords {
        EventWords(network: trace.before.network, language: language, ascii: ascii, digits: digits)
    }

    func event(_ match: (StepEvent.Kind) -> Bool) throws -> StepEvent {
        try XCTUnwrap(trace.first { match($0.kind) })
    }

    func weightedSum(_ n: NeuronRef) throws -> StepEvent {
        try event { if case .weightedSum(n, _, _, _) = $0 { return true } else { return false } }
    }

    func activation(_ n: NeuronRef) throws -> StepEvent {
        try event { if case .activation(n, _, _, _, _) = $0 { return true } else { return false } }
    }

    func gradient(_ p: ParameterRef) throws -> StepEvent {
        try event { if case .weightGradient(p, _, _) = $0 { return true } else { return false } }
    }

    func update(_ p: ParameterRef) throws -> StepEvent {
        try event { if case .update(p, _) = $0 { return true } else { return false } }
    }

    let h1 = NeuronRef(layer: 1, index: 0), o1 = NeuronRef(layer: 2, index: 0)
    let w1 = ParameterRef.weight(layer: 0, to: 0, from: 0), w5 = ParameterRef.weight(layer: 1, to: 0, from: 0)

    func testWeightedSumOfH1() throws {
        XCTAssertEqual(words().text(for: try weightedSum(h1)).formula,
                       ["z(h₁) = w₁·x₁ + w₂·x₂ + b₁ = 0.1500×0.0500 + 0.2000×0.1000 + 0.3500 = 0.3775"])
        XCTAssertEqual(words(ascii: true).text(for: try weightedSum(h1)).formula,
                       ["z(h1) = w1*x1 + w2*x2 + b1 = 0.1500*0.0500 + 0.2000*0.1000 + 0.3500 = 0.3775"])
    }

    func testActivationOfH1() throws {
        XCTAssertEqual(words(digits: 9).text(for: try activation(h1)).formula,
                       ["h₁ = σ(z(h₁)) = 1 / (1 + e^−0.377500000) = 0.593269992"])
        XCTAssertEqual(words(ascii: true).text(for: try activation(h1)).formula,
                       ["h1 = sigmoid(z(h1)) = 1 / (1 + e^-0.3775) = 0.5933"])
    }

    func testLossShareAndSampleLoss() throws {
        let share = try event { if case .lossShare(self.o1, _, _, _, _) = $0 { return true } else { return false } }
        XCTAssertEqual(words().text(for: share).formula, ["E(ŷ₁) = ½·(y₁ − ŷ₁)² = ½×(0.0100 − 0.7514)² = 0.2748"])
        let total = try event { if case .sampleLoss = $0 { return true } else { return false } }
        XCTAssertEqual(words(digits: 9).text(for: total).formula,
                       ["E = E(ŷ₁) + E(ŷ₂) = 0.274811083 + 0.023560026 = 0.298371109"])
    }

    func testOutputDelta() throws {
        let delta = try event { if case .outputDelta(self.o1, _, _, _, _, _, _, _) = $0 { return true } else { return false } }
        let text = words().text(for: delta)
        XCTAssertEqual(text.formula, ["δ(ŷ₁) = ∂E/∂ŷ₁ · ∂ŷ₁/∂z(ŷ₁) = 0.7414 × 0.1868 = 0.1385",
                                      "∂E/∂ŷ₁ = ŷ₁ − y₁ = 0.7514 − 0.0100 = 0.7414",
                                      "∂ŷ₁/∂z(ŷ₁) = σ′(z(ŷ₁)) = ŷ₁·(1 − ŷ₁) = 0.7514×(1 − 0.7514) = 0.1868"])
        XCTAssertTrue(text.sentence.hasPrefix("The output ŷ₁ is too high (target 0.0100), so δ(ŷ₁) is positive"),
                      text.sentence)
        XCTAssertTrue(words(.ja).text(for: delta).sentence.contains("連鎖律"))
    }

    func testGradientOfW5() throws {
        let text = words().text(for: try gradient(w5))
        XCTAssertEqual(text.title, "Gradient of the weight w₅")
        XCTAssertEqual(text.formula, ["∂E/∂w₅ = ∂E/∂ŷ₁ · ∂ŷ₁/∂z(ŷ₁) · ∂z(ŷ₁)/∂w₅ = 0.7414 × 0.1868 × 0.5933 = 0.0822",
                                      "∂z(ŷ₁)/∂w₅ = h₁ = 0.5933"])
        XCTAssertEqual(words(digits: 9).text(for: try gradient(w5)).formula,
                       ["∂E/∂w₅ = ∂E/∂ŷ₁ · ∂ŷ₁/∂z(ŷ₁) · ∂z(ŷ₁)/∂w₅",
                        "       = 0.741365070 × 0.186815602 × 0.593269992 = 0.082167041",
                        "∂z(ŷ₁)/∂w₅ = h₁ = 0.593269992"])
        XCTAssertEqual(words(ascii: true).text(for: try gradient(w5)).formula,
                       ["dE/dw5 = dE/dy^1 * dy^1/dz(y^1) * dz(y^1)/dw5 = 0.7414 * 0.1868 * 0.5933",
                        "       = 0.0822",
                        "dz(y^1)/dw5 = h1 = 0.5933"])
        XCTAssertTrue(text.sentence.contains("along the path w₅ → z(ŷ₁) → ŷ₁ → E"), text.sentence)
        XCTAssertTrue(text.sentence.contains("gradient descent will make w₅ smaller"), text.sentence)
    }

    /// A narrow panel: the formula breaks only before "=", aligned under the first; a piece that
    /// still does not fit loses its middle factors to "…", never wraps inside a term.
    func testGradientOfW5InNarrowPanels() throws {
        var narrow = words()
        narrow.width = 41
        XCTAssertEqual(narrow.text(for: try gradient(w5)).formula,
                       ["∂E/∂w₅ = ∂E/∂ŷ₁ · ∂ŷ₁/∂z(ŷ₁) · ∂z(ŷ₁)/∂w₅",
                        "       = 0.7414 × 0.1868 × 0.5933",
                        "       = 0.0822",
                        "∂z(ŷ₁)/∂w₅ = h₁ = 0.5933"])
        narrow.width = 32
        XCTAssertEqual(narrow.text(for: try gradient(w5)).formula,
                       ["∂E/∂w₅ = ∂E/∂ŷ₁ · … · ∂z(ŷ₁)/∂w₅",
                        "       = 0.7414 × … × 0.5933",
                        "       = 0.0822",
                        "∂z(ŷ₁)/∂w₅ = h₁ = 0.5933"])
        narrow.width = 28
        XCTAssertEqual(narrow.text(for: try gradient(w5)).formula,
                       ["∂E/∂w₅ = ∂E/∂ŷ₁ · …",
                        "       = 0.7414 × … × 0.5933",
                        "       = 0.0822",
                        "∂z(ŷ₁)/∂w₅ = h₁ = 0.5933"])
    }

    func testHiddenDeltaAndGradientOfW1() throws {
        let delta = try event { if case .hiddenDelta(self.h1, _, _, _, _, _, _, _) = $0 { return true } else { return false } }
        XCTAssertEqual(words().text(for: delta).formula,
                       ["δ(h₁) = (w₅·δ(ŷ₁) + w₇·δ(ŷ₂)) · σ′(z(h₁))",
                        "      = (0.4000×0.1385 + 0.5000×(−0.0381)) × 0.2413 = 0.0364 × 0.2413 = 0.0088",
                        "σ′(z(h₁)) = h₁·(1 − h₁) = 0.5933×(1 − 0.5933) = 0.2413"])
        XCTAssertEqual(words(digits: 9).text(for: try gradient(w1)).formula,
                       ["∂E/∂w₁ = δ(h₁) · x₁ = 0.008771355 × 0.050000000 = 0.000438568"])
    }

    func testUpdates() throws {
        XCTAssertEqual(words().text(for: try update(w5)).formula, ["w₅ ← w₅ − η·g = 0.4000 − 0.5×0.0822 = 0.3589"])
        XCTAssertEqual(words(digits: 9).text(for: try update(w5)).formula,
                       ["w₅ ← w₅ − η·g = 0.400000000 − 0.5×0.082167041 = 0.358916480"])
        XCTAssertEqual(words(digits: 9).text(for: try update(w1)).formula,
                       ["w₁ ← w₁ − η·g = 0.150000000 − 0.5×0.000438568 = 0.149780716"])
        XCTAssertEqual(words(ascii: true).text(for: try update(w5)).formula,
                       ["w5 <- w5 - eta*g = 0.4000 - 0.5*0.0822 = 0.3589"])
        let ja = words(.ja).text(for: try update(w5))
        XCTAssertEqual(ja.title, "w₅ の更新（SGD）")
        XCTAssertTrue(ja.sentence.contains("学習率") && ja.sentence.contains("0.4000 から 0.3589 に下がります"), ja.sentence)
    }

    func testNames() {
        let w = words(), a = words(ascii: true)
        let net = trace.before.network
        XCTAssertEqual(net.parameterRefs.filter { if case .weight = $0 { return true } else { return false } }
                        .map { w.name(of: $0) }, ["w₁", "w₂", "w₃", "w₄", "w₅", "w₆", "w₇", "w₈"])
        XCTAssertEqual(w.name(of: .bias(layer: 1, neuron: 1)), "b₄")
        XCTAssertEqual([w.name(of: NeuronRef(layer: 0, index: 1)), w.name(of: h1), w.name(of: o1)], ["x₂", "h₁", "ŷ₁"])
        XCTAssertEqual([a.name(of: NeuronRef(layer: 0, index: 1)), a.name(of: h1), a.name(of: o1), a.name(of: w5)],
                       ["x2", "h1", "y^1", "w5"])
        XCTAssertEqual(StepEvent.Phase.allCases.map(w.phaseName), ["FORWARD", "LOSS", "BACKWARD", "UPDATE"])
        XCTAssertEqual(StepEvent.Phase.allCases.map(words(.ja).phaseName), ["順伝播", "損失", "逆伝播", "更新"])
    }
}
