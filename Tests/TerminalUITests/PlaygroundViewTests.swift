import BackpropEngine
import XCTest
@testable import TerminalUI

/// The playground screen as text: heatmap, digits, compare mode, the save prompt, too small.
final class PlaygroundViewTests: XCTestCase {
    func trained(_ source: PlayDataSource, table: PlayTable? = nil, epochs: Int, width: Int, height: Int,
                 unicode: Bool = false, compare: PlayField? = nil, change: (inout PlaySettings) -> Void = { _ in }) -> PlayModel {
        var settings = PlaySettings(source: source)
        change(&settings)
        var m = PlayModel(settings: settings, table: table, width: width, height: height, unicode: unicode, theme: .mono)
        m.compare = compare
        m.runs = m.freshTrainers().map { t in
            var t = t
            t.train(epochs: epochs)
            return PlayRun(trainer: t)
        }
        return m
    }

    func testSpiralHeatmapScreenASCII() {
        let m = trained(.toy(.spiral), epochs: 40, width: 80, height: 24)
        let screen = view(m)
        XCTAssertTrue(screen.line(0).contains("playground | spiral"), screen.description)
        XCTAssertTrue(screen.line(0).contains("epoch 40 | paused"), screen.description)
        XCTAssertTrue(screen.description.contains("learning rate < 0.03 >"), screen.description)
        assertSnapshot(screen, named: "playground-spiral-80x24-ascii")
    }

    func testSpiralScreenWideUnicode() {
        let m = trained(.toy(.spiral), epochs: 40, width: 120, height: 40, unicode: true)
        let screen = view(m)
        XCTAssertTrue(screen.description.contains("network 2-8-8-1"), screen.description)
        XCTAssertTrue(screen.description.contains("weights per layer"), screen.description)
        assertSnapshot(screen, named: "playground-spiral-120x40")
    }

    func testDigitsScreen() {
        let m = trained(.builtin(.digits), table: PlayTable.builtin(.digits), epochs: 2, width: 120, height: 40,
                        unicode: true) { $0.hidden = [32]; $0.activation = .relu; $0.learningRate = 0.005 }
        let screen = view(m)
        XCTAssertTrue(screen.line(1).contains("digits · train"), screen.description)
        XCTAssertTrue(screen.description.contains("→"), "true → predicted captions")
        assertSnapshot(screen, named: "playground-digits-120x40")
    }

    func testCompareScreen() {
        let m = trained(.toy(.moons), epochs: 30, width: 100, height: 30, compare: .optimizer)
        let screen = view(m)
        XCTAssertTrue(screen.description.contains("compare optimizer"), screen.description)
        for name in ["sgd", "momentum", "adam"] { XCTAssertTrue(screen.description.contains(name), name) }
        assertSnapshot(screen, named: "playground-compare-100x30-ascii")
    }

    func testPromptsAndTooSmall() {
        var m = trained(.toy(.xor), epochs: 0, width: 80, height: 24)
        _ = update(&m, .key(.character("s")))
        XCTAssertTrue(view(m).line(23).contains("save as: playground.toml_"))
        _ = update(&m, .key(.escape))
        _ = update(&m, .key(.character("?")))
        XCTAssertTrue(view(m).description.contains("playground keys"))
        _ = update(&m, .resize(width: 60, height: 20))
        XCTAssertTrue(view(m).description.contains("enlarge the window to at least 80x24 (now 60x20)"))
    }
}
