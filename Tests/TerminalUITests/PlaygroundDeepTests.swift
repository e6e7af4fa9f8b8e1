import BackpropEngine
import EventWords
import XCTest
@testable import TerminalUI

/// Deep networks in the playground: the log-scale gradient bars, the 12-layer limit, and the
/// compare preset driven through `update` and read off the drawn screen.
final class PlaygroundDeepTests: XCTestCase {
    func draw(_ widget: some Widget, width: Int, height: Int) -> Buffer {
        var b = Buffer(width: width, height: height)
        widget.render(into: &b, area: b.area)
        return b
    }

    // MARK: log-scale bars

    func testTinyGradientHasABarBesideOne() {
        // the scale reaches a decade below the smallest value: 1e-9 … 1e2, 11 decades on 17 cells
        let norms = [1e-8, 1.0]
        XCTAssertEqual(GradientBars.range(covering: norms), 1e-9...1e2)
        let bars = GradientBars(bars: [.init(label: "layer 1", value: 1e-8), .init(label: "layer 2", value: 1)],
                                range: GradientBars.range(covering: norms))
        let b = draw(bars, width: 40, height: 3)
        // 1e-8: 1/11 of 17 cells = 12.4 eighths → 12 (█▌); 1: 9/11 → 111.3 → 111 (13 █ and ▉);
        // the vanishing mark at 1e-5: 4/11 of 17 = 6.2 → column 6
        XCTAssertEqual(b.line(0), "layer 1 █▌    ┊           1e-8 vanishing")
        XCTAssertEqual(b.line(1), "layer 2 █████████████▉    1")
        XCTAssertEqual(b.line(2), "        1e-9  1e-5    1e2")
        // the default scale is kept when nothing is that small
        XCTAssertEqual(GradientBars.range(covering: [0.01, 0, .nan]), 1e-8...1e2)
        XCTAssertEqual(GradientBars.range(covering: [3.2e-11]), 1e-12...1e2)
    }

    func testShortNumbers() {
        XCTAssertEqual(GradientBars.shortNumber(3.21e-8), "3e-8")
        XCTAssertEqual(GradientBars.shortNumber(9.6e-5), "1e-4")
        XCTAssertEqual(GradientBars.shortNumber(2.17e-10), "2e-10")
        XCTAssertEqual(GradientBars.shortNumber(0.0229), "0.02")
        XCTAssertEqual(GradientBars.shortNumber(0.351), "0.35")
        XCTAssertEqual(GradientBars.shortNumber(2.53), "2.5")
        XCTAssertEqual(GradientBars.shortNumber(512), "512")
        XCTAssertEqual(GradientBars.shortNumber(2.2e9), "2e9")
        XCTAssertEqual(GradientBars.shortNumber(0), "0")
    }

    func testMoreBarsThanRowsWrapIntoColumns() {
        // 13 layers, 1e-12 … 1 (a decade a layer), in 7 rows: layers 1-7, then 8-13
        let bars = (0..<13).map { k in
            GradientBars.Bar(label: "layer \(k + 1)", value: pow(10, Double(k - 12)), shortLabel: String(k + 1))
        }
        let g = GradientBars(bars: bars, range: GradientBars.range(covering: bars.map(\.value)))
        XCTAssertEqual(g.range, 1e-13...1e2)
        let b = draw(g, width: 30, height: 7)
        // two columns of 14 cells, two apart, each: its label, a track of 6 cells for 15 decades
        // (48 eighths; the vanishing mark at 8/15 of 6 → column 3), a short value. 1e-12: 3.2
        // eighths → ▍; 1e-5: 25.6 → 26 (███▎); 1e-6: 22.4 → 22 (██▊); 1e-7: 19.2 → 19 (██▍); 1: 41.6 → 42
        XCTAssertEqual(b.line(0), "1 ▍  ┊   1e-12  8  ███▎   1e-5")
        XCTAssertEqual(b.line(5), "6 ██▍┊   1e-7   13 █████▎ 1")
        XCTAssertEqual(b.line(6), "7 ██▊┊   1e-6")
    }

    // MARK: depth

    func model(width: Int = 120, height: Int = 40, language: Language = .en, unicode: Bool = true) throws -> PlayModel {
        try PlayModel(settings: PlaySettings(source: .toy(.spiral)), table: nil, width: width, height: height,
                      unicode: unicode, theme: .mono, language: language)
    }

    func testTwelveHiddenLayersAcceptedThirteenRefused() throws {
        var m = try model()
        for _ in 0..<10 { XCTAssertEqual(update(&m, .key(.character("]"))), [.restart]) }
        XCTAssertEqual(m.settings.hidden.count, 12)
        XCTAssertEqual(m.main.trainer.network.layerSizes.count, 14)
        XCTAssertEqual(m.main.gradientNorms.count, 13)
        XCTAssertEqual(update(&m, .key(.character("]"))), [])
        XCTAssertEqual(m.settings.hidden.count, 12)
        XCTAssertEqual(m.status, "at most 12 hidden layers (asked for 13)")
        // typed: 13 refused with the same message, 12 taken
        m.selected = .hidden
        for text in ["13x8", "4,4,4,4,4,4,4,4,4,4,4,4,4"] {
            _ = update(&m, .key(.enter))
            for c in text { _ = update(&m, .key(.character(c))) }
            XCTAssertEqual(update(&m, .key(.enter)), [], text)
            XCTAssertEqual(m.status, "at most 12 hidden layers (asked for 13)", text)
        }
        _ = update(&m, .key(.enter))
        for c in "12x5" { _ = update(&m, .key(.character(c))) }
        XCTAssertEqual(update(&m, .key(.enter)), [.restart])
        XCTAssertEqual(m.settings.hidden, [Int](repeating: 5, count: 12))
        XCTAssertNil(m.status)
        // shown grouped, in ASCII too; in Japanese the refusal is Japanese
        XCTAssertTrue(view(m).description.contains("hidden layers ◂ 12×5 ▸"), view(m).description)
        var ascii = m
        ascii.unicode = false
        XCTAssertTrue(view(ascii).description.contains("hidden layers < 12x5 >"))
        var ja = try model(language: .ja)
        ja.selected = .hidden
        _ = update(&ja, .key(.enter))
        for c in "13x8" { _ = update(&ja, .key(.character(c))) }
        _ = update(&ja, .key(.enter))
        XCTAssertEqual(ja.status, "隠れ層は 12 層までです（13 層が指定されました）")
    }

    func testHiddenLayersText() {
        XCTAssertEqual(HiddenLayersText("8, 8,4"), .sizes([8, 8, 4]))
        XCTAssertEqual(HiddenLayersText("3x8,2"), .sizes([8, 8, 8, 2]))
        XCTAssertEqual(HiddenLayersText("12×8"), .sizes([Int](repeating: 8, count: 12)))
        XCTAssertEqual(HiddenLayersText(""), .sizes([]))
        XCTAssertEqual(HiddenLayersText("none"), .sizes([]))
        XCTAssertEqual(HiddenLayersText("13x8"), .tooMany(13))
        XCTAssertEqual(HiddenLayersText("10x8,3x4"), .tooMany(13))
        for bad in ["0", "8,,8", "x8", "4x", "8x0", "513", "a", "2x3x4"] {
            XCTAssertEqual(HiddenLayersText(bad), .notSizes, bad)
        }
        XCTAssertEqual(HiddenLayersText.format([8, 8, 8, 8, 8, 8]), "8,8,8,8,8,8")
        XCTAssertEqual(HiddenLayersText.format([Int](repeating: 8, count: 10) + [4, 4]), "10×8,2×4")
        XCTAssertEqual(HiddenLayersText.format([Int](repeating: 16, count: 12), unicode: false), "12x16")
    }

    func testDeepScreensKeepEveryLayerInSight() throws {
        // 12 hidden layers: 13 bars in two columns at 80x24, one column with the scale at 120x40
        for (width, height) in [(80, 24), (120, 40)] {
            var m = try model(width: width, height: height)
            m.settings.hidden = [Int](repeating: 8, count: 12)
            m.settings.activation = .sigmoid
            m.runs = try m.freshRuns()
            let screen = view(m)
            let panel = try XCTUnwrap(screenPanels(screen).first { $0.title.hasPrefix("gradient") }, screen.description)
            let norms = m.main.gradientNorms
            let text = panel.text.joined(separator: "\n")
            for (k, g) in norms.enumerated() {
                let value = width == 80 ? GradientBars.shortNumber(g) : compactNumber(g)
                XCTAssertTrue(text.contains(value), "layer \(k + 1) \(value) in\n\(text)")
            }
            if width == 80 {
                XCTAssertTrue(panel.text[0].hasPrefix("1 "), text)
                XCTAssertTrue(panel.text[0].contains(" 8 "), text)
            } else {
                XCTAssertTrue(panel.text[12].hasPrefix("layer 13 "), text)
                XCTAssertTrue(panel.text[13].contains("1e2"), text)
            }
        }
    }

    // MARK: residual connections

    func testResidualSwitchesOnAndOffAndRestarts() throws {
        var m = try model()
        m.selected = .residual
        XCTAssertTrue(view(m).description.contains("residual      ◂ off ▸"), view(m).description)
        XCTAssertEqual(update(&m, .key(.right)), [.restart])
        XCTAssertTrue(m.settings.residual)
        // 8,8: one skip, from hidden layer 1 to hidden layer 2
        XCTAssertEqual(m.main.trainer.network.residual, [ResidualSkip(from: 1, to: 2)])
        XCTAssertTrue(view(m).description.contains("residual      ◂ on (1 skip) ▸"), view(m).description)
        for _ in 0..<3 { _ = update(&m, .key(.character("]"))) }
        XCTAssertEqual(m.main.trainer.network.residual.count, 4)
        XCTAssertTrue(view(m).description.contains("on (4 skips)"))
        XCTAssertEqual(update(&m, .key(.left)), [.restart])
        XCTAssertEqual(m.main.trainer.network.residual, [])
        var ja = try model(language: .ja)
        ja.settings.residual = true
        XCTAssertTrue(view(ja).description.contains("残差接続"), view(ja).description)
        XCTAssertTrue(view(ja).description.contains("あり・1 か所"), view(ja).description)
    }

    func testResidualKeepsTheFirstLayersGradient() throws {
        // the same 10 sigmoid layers at the same start: the skips carry the gradient back unchanged
        var plain = PlaySettings(source: .toy(.spiral))
        plain.applyDeepPreset()
        var skips = plain
        skips.residual = true
        let data = PlayData.make(plain, table: nil)
        func firstLayer(_ s: PlaySettings) throws -> Double {
            let net = try s.spec(inputs: 2, task: data.task).build()
            return PlayRun(trainer: try Trainer(network: net, config: s.config, data: data.train)).gradientNorms[0]
        }
        XCTAssertGreaterThan(try firstLayer(skips), 1e4 * (try firstLayer(plain)))
    }

    // MARK: batch normalization

    func testBatchNormSwitchesOnAndOffAndNeedsABatch() throws {
        var m = try model()
        m.selected = .batchNorm
        XCTAssertTrue(view(m).description.contains("batch norm    ◂ off ▸"), view(m).description)
        XCTAssertEqual(update(&m, .key(.right)), [.restart])
        XCTAssertEqual(m.main.trainer.network.batchNormLayers, [1, 2])
        XCTAssertTrue(view(m).description.contains("batch norm    ◂ on ▸"), view(m).description)
        // a batch of one sample is the engine's refusal, live or typed
        m.selected = .batchSize
        _ = update(&m, .key(.enter))
        _ = update(&m, .key(.character("1")))
        XCTAssertEqual(update(&m, .key(.enter)), [])
        XCTAssertEqual(m.settings.batchSize, 32)
        XCTAssertEqual(m.main.trainer.config.batchSize, 32)
        XCTAssertEqual(m.status, "\(EngineError.batchNormNeedsBatch)")
        XCTAssertEqual(update(&m, .key(.right)), [.configure])
        XCTAssertEqual(m.main.trainer.config.batchSize, 64)
        // and batch norm cannot come on over a batch of one
        var one = try model()
        one.settings.batchSize = 1
        one.runs = try one.freshRuns()
        one.selected = .batchNorm
        XCTAssertEqual(update(&one, .key(.right)), [])
        XCTAssertFalse(one.settings.batchNorm)
        XCTAssertEqual(one.status, "\(EngineError.batchNormNeedsBatch)")
        // off again: a plain network
        m.selected = .batchNorm
        XCTAssertEqual(update(&m, .key(.left)), [.restart])
        XCTAssertEqual(m.main.trainer.network.batchNormLayers, [])
        var ja = try model(language: .ja)
        ja.settings.batchNorm = true
        XCTAssertTrue(view(ja).description.contains("バッチ正規化   あり"), view(ja).description)
    }

    func testBatchNormSavedOnlyBeforeTraining() throws {
        var m = try model()
        m.settings.batchNorm = true
        m.runs = try m.freshRuns()
        XCTAssertNil(PlayFile.problem(m))
        let text = PlayFile.text(m, dataFile: nil)
        XCTAssertTrue(text.contains("batch_norm = [1, 2]"), text)
        // trained: γ, β and the running statistics have moved, and the file cannot hold them
        var t = m.main.trainer
        t.train(epochs: 1)
        m.runs = [PlayRun(trainer: t)]
        XCTAssertEqual(PlayFile.problem(m), m.text.cannotSaveBatchNorm)
    }

    // MARK: the compare preset

    /// The preset turned on with `d`, every run trained `epochs` epochs and handed back as the
    /// trainer thread would.
    func comparePreset(epochs: Int, width: Int, height: Int, language: Language = .en,
                       unicode: Bool = true) throws -> PlayModel {
        var m = try model(width: width, height: height, language: language, unicode: unicode)
        m.settings.source = .toy(.moons)  // the preset brings the spiral back
        m.data = PlayData.make(m.settings, table: nil)
        XCTAssertEqual(update(&m, .key(.character("d"))), [.restart])
        XCTAssertEqual(m.compare, .deep)
        XCTAssertEqual(m.settings.source, .toy(.spiral))
        XCTAssertEqual(m.settings.hidden, [Int](repeating: 8, count: 10))
        let runs = m.runs.map { run -> PlayRun in
            var t = run.trainer
            t.train(epochs: epochs)
            return PlayRun(trainer: t)
        }
        _ = update(&m, .snapshot(PlaySnapshot(generation: m.generation, runs: runs)))
        XCTAssertEqual(m.main.trainer.epoch, epochs)
        return m
    }

    func testComparePresetRunsTheSameDeepNetworkEachWay() throws {
        let m = try comparePreset(epochs: 0, width: 120, height: 40)
        XCTAssertEqual(m.runs.count, DeepVariant.allCases.count)
        XCTAssertEqual(m.variants.map(\.name), ["plain", "ReLU", "batch norm", "residual"])
        XCTAssertEqual(m.runs.map(\.trainer.network.activations[0]), [.sigmoid, .relu, .sigmoid, .sigmoid])
        XCTAssertEqual(m.runs.map(\.trainer.network.residual.count), [0, 0, 0, 9])
        XCTAssertEqual(m.runs.map(\.trainer.network.batchNormLayers), [[], [], Array(1...10), []])
        for run in m.runs { XCTAssertEqual(run.trainer.network.layerSizes, [2] + [Int](repeating: 8, count: 10) + [1]) }
        XCTAssertEqual(m.status, "compare preset: the same 10 sigmoid layers each way; space trains, d: one run")
        // d again: the plain deep network alone
        var single = m
        XCTAssertEqual(update(&single, .key(.character("d"))), [.restart])
        XCTAssertNil(single.compare)
        XCTAssertEqual(single.runs.count, 1)
        XCTAssertEqual(single.settings.activation, .sigmoid)
        XCTAssertEqual(single.settings.hidden.count, 10)
    }

    /// The first layer's row of the preset's bars, read off the screen: one number per run.
    func firstLayerValues(_ screen: Buffer) throws -> [Double] {
        let panel = try XCTUnwrap(screenPanels(screen).first { $0.title.hasPrefix("10 sigmoid") },
                                  screen.description)
        let row = try XCTUnwrap(panel.text.first { $0.hasPrefix("layer 1 ") || $0.hasPrefix("1 ") }, screen.description)
        return row.split(separator: " ").dropFirst(row.hasPrefix("layer") ? 2 : 1).compactMap { Double($0) }
    }

    func testComparePresetShowsThePlainFirstLayerOrdersOfMagnitudeBelow() throws {
        for (width, height) in [(80, 24), (120, 40)] {
            let m = try comparePreset(epochs: 30, width: width, height: height)
            let screen = view(m)
            let shown = try firstLayerValues(screen)
            XCTAssertEqual(shown.count, m.runs.count, screen.description)
            // what is shown is the engine's number, rounded
            for (value, run) in zip(shown, m.runs) {
                XCTAssertEqual(value, run.gradientNorms[0], accuracy: run.gradientNorms[0] * 0.5)
            }
            // the deep sigmoid network's first layer: at least 100 times below each cure's
            let plain = shown[0]
            for cure in shown.dropFirst() { XCTAssertGreaterThan(cure, 100 * plain, screen.description) }
            // the table says how many times the plain one's: ×1e… for each cure
            let table = try XCTUnwrap(screenPanels(screen).first { $0.title == "layer 1 gradient" })
            for name in ["ReLU", width == 80 ? "BN" : "batch norm", "resid"] {
                let row = try XCTUnwrap(table.text.first { $0.hasPrefix(name) }, table.text.joined(separator: "\n"))
                let ratio = try XCTUnwrap(row.split(separator: " ").first { $0.hasPrefix("×") }, row)
                XCTAssertGreaterThanOrEqual(try XCTUnwrap(Double(ratio.dropFirst())), 100, row)
            }
        }
    }

    func testComparePresetInJapaneseAndASCII() throws {
        let ja = view(try comparePreset(epochs: 5, width: 80, height: 24, language: .ja)).description
        for label in ["シグモイド 10 層（層ごとの勾配）", "層 1 の勾配", "通常", "ReLU", "BN", "残差", "通常比", "比較中",
                      "バッチ正規化"] {
            XCTAssertTrue(ja.contains(label), "\(label)\n\(ja)")
        }
        for english in ["plain", "gradient", "layer 1", "compared"] { XCTAssertFalse(ja.contains(english), english) }
        let ascii = try comparePreset(epochs: 5, width: 80, height: 24, unicode: false)
        let screen = view(ascii)
        XCTAssertFalse(screen.description.unicodeScalars.contains { !$0.isASCII }, screen.description)
        assertSnapshot(screen, named: "playground-compare-preset-80x24-ascii")
    }
}
