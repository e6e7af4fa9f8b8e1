import BackpropEngine
import XCTest
@testable import TerminalUI

/// The playground screen as text: heatmap, digits, compare mode, the save prompt, too small.
final class PlaygroundViewTests: XCTestCase {
    func trained(_ source: PlayDataSource, table: PlayTable? = nil, epochs: Int, width: Int, height: Int,
                 unicode: Bool = false, compare: PlayComparison? = nil, change: (inout PlaySettings) -> Void = { _ in }) throws -> PlayModel {
        var settings = PlaySettings(source: source)
        change(&settings)
        var m = try PlayModel(settings: settings, table: table, width: width, height: height, unicode: unicode, theme: .mono)
        m.compare = compare
        m.runs = try m.freshTrainers().map { t in
            var t = t
            t.train(epochs: epochs)
            return PlayRun(trainer: t)
        }
        return m
    }

    func testSpiralHeatmapScreenASCII() throws {
        let m = try trained(.toy(.spiral), epochs: 40, width: 80, height: 24)
        let screen = view(m)
        XCTAssertTrue(screen.line(0).contains("playground | spiral"), screen.description)
        XCTAssertTrue(screen.line(0).contains("epoch 40 | paused"), screen.description)
        XCTAssertTrue(screen.description.contains("learning rate < 0.03 >"), screen.description)
        assertSnapshot(screen, named: "playground-spiral-80x24-ascii")
    }

    func testSpiralScreenWideUnicode() throws {
        let m = try trained(.toy(.spiral), epochs: 40, width: 120, height: 40, unicode: true)
        let screen = view(m)
        XCTAssertTrue(screen.description.contains("network 2-8-8-1"), screen.description)
        XCTAssertTrue(screen.description.contains("weights per layer"), screen.description)
        assertSnapshot(screen, named: "playground-spiral-120x40")
    }

    func testDigitsScreen() throws {
        let m = try trained(.builtin(.digits), table: PlayTable.builtin(.digits), epochs: 2, width: 120, height: 40,
                            unicode: true) { $0.hidden = [32]; $0.activation = .relu; $0.learningRate = 0.005 }
        let screen = view(m)
        XCTAssertTrue(screen.line(1).contains("digits · train"), screen.description)
        XCTAssertTrue(screen.description.contains("→"), "true → predicted captions")
        assertSnapshot(screen, named: "playground-digits-120x40")
    }

    func testCompareScreen() throws {
        let m = try trained(.toy(.moons), epochs: 30, width: 100, height: 30, compare: .setting(.optimizer))
        let screen = view(m)
        XCTAssertTrue(screen.description.contains("compare optimizer"), screen.description)
        for name in ["sgd", "momentum", "adam"] { XCTAssertTrue(screen.description.contains(name), name) }
        assertSnapshot(screen, named: "playground-compare-100x30-ascii")
    }

    func testPromptsAndTooSmall() throws {
        var m = try trained(.toy(.xor), epochs: 0, width: 80, height: 24)
        _ = update(&m, .key(.character("s")))
        XCTAssertTrue(view(m).line(23).contains("save as: playground.toml_"))
        _ = update(&m, .key(.escape))
        _ = update(&m, .key(.character("?")))
        XCTAssertTrue(view(m).description.contains("playground keys"))
        _ = update(&m, .resize(width: 60, height: 20))
        XCTAssertTrue(view(m).description.contains("enlarge the window to at least 80x24 (now 60x20)"))
    }
}

/// The playground in Japanese: every label from `PlayText`, none of the English ones left.
final class PlaygroundJapaneseViewTests: XCTestCase {
    func testJapaneseScreenHasJapaneseLabelsAndNoEnglishOnes() throws {
        for (width, height) in [(80, 24), (120, 40)] {
            var m = try PlayModel(settings: PlaySettings(source: .toy(.spiral)), table: nil, width: width, height: height,
                                  unicode: true, theme: .mono, language: .ja)
            m.runs = try m.freshTrainers().map { t in
                var t = t
                t.train(epochs: 5)
                return PlayRun(trainer: t)
            }
            let screen = view(m).description
            for label in ["プレイグラウンド", "エポック 5", "一時停止", "設定", "学習率", "最適化手法", "活性化関数",
                          "隠れ層", "バッチサイズ", "ノイズ", "シード", "損失", "テスト", "正解率", "訓練データ",
                          "テストデータ", "層ごとの重み", "層 1", "リセット"] {
                XCTAssertTrue(screen.contains(label), "\(label) missing at \(width)x\(height):\n\(screen)")
            }
            if height >= 40 { XCTAssertTrue(screen.contains("層ごとの勾配の大きさ"), screen) }
            for english in ["playground", "epoch", "paused", "settings", "learning rate", "optimizer", "activation",
                            "hidden layers", "batch size", "noise", "seed", "loss", "test", "train", "layer",
                            "weights", "gradient", "class", "reset", "quit", "help"] {
                XCTAssertFalse(screen.contains(english), "English \"\(english)\" at \(width)x\(height):\n\(screen)")
            }
            // prompts, help and status messages too
            _ = update(&m, .key(.character("?")))
            let help = view(m).description
            XCTAssertTrue(help.contains("プレイグラウンドのキー操作") && help.contains("何かキーを押すと閉じます"), help)
            XCTAssertFalse(help.contains("train one epoch"), help)
            _ = update(&m, .key(.escape))
            _ = update(&m, .key(.character("s")))
            XCTAssertTrue(view(m).line(height - 1).contains("保存先： playground.toml"))
            _ = update(&m, .key(.escape))
            _ = update(&m, .key(.character("r")))
            XCTAssertTrue(view(m).line(height - 1).contains("リセットしました。シード 1 から新しいネットワークです"))
        }
        var small = try PlayModel(settings: PlaySettings(source: .toy(.xor)), table: nil, width: 60, height: 20,
                                  unicode: true, theme: .mono, language: .ja)
        XCTAssertTrue(view(small).description.contains("ウィンドウを 80x24 以上に広げてください"), view(small).description)
    }
}
