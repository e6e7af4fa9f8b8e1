import BackpropEngine
import Foundation
import NetworkNaming
import XCTest
@testable import TutorFiles

/// Placeholders show the engine's numbers, formatted as asked.
final class PlaceholderTests: XCTestCase {
    /// The 2-2-2 example after its forward, loss and backward passes (first update event).
    func timelineAtUpdate() throws -> Timeline {
        let file = try lessonFile(scene())
        var t = try Timeline(trainer: try Trainer(network: file.network, config: file.training, data: file.data))
        t.forward(by: .event)
        t.nextPhase()
        t.nextPhase()
        t.nextPhase()
        XCTAssertEqual(t.currentEvent?.phase, .update)
        return t
    }

    func testWorkedExampleValues() throws {
        let t = try timelineAtUpdate()
        func r(_ s: String) -> String { Narration.render(s, timeline: t) }
        XCTAssertEqual(r("{out.o1:.8f}"), "0.75136507")
        XCTAssertEqual(r("{out.h1:.6f}"), "0.593270")
        XCTAssertEqual(r("{z.h1:.4f}"), "0.3775")
        XCTAssertEqual(r("{grad.w5:.6f}"), "0.082167")
        XCTAssertEqual(r("{new.w5:.6f}"), "0.358916")
        XCTAssertEqual(r("{w.w5:.2f}"), "0.40")
        XCTAssertEqual(r("{b.b1:.2f}"), "0.35")
        XCTAssertEqual(r("{loss:.6f}"), "0.298371")
        XCTAssertEqual(r("{loss.o1:.6f}"), "0.274811")
        XCTAssertEqual(r("{loss.sample1:.6f}"), "0.298371")
        XCTAssertEqual(r("{dE.o1:.6f}"), "0.741365")
        XCTAssertEqual(r("{slope.o1:.6f}"), "0.186816")
        XCTAssertEqual(r("{delta.h1:.6f}"), "0.008771")
        XCTAssertEqual(r("{grad.w1:.9f}"), "0.000438568")
        XCTAssertEqual(r("{target.o2:.2f} {input.x1:.2f} {lr:.1f} {epoch:d} {update:d} {samples:d}"), "0.99 0.05 0.5 1 1 1")
    }

    func testFormats() throws {
        let t = try timelineAtUpdate()
        func r(_ s: String, ascii: Bool = false) -> String { Narration.render(s, timeline: t, ascii: ascii) }
        XCTAssertEqual(r("{grad.w5}"), "0.0822")                   // default .4f
        XCTAssertEqual(r("{grad.w5:.2e}"), "8.22×10⁻²")            // as the tables write it
        XCTAssertEqual(r("{grad.w5:.2e}", ascii: true), "8.22e-02")
        XCTAssertEqual(ValueFormat(spec: ".2e")!.format(-5.36e20), "−5.36×10²⁰")
        XCTAssertEqual(ValueFormat(spec: ".1e")!.format(1.0e-10), "1.0×10⁻¹⁰")
        XCTAssertEqual(r("{z.o1:d}"), "1")
        XCTAssertEqual(r("{out.o1:.1%}"), "75.1%")
        XCTAssertEqual(r("{out.o1:%}"), "75%")
        XCTAssertEqual(r("{grad.w5:+.3f}"), "+0.082")
        XCTAssertEqual(r("{delta.o2:.4f}"), "−0.0381")
        XCTAssertEqual(r("{delta.o2:.4f}", ascii: true), "-0.0381")
        XCTAssertEqual(r("{grad.w1:.2f}"), "0.00")
        XCTAssertEqual(r("x {{not a value}} {loss:.2f}"), "x {not a value} 0.30")
        XCTAssertEqual(r("{nothing}"), "?")
    }

    /// Every name of the network renders as its value from the engine's own accessors.
    func testEveryNameShowsTheEngineValue() throws {
        let t = try timelineAtUpdate()
        let trace = try XCTUnwrap(t.currentTrace)
        let net = trace.before.network
        let names = ValueNames(trainer: trace.before)
        for spelled in names.allSpellings {
            guard case .success(let name) = names.parse(spelled) else { return XCTFail("cannot read \(spelled)") }
            XCTAssertEqual(names.spelling(of: name), spelled == "input.x1" || spelled == "input.x2"
                           ? spelled.replacingOccurrences(of: "input", with: "out") : spelled)
            let expected: Double?
            switch name {
            case .activation(let n): expected = trace.activation(sample: 0, layer: n.layer, neuron: n.index)
            case .weightedSum(let n): expected = trace.weightedSum(sample: 0, layer: n.layer, neuron: n.index)
            case .delta(let n): expected = trace.delta(sample: 0, layer: n.layer, neuron: n.index)
            case .gradient(let p): expected = trace.gradient[p]
            case .value(let p): expected = net.value(of: p)
            case .newValue(let p): expected = trace.after.network.value(of: p)
            case .target(let n): expected = trace.targets[0][n.index]
            case .loss, .sampleLoss: expected = trace.batchLoss
            default: expected = nil
            }
            let shown = Narration.render("{\(spelled):.6f}", timeline: t, ascii: true)
            let value = try XCTUnwrap(ValueResolver.resolve(name: spelled, timeline: t), spelled)
            XCTAssertEqual(shown, String(format: "%.6f", value), spelled)
            if let expected { XCTAssertEqual(value, expected, spelled) }
        }
    }

    func testNamesFollowTheNotationNumbering() throws {
        let deep = try Network(layerSizes: [2, 3, 2, 1], activations: [.tanh, .tanh, .sigmoid], biasMode: .trainable,
                               initialization: .xavier, seed: 1)
        let names = ValueNames(naming: NetworkNaming(network: deep))
        XCTAssertEqual(names.neuron("h3_1"), NeuronRef(layer: 1, index: 2))
        XCTAssertEqual(names.neuron("h2^(2)"), NeuronRef(layer: 2, index: 1))
        XCTAssertNil(names.neuron("h1"))              // ambiguous with two hidden layers
        XCTAssertEqual(names.parameter("w7"), .weight(layer: 1, to: 0, from: 0))
        XCTAssertEqual(names.parameter("w14"), .weight(layer: 2, to: 0, from: 1))
        XCTAssertNil(names.parameter("w15"))
        XCTAssertEqual(names.parameter("b6"), .bias(layer: 2, neuron: 0))
        XCTAssertEqual(names.spelling(of: .weight(layer: 1, to: 1, from: 2)), "w12")
        XCTAssertEqual(names.spelling(of: NeuronRef(layer: 2, index: 0)), "h1_2")
    }

    func testBeforeTheFirstStepOnlyStateIsKnown() throws {
        let file = try lessonFile(scene())
        let t = try Timeline(trainer: try Trainer(network: file.network, config: file.training, data: file.data))
        XCTAssertEqual(Narration.render("{w.w5:.2f} {input.x2:.2f} {target.o1:.2f} {epoch:d} {out.o1}", timeline: t),
                       "0.40 0.10 0.01 1 ?")
    }

    func testParagraphsAndEmphasis() {
        XCTAssertEqual(Narration.paragraphs("one\ntwo\n\nthree\n"), ["one two", "three"])
        // formulas written one a line stay apart (lesson 4 joined two updates into "= 0.3589 w₁ ← …")
        XCTAssertEqual(Narration.paragraphs("w₅ ← {w.w5:.4f} − {lr:.1f} × {grad.w5:.4f} = {new.w5:.4f}\nw₁ ← 0.15 − 0.5 × 0.0004 = 0.1498\n"),
                       ["w₅ ← {w.w5:.4f} − {lr:.1f} × {grad.w5:.4f} = {new.w5:.4f}\nw₁ ← 0.15 − 0.5 × 0.0004 = 0.1498"])
        XCTAssertEqual(Narration.paragraphs("so that\nw₁ = 0.6 is the weight"), ["so that w₁ = 0.6 is the weight"])
        XCTAssertEqual(Narration.paragraphs("これは\n日本語です。"), ["これは日本語です。"])
        // Japanese across a line break, also through emphasis stars: no stray space.
        XCTAssertEqual(Narration.paragraphs("入力にはそれぞれ\n*重み*があり、入力に関係なく足される\n*バイアス* b₁ を"),
                       ["入力にはそれぞれ*重み*があり、入力に関係なく足される*バイアス* b₁ を"])
        XCTAssertEqual(Narration.paragraphs("重みは*大きい*\nです。"), ["重みは*大きい*です。"])
        // A Latin word, a number or a formula meeting Japanese keeps its space.
        XCTAssertEqual(Narration.paragraphs("学習率は\n0.5 です"), ["学習率は 0.5 です"])
        XCTAssertEqual(Narration.paragraphs("出力は ŷ\nです"), ["出力は ŷ です"])
        XCTAssertEqual(Narration.paragraphs("NumPy の\nXOR プログラム"), ["NumPy の XOR プログラム"])
        // ...but not after Japanese punctuation
        XCTAssertEqual(Narration.paragraphs("116.0、\n146.2、102.3"), ["116.0、146.2、102.3"])
        // an aligned formula continued on the next line keeps its line and its indent
        XCTAssertEqual(Narration.paragraphs("a = b = c\n  = d\n\nnext"), ["a = b = c\n  = d", "next"])
        XCTAssertEqual(Narration.paragraphs("the *weight*\n*of* x"), ["the *weight* *of* x"])
        let runs = Narration.runs("a *b* c")
        XCTAssertEqual(runs.map(\.text), ["a ", "b", " c"])
        XCTAssertEqual(runs.map(\.emphasis), [false, true, false])
    }
}
