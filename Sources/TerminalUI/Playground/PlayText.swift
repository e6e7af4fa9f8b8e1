import BackpropEngine
import EventWords

/// Every piece of interface text of the playground screen, in English and Japanese, in one place.
public struct PlayText: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    private func t(_ en: String, _ ja: String) -> String { language == .ja ? ja : en }

    // title bar
    var playground: String { t("playground", "プレイグラウンド") }
    func epoch(_ n: Int) -> String { t("epoch \(n)", "エポック \(n)") }
    func epochsPerSecond(_ rate: String) -> String { t("\(rate) epochs/s", "\(rate) エポック/秒") }
    var diverged: String { t("DIVERGED", "発散") }
    func training(unicode: Bool) -> String { (unicode ? "▶ " : "> ") + t("training", "学習中") }
    var paused: String { t("paused", "一時停止") }
    func tooSmall(_ minW: Int, _ minH: Int, _ w: Int, _ h: Int) -> String {
        t("enlarge the window to at least \(minW)x\(minH) (now \(w)x\(h))",
          "ウィンドウを \(minW)x\(minH) 以上に広げてください（現在 \(w)x\(h)）")
    }

    // the data view
    var plane: String { t("output over the input plane", "入力平面上の出力") }
    var digits: String { t("digits", "数字画像") }
    var predictions: String { t("predictions", "予測") }
    func trainAccuracy(_ p: String) -> String { t("train \(p)", "正解率 訓練 \(p)") }
    func testAccuracy(_ p: String) -> String { t("test \(p)", "テスト \(p)") }
    func classLabel(_ k: Int) -> String { t("class \(k)", "クラス \(k)") }
    var trainTest: String { t("train, test", "訓練、テスト") }
    var background: String { t("background:", "背景：") }
    var probabilityOfOne: String { t("P(class 1)", "P（クラス 1）") }
    var zeroToOne: String { t("0    to    1", "0   から   1") }
    func trainingPoints(_ n: Int) -> String { t("\(n) training", "訓練データ \(n)") }
    func testPoints(_ n: Int) -> String { t("\(n) test points", "テストデータ \(n)") }
    func confusionCaption(test: Bool) -> String {
        test ? t("confusion matrix of the test samples (rows: true class)", "テストデータの混同行列（行は正解クラス）")
            : t("confusion matrix of the training samples (rows: true class)", "訓練データの混同行列（行は正解クラス）")
    }
    var trueClass: String { t("true", "正解") }
    var predictedClass: String { t("predicted", "予測") }
    var regressionHeader: [String] { [t("sample", "サンプル"), t("target", "目標"), t("output", "出力")] }

    // compare mode
    func compareTitle(_ field: PlayField) -> String {
        t("compare \(self.field(field)): training loss", "\(self.field(field))の比較（訓練データの損失）")
    }
    var compareHeader: [String] {
        [t("run", "実行"), t("epoch", "エポック"), t("loss", "損失"), t("test loss", "テスト損失"), t("accuracy", "正解率")]
    }
    var compared: String { t("compared", "比較中") }

    // the compare preset (deep networks)
    /// The run's name in the legend and the table.
    func variant(_ v: DeepVariant) -> String {
        switch v {
        case .plain: return t("plain", "通常")
        case .relu: return "ReLU"
        case .batchNorm: return t("batch norm", "バッチ正規化")
        case .residual: return t("residual", "残差接続")
        }
    }
    /// The run's name above its bars and in the table when columns are narrow.
    func shortVariant(_ v: DeepVariant) -> String {
        switch v {
        case .plain: return t("plain", "通常")
        case .relu: return "ReLU"
        case .batchNorm: return "BN"
        case .residual: return t("resid.", "残差")
        }
    }
    func deepTitle(layers: Int, wide: Bool) -> String {
        wide ? t("\(layers) sigmoid hidden layers: gradient size per layer", "シグモイドの隠れ層 \(layers) 層（層ごとの勾配の大きさ）")
            : t("\(layers) sigmoid layers: gradient per layer", "シグモイド \(layers) 層（層ごとの勾配）")
    }
    func deepLoss(wide: Bool) -> String { wide ? t("training loss of each run", "各実行の訓練データの損失") : loss }
    var firstLayerGradient: String { t("layer 1 gradient", "層 1 の勾配") }
    /// The table of first-layer gradients: run, its norm, how many times the plain run's it is.
    func firstLayerHeader(unicode: Bool) -> [String] {
        [t("run", "実行"), unicode ? "‖g⁽¹⁾‖" : "|g(1)|", t("ratio", "通常比"), t("loss", "損失")]
    }
    var deepPresetStatus: String {
        t("compare preset: the same 10 sigmoid layers each way; space trains, d: one run",
          "比較プリセット（同じシグモイド 10 層を各方式で）。スペースで学習、d で単独")
    }
    var full: String { t("full", "全件") }
    func batchRun(_ size: String) -> String { t("batch \(size)", "バッチ \(size)") }

    // side panels
    var loss: String { t("loss", "損失") }
    var test: String { t("test", "テスト") }
    var train: String { t("train", "訓練") }
    var epochAxis: String { t("epoch", "エポック") }
    var spaceStarts: String { t("space starts training", "スペースで学習開始") }
    func gradientsTitle(wide: Bool) -> String {
        wide ? t("gradient size per layer", "層ごとの勾配の大きさ") : t("gradients", "勾配")
    }
    func layer(_ k: Int) -> String { t("layer \(k)", "層 \(k)") }
    var vanishing: String { t("vanishing", "消失") }
    var exploding: String { t("exploding", "爆発") }
    var settings: String { t("settings", "設定") }
    func network(_ sizes: String) -> String { t("network \(sizes)", "ネットワーク \(sizes)") }
    var weightsPerLayer: String { t("weights per layer", "層ごとの重み") }

    // settings
    func field(_ f: PlayField) -> String {
        switch f {
        case .data: return t("data", "データ")
        case .noise: return t("noise", "ノイズ")
        case .testFraction: return t("test split", "テストの割合")
        case .seed: return t("seed", "シード")
        case .hidden: return t("hidden layers", "隠れ層")
        case .activation: return t("activation", "活性化関数")
        case .residual: return t("residual", "残差接続")
        case .batchNorm: return t("batch norm", "バッチ正規化")
        case .loss: return t("loss", "損失")
        case .optimizer: return t("optimizer", "最適化手法")
        case .learningRate: return t("learning rate", "学習率")
        case .batchSize: return t("batch size", "バッチサイズ")
        case .l2: return "L2"
        case .speed: return t("speed", "速度")
        }
    }
    /// The value of a setting as shown: the words "none", "full" and "max" translated.
    func value(_ f: PlayField, _ s: PlaySettings, unicode: Bool = true) -> String {
        switch f {
        case .hidden where s.hidden.isEmpty: return t("none", "なし")
        case .hidden: return HiddenLayersText.format(s.hidden, unicode: unicode)
        case .residual where !s.residual, .batchNorm where !s.batchNorm: return t("off", "なし")
        case .batchNorm: return t("on", "あり")
        case .residual:
            // the skips the engine gets: one between each two consecutive hidden layers of equal width
            let n = ResidualSkip.consecutive([0] + s.hidden + [0]).count
            return t("on (\(n) skip\(n == 1 ? "" : "s"))", "あり・\(n) か所")
        case .batchSize where s.batchSize <= 0: return full
        case .speed where s.speed == nil: return t("max", "最大")
        case .speed: return t(f.value(s), formatShort(s.speed ?? 0) + "/秒")
        default: return f.value(s)
        }
    }

    // key line and prompts
    var saveAs: String { t("save as:", "保存先：") }
    var saveKeys: String { t("Enter save  Esc cancel", "Enter 保存  Esc 取消") }
    var setKeys: String { t("Enter set  Esc cancel", "Enter 決定  Esc 取消") }
    func hints(running: Bool, comparing: Bool, unicode: Bool) -> [(String, String)] {
        [("space", running ? t("pause", "停止") : t("play", "再生")), ("n", t("epoch", "1エポック")),
         ("r", t("reset", "リセット")), (unicode ? "↑↓←→" : "arrows", t("settings", "設定")),
         ("c", comparing ? t("single", "単独") : t("compare", "比較")), ("i", t("step in", "詳しく")),
         ("s", t("save", "保存")), ("d", t("deep", "深層")), ("?", t("help", "ヘルプ")),
         ("q", t("quit", "終了"))]
    }

    // help
    var helpTitle: String { t("playground keys", "プレイグラウンドのキー操作") }
    var helpRows: [(String, String)] {
        [("space  p", t("play / pause training (it runs on its own thread; keys stay quick)",
                        "学習の再生/一時停止（学習は別スレッドで動くので、キー操作は遅れません）")),
         ("n  .", t("train one epoch", "1エポックだけ学習")),
         ("r", t("reset: a new network from the seed, the histories cleared",
                 "リセット（シードから新しいネットワークを作り、履歴を消す）")),
         ("↑ ↓", t("choose a setting;  ← → (or - +) change it;  Enter type a value",
                   "設定を選ぶ。← →（または - +）で変更、Enter で値を入力")),
         ("[  ]", t("remove / add a hidden layer, up to 12 (← → on \"hidden layers\" change the last one's neurons; Enter types sizes such as 8,8 or 10x8)",
                    "隠れ層を減らす/増やす（12 層まで）。「隠れ層」で ← → を押すと最後の層のニューロン数を変更、Enter で 8,8 や 10x8 のように入力")),
         ("c", t("compare: the same data under 3 values of the chosen setting (optimizer if it has none)",
                 "比較（選んだ設定の 3 つの値で同じデータを学習。比較できない設定なら最適化手法）")),
         ("d", t("compare preset: 10 sigmoid hidden layers on the spiral, plain and with each cure side by side, with their gradient bars; d again: the plain one alone",
                 "比較プリセット（スパイラルをシグモイドの隠れ層 10 層で）。通常のままと各対策を並べて学習し、勾配を棒で示す。もう一度 d で通常の1つに戻る")),
         ("i", t("step in: the step-by-step tutor on this network and its next batch; q comes back",
                 "詳しく見る（このネットワークの次のバッチを 1 ステップずつ）。q で戻る")),
         ("s", t("save settings and trained weights as a network file (for `open` and `train`)",
                 "設定と学習した重みをネットワークファイルに保存（`open` と `train` で使える）")),
         ("t", t("next colour theme", "次の配色")),
         ("q", t("quit", "終了"))]
    }
    var closeHint: String { t("any key closes this", "何かキーを押すと閉じます") }

    // status messages
    var divergedStatus: String {
        t("training diverged (loss is not a number): lower the learning rate, r to reset",
          "学習が発散しました（損失が数値ではありません）。学習率を下げ、r でリセットしてください")
    }
    func saved(_ path: String) -> String {
        t("saved \(path): open it with `open` or `train`", "\(path) に保存しました。`open` か `train` で開けます")
    }
    func cannotSave(_ path: String, _ error: String) -> String {
        t("cannot save \(path): \(error)", "\(path) に保存できません（\(error)）")
    }
    func reset(seed: UInt64) -> String {
        t("reset: new network from seed \(seed)", "リセットしました。シード \(seed) から新しいネットワークです")
    }
    func notAValue(_ text: String, _ f: PlayField) -> String {
        t("\"\(text)\" is not a value for \(field(f))", "「\(text)」は\(field(f))の値になりません")
    }
    func tooManyLayers(_ n: Int) -> String {
        t("at most \(PlaySettings.maxHiddenLayers) hidden layers (asked for \(n))",
          "隠れ層は \(PlaySettings.maxHiddenLayers) 層までです（\(n) 層が指定されました）")
    }
    var cannotSaveBatchNorm: String {
        t("a network file has no place for batch normalization's trained γ and β and running statistics: save before training (r resets), or without batch norm",
          "ネットワークファイルにはバッチ正規化の学習済みの γ、β と移動平均を書けません。学習を始める前に保存する（r でリセット）か、バッチ正規化なしで保存してください")
    }
    var cannotSaveDiverged: String {
        t("the training diverged (weights are not numbers); reset first",
          "学習が発散しています（重みが数値ではありません）。先にリセットしてください")
    }
    public func cannotWrite(_ path: String, _ error: String) -> String {
        t("cannot write \(path): \(error)", "\(path) を書き込めません（\(error)）")
    }
    public func doesNotLoad(_ error: String) -> String {
        t("written, but it does not load: \(error)", "書き込みましたが、読み込めません（\(error)）")
    }
    public var stepInTitle: String { t("step in (q returns)", "詳しく見る（q で戻る）") }
    public var backFromStepIn: String {
        t("back from the step-by-step screen; space resumes training",
          "ステップ画面から戻りました。スペースで学習を再開します")
    }
}
