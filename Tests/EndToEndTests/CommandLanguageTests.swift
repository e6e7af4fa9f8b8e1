import Foundation
import XCTest

/// `train` and `gradcheck` speak Japanese with `--lang ja` or a Japanese locale; `--json` never changes.
final class CommandLanguageTests: XCTestCase {
    let xor = Binary.path("lessons/article-xor.toml")

    func testTrainLangJaPrintsJapaneseLabels() throws {
        let run = try Binary.run(["train", xor, "--epochs", "200", "--lang", "ja"])
        XCTAssertEqual(run.status, 0, run.stderr)
        for label in ["訓練損失", "エポック", "1 エポック目の損失：", "最終損失（200 エポック）：", "所要時間：", "入力 → 出力（正解）"] {
            XCTAssertTrue(run.stdout.contains(label), "\(label) missing in:\n\(run.stdout)")
        }
        XCTAssertFalse(run.stdout.contains("final loss"), run.stdout)
        XCTAssertTrue(run.stdout.contains("[1, 0, 1] → ["), run.stdout)
    }

    func testTrainFollowsAJapaneseLocaleAndLangOverridesIt() throws {
        let ja = try Binary.run(["train", xor, "--epochs", "200"], environment: ["LANG": "ja_JP.UTF-8"])
        XCTAssertEqual(ja.status, 0, ja.stderr)
        XCTAssertTrue(ja.stdout.contains("最終損失（200 エポック）："), ja.stdout)
        let en = try Binary.run(["train", xor, "--epochs", "200", "--lang", "en"], environment: ["LANG": "ja_JP.UTF-8"])
        XCTAssertTrue(en.stdout.contains("final loss (200 epochs):"), en.stdout)
    }

    func testJapaneseSummaryValuesShareOneColumn() throws {
        let run = try Binary.run(["train", Binary.path("lessons/10-digits.toml"), "--epochs", "2", "--lang", "ja"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let labels = ["1 エポック目の損失：", "最終損失（2 エポック）：", "テストデータの最終損失：", "訓練データの正解率：",
                      "テストデータの正解率：", "所要時間："]
        var columns: Set<Int> = []
        for label in labels {
            let line = try XCTUnwrap(run.stdout.split(separator: "\n").first { $0.hasPrefix(label) }, label)
            // display columns up to the value: wide (Japanese) characters count two
            let spaces = line.dropFirst(label.count).prefix { $0 == " " }.count
            columns.insert(label.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) } + spaces)
        }
        XCTAssertEqual(columns.count, 1, "values not aligned:\n\(run.stdout)")
    }

    func testTrainJSONIsTheSameInEveryLanguage() throws {
        let en = try Binary.run(["train", xor, "--epochs", "50", "--json"])
        let ja = try Binary.run(["train", xor, "--epochs", "50", "--json", "--lang", "ja"], environment: ["LANG": "ja_JP.UTF-8"])
        XCTAssertEqual(ja.status, 0, ja.stderr)
        XCTAssertEqual(en.stdout, ja.stdout)
    }

    func testDivergenceMessageInJapanese() throws {
        let path = try Binary.temporaryFile("""
            [network]
            layers = [1, 1]
            activation = "identity"
            weights = [[[0.5]]]
            biases = [[0.0]]
            [training]
            loss = "mse"
            learning_rate = 50.0
            [data]
            inputs = [[1.0], [2.0], [3.0]]
            targets = [[2.0], [4.0], [6.0]]
            """)
        let run = try Binary.run(["train", path, "--epochs", "2000", "--lang", "ja"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("学習が発散しました"), run.stdout)
    }

    func testGradcheckVerdictInJapanese() throws {
        let run = try Binary.run(["gradcheck", Binary.path("lessons/two-two-two.toml"), "--lang", "ja"])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("勾配チェック合格"), run.stdout)
        XCTAssertTrue(run.stdout.contains("相対誤差"), run.stdout)
        XCTAssertTrue(run.stdout.contains("最大相対誤差"), run.stdout)
        XCTAssertFalse(run.stdout.contains("max relative error"), run.stdout)
        let locale = try Binary.run(["gradcheck", Binary.path("lessons/two-two-two.toml")], environment: ["LANG": "ja_JP.UTF-8"])
        XCTAssertTrue(locale.stdout.contains("勾配チェック合格"), locale.stdout)
    }

    /// README presents --lang, --theme and --ascii as global: they work before the subcommand too,
    /// and the same option after the subcommand wins.
    func testCommonOptionsBeforeTheSubcommand() throws {
        let before = try Binary.run(["--lang", "ja", "train", xor, "--epochs", "200"], environment: ["LANG": "C.UTF-8"])
        XCTAssertEqual(before.status, 0, before.stderr)
        XCTAssertTrue(before.stdout.contains("最終損失（200 エポック）："), before.stdout)
        let after = try Binary.run(["--lang", "ja", "train", xor, "--epochs", "200", "--lang", "en"])
        XCTAssertTrue(after.stdout.contains("final loss (200 epochs):"), after.stdout)
        let list = try Binary.run(["--lang", "ja", "lessons"], environment: ["LANG": "C.UTF-8"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("ひとつのニューロン"), list.stdout)
        let ascii = try Binary.run(["--ascii", "trace", Binary.path("lessons/two-two-two.toml"), "--updates", "1", "--lang", "en"])
        XCTAssertEqual(ascii.status, 0, ascii.stderr)
        XCTAssertTrue(ascii.stdout.contains("z(h1) = w1*x1"), ascii.stdout)
        XCTAssertFalse(ascii.stdout.contains("₁"), ascii.stdout)
    }

    func testLangBeforeOpenDrawsAJapaneseScreen() throws {
        try TmuxSession.require()
        let tmux = try TmuxSession(["--lang", "ja", "--theme", "mono", "open", Binary.path("lessons/two-two-two.toml")],
                                   width: 100, height: 30)
        _ = try tmux.waitFor("順伝播")
        try tmux.send("q")
    }

    /// Under LC_ALL=C every Japanese character would be drawn as `??`: the lesson screen is in
    /// English instead, says why, and says it again on standard error after it closes.
    func testJapaneseWithoutAUTF8LocaleFallsBackToEnglish() throws {
        try TmuxSession.require()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bpt-state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let tmux = try TmuxSession(["open", Binary.path("lessons/01-one-neuron.toml"), "--lang", "ja"], width: 80, height: 24,
                                   environment: ["LC_ALL": "C", "LANG": "ja_JP.UTF-8", "XDG_STATE_HOME": state])
        let screen = try tmux.waitForSettled("Meet the neuron")
        XCTAssertTrue(screen.contains("Japanese needs a UTF-8 locale"), screen)
        XCTAssertFalse(screen.contains("??"), screen)
        try tmux.send("q")
        XCTAssertEqual(tmux.exitStatus(), 0)
    }
}
