import BackpropEngine
import EventWords

/// Every piece of interface text of the tutor screen, in English and Japanese, in one place.
public struct UIText: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    private func t(_ en: String, _ ja: String) -> String { language == .ja ? ja : en }

    // panels
    var network: String { t("network", "ネットワーク") }
    var activations: String { t("activations", "出力値") }
    /// what the diagram shows beside each neuron n in the backward pass
    func deltas(unicode: Bool) -> String { unicode ? "δ(n) = ∂E/∂z(n)" : "delta(n) = dE/dz(n)" }
    var step: String { t("this step", "このステップ") }
    var parameters: String { t("weights and biases", "重みとバイアス") }
    var loss: String { t("loss", "損失") }
    var testLoss: String { t("test loss", "テスト損失") }
    var epochAxis: String { t("epoch", "エポック") }
    var noEpochYet: String { t("the curve starts after the first update", "1回更新すると曲線が現れます") }
    /// The bottom border of a table that leaves rows out.
    func moreParameters(_ n: Int) -> String { t("⋮ \(n) more", "⋮ ほか \(n) 行") }
    /// `sinceMark`: the last column shows each change since the mark rather than the last change.
    func parameterHeader(unicode: Bool, sinceMark: Bool = false) -> [String] {
        [t("param", "パラメータ"), t("value", "値"), unicode ? "∂E/∂w" : "dE/dw",
         sinceMark ? (unicode ? t("Δ mark", "印から") : t("d mark", "印から")) : t("change", "変化")]
    }

    // run bar
    var run: String { t("run", "学習") }
    /// The epoch of the run's newest update (as the header numbers epochs, from 1).
    func reached(_ epoch: Int) -> String { t("reached epoch \(epoch)", "エポック \(epoch) まで到達") }
    var notTrained: String { t("not trained yet", "まだ学習していません") }
    func markAt(_ epoch: Int, unicode: Bool) -> String {
        (unicode ? "◆ " : "* ") + t("mark: epoch \(epoch)", "印はエポック \(epoch)")
    }

    // the layer view
    var layerView: String { t("layer view", "層ごとの表示") }
    var layerIntro: String {
        t("The layer view shows each step as one matrix operation of the whole batch: the same numbers as the neuron view, a row per sample. Press → to start; v goes back to the neurons.",
          "層ごとの表示では、各ステップをバッチ全体の1つの行列演算として示します。数値はニューロンごとの表示と同じで、1行が1サンプルです。→ で始めます。v でニューロンの表示に戻ります。")
    }
    func selectedCell(_ name: String, _ value: String, unicode: Bool) -> String {
        let dot = unicode ? " · " : " | "
        return t("selected \(name) = \(value)\(dot)its formula in the step panel\(dot)i j k l select",
                 "選択中 \(name) = \(value)\(dot)その式はステップ欄\(dot)i j k l で選択")
    }
    func sampleTerm(_ name: String, _ value: String, samples: Int, sample: Int, term: String) -> String {
        t("selected \(name) = \(value), the sum of \(samples) samples' terms; the step panel shows sample \(sample)'s term, \(term)",
          "選択中 \(name) = \(value)（\(samples) サンプルの項の和）。ステップ欄はサンプル \(sample) の項 \(term)")
    }
    func heatLegend(unicode: Bool) -> String {
        unicode ? t("█ positive  ▄ negative (fuller: larger; a cell is the mean of its block)", "█ 正  ▄ 負（濃いほど大きい。1 マスはその範囲の平均）")
            : t("# positive  % negative (larger: fuller)", "# 正  % 負（大きいほど濃い）")
    }

    // title bar
    func epoch(_ n: Int) -> String { t("epoch \(n)", "エポック \(n)") }
    func sample(_ s: Int, of b: Int) -> String { t("sample \(s)/\(b)", "サンプル \(s)/\(b)") }
    func update(_ n: Int) -> String { t("update \(n)", "更新 \(n)") }
    func stepOf(_ k: Int, _ m: Int) -> String { t("step \(k)/\(m)", "ステップ \(k)/\(m)") }
    var batchWide: String { t("whole batch", "バッチ全体") }
    var playing: String { t("▶ playing", "▶ 再生中") }
    var start: String { t("start", "開始前") }

    // the step panel before the first event
    var welcomeTitle: String { t("Ready", "準備完了") }
    var welcome: String {
        t("The network shows its starting weights. Press → (or Space, or the clicker) to compute the forward pass one number at a time; ← goes back. The bracket keys change how far one press goes.",
          "ネットワークはいま初期の重みです。→（スペース、プレゼンター用クリッカーも可）で順伝播を 1 つずつ計算します。← で戻ります。[ ] キーで一度に進む刻みを変えられます。")
    }
    var diverged: String {
        t("Training diverged: the loss or a weight is no longer a finite number. Press r to restart or c to lower the learning rate.",
          "学習が発散しました。損失または重みが有限の数ではなくなりました。r でやり直すか、c で学習率を下げてください。")
    }

    // step sizes
    func granularity(_ g: Timeline.Granularity) -> String {
        switch g {
        case .event: return t("one number", "1つの計算")
        case .neuron: return t("one neuron", "1ニューロン")
        case .layer: return t("one layer", "1層")
        case .phase: return t("one phase", "1フェーズ")
        case .sample: return t("one sample", "1サンプル")
        case .update: return t("one update", "1回の更新")
        case .epoch: return t("one epoch", "1エポック")
        }
    }
    var stepSize: String { t("step", "刻み") }

    // key line
    /// In order of importance: at 80 columns the last ones may not fit.
    var keyHints: [(String, String)] {
        [("→", t("next", "次へ")), ("←", t("back", "戻る")), ("?", t("help", "ヘルプ")), ("q", t("quit", "終了")),
         ("[ ]", t("step size", "刻み")), ("Tab", t("phase", "フェーズ")), ("a", t("play", "再生")),
         ("e", t("epochs", "エポック")), ("G", t("go to", "移動")), ("c", t("change", "設定")), ("v", t("layers", "層")),
         ("m", t("mark", "印"))]
    }

    // help overlay
    var helpTitle: String { t("keys", "キー操作") }
    var helpRows: [(String, String)] {
        [("→  n  Space  PageDown", t("next step (a presentation clicker sends PageDown)", "次のステップ（クリッカーは PageDown）")),
         ("←  p  Backspace  PageUp", t("previous step: the same numbers as before", "前のステップ（同じ数値に戻ります）")),
         ("[  ]", t("step size: number, neuron, layer, phase … epoch", "進む刻み（計算・ニューロン・層 … エポック）")),
         ("Tab  Shift-Tab", t("next phase / start of this or the previous phase", "次のフェーズ / フェーズの先頭へ")),
         ("Home  End", t("the start screen / the newest step of the run", "開始画面 / 学習した最新のステップ")),
         ("a  +  -", t("autoplay on/off, faster, slower", "自動再生の開始・停止、速く、遅く")),
         ("e", t("train many epochs at once, then keep stepping", "まとめて何エポックも学習し、そこから続ける")),
         ("G", t("go to epoch N or update N (e N, u N)", "エポック N・更新 N へ移動（e N、u N）")),
         ("m  M", t("mark this step (weights: change since) / back", "印を付ける（重みは印からの変化）/ 印へ戻る")),
         ("r", t("restart from the starting weights", "初期の重みからやり直す")),
         ("c", t("change rate, optimizer, activation, hidden layer sizes, seed", "学習率・最適化手法・活性化関数・隠れ層のニューロン数・シード")),
         ("g", t("loss axis: linear or logarithmic", "損失の軸を線形 / 対数に切り替える")),
         ("v", t("neuron view / layer view (matrices of the batch)", "ニューロンごと / 層ごと（バッチの行列）の表示")),
         ("i  j  k  l", t("layer view: select the cell up, left, down, right", "層ごとの表示で上・左・下・右の要素を選ぶ")),
         ("t", t("theme: default · light · mono · projector", "テーマ（標準・ライト・モノクロ・プロジェクター）")),
         ("?  Esc", t("this help / close", "このヘルプ / 閉じる")),
         ("q  Ctrl-C", t("quit", "終了"))]
    }
    var closeHint: String { t("press any key to close", "何かキーを押すと閉じます") }

    // prompts and messages
    var skipTitle: String { t("train many epochs", "まとめて学習") }
    func lossAxis(logarithmic: Bool) -> String {
        logarithmic ? t("loss axis: logarithmic (g: linear)", "損失の軸は対数目盛り（g で線形に）")
            : t("loss axis: linear (g: logarithmic)", "損失の軸は線形目盛り（g で対数に）")
    }
    var skipPrompt: String { t("Train how many epochs at once? ", "何エポック学習しますか？ ") }
    var skipHint: String { t("Enter to start, Esc to cancel", "Enter で開始、Esc で取り消し") }
    func skipped(_ n: Int, _ epoch: Int) -> String {
        t("trained \(n) epochs on the fast path; now in epoch \(epoch)", "\(n) エポックを高速に学習しました。いまはエポック \(epoch) です")
    }
    var goToTitle: String { t("go to", "移動") }
    var goToPrompt: String { t("Go to: ", "移動先：") }
    var goToHint: String { t("epoch N or update N (e N, u N) · Enter go · Esc cancel",
                             "epoch N か update N（e N、u N）· Enter 移動 · Esc 取り消し") }
    func goToUnreadable(_ text: String) -> String {
        t("not a place in the run: \"\(text)\" (try epoch 500 or update 12)",
          "「\(text)」は移動先として読めません（epoch 500 や update 12 のように入力します）")
    }
    func outOfRun(_ target: Timeline.Target, epochs: Int, updates: Int) -> String {
        let asked: String
        switch target {
        case .epoch(let n): asked = t("epoch \(n)", "エポック \(n)")
        case .update(let n): asked = t("update \(n)", "更新 \(n)")
        }
        let range = epochs == updates ? t("epochs 1–\(epochs)", "エポック 1〜\(epochs)")
            : t("epochs 1–\(epochs), updates 1–\(updates)", "エポック 1〜\(epochs)、更新 1〜\(updates)")
        return t("\(asked) is not trained yet: \(range) (e trains more)",
                 "\(asked) はまだ学習していません。学習済みは \(range) です（e でさらに学習）")
    }
    var nothingTrained: String {
        t("nothing is trained yet: → steps through the first update, e trains epochs",
          "まだ何も学習していません。→ で最初の更新を1つずつ、e でまとめて学習します")
    }
    var marked: String {
        t("marked: the weights panel now shows each change since here; M comes back",
          "印を付けました。重みの表は印からの変化を示します。M で戻ります")
    }
    var markCleared: String { t("mark removed", "印を外しました") }
    var noMark: String { t("no mark yet: m marks the step on screen", "印はまだありません。m でいまのステップに付けます") }
    var backAtMark: String { t("back at the mark", "印のステップに戻りました") }
    var restarted: String { t("restarted from the starting weights", "初期の重みからやり直しました") }
    var atStart: String { t("this is the start of the run", "ここが学習の始まりです") }
    func theme(_ name: String) -> String { t("theme: \(name)", "テーマ：\(name)") }
    func speed(_ seconds: Double) -> String {
        let s = seconds < 1 ? String(Int((seconds * 1000).rounded())) + " ms" : String(Int(seconds)) + " s"
        return t("autoplay: one step every \(s)", "自動再生は \(s) ごとに 1 ステップ")
    }

    // settings form
    var settingsTitle: String { t("change the training", "学習の設定を変える") }
    var learningRate: String { t("learning rate η", "学習率 η") }
    var optimizer: String { t("optimizer", "最適化手法") }
    var activation: String { t("hidden activation", "隠れ層の活性化関数") }
    var hiddenLayers: String { t("hidden layer sizes", "隠れ層のニューロン数") }
    /// The header's title once `c` has changed the network's shape.
    func changedTitle(_ shape: String) -> String { t("\(shape) network (changed with c)", "\(shape) のネットワーク（c で変更）") }
    /// What `c` did to a network whose shape or seed changed: training restarts from new weights.
    func newWeights(_ seed: UInt64, fromFile: Bool) -> String {
        fromFile ? t("training restarts from random weights (seed \(seed)); the file's weights do not fit",
                     "シード \(seed) の乱数の重みで最初から学習します（ファイルの重みは形が合いません）")
            : t("training restarts from random weights (seed \(seed))", "シード \(seed) の乱数の重みで最初から学習します")
    }
    var seed: String { t("seed", "シード") }
    var settingsHint: String {
        t("↑↓ choose · ←→ change · type a value · Enter apply · Esc cancel",
          "↑↓ 選択 · ←→ 変更 · 数値を入力 · Enter 適用 · Esc 取り消し")
    }
    var appliesNext: String { t("applies from the next update", "次の更新から適用されます") }
    func applied(_ what: String) -> String { t("changed: \(what)", "変更しました：\(what)") }
    func invalid(_ what: String) -> String { t("not a valid value: \(what)", "正しい値ではありません：\(what)") }

    // too small
    func enlarge(_ w: Int, _ h: Int) -> String {
        t("enlarge the window to at least 80x24 (now \(w)x\(h))", "ウィンドウを 80x24 以上に広げてください（現在 \(w)x\(h)）")
    }
}
