import TutorFiles

/// The interface words of the lesson screen and the lesson menu, in English and Japanese.
/// (Words about quizzes and scores that the player also uses come from `LessonStrings`.)
public struct LessonText: Sendable {
    public let language: LessonLanguage

    public init(_ language: LessonLanguage) { self.language = language }

    private func t(_ en: String, _ ja: String) -> String { language == .ja ? ja : en }

    // lesson screen
    var narration: String { t("lesson", "解説") }
    var quiz: String { t("quiz", "クイズ") }
    var dataTitle: String { t("training data", "学習データ") }
    var dataHeader: (String, String) { (t("inputs", "入力"), t("targets", "目標")) }
    var gradientsTitle: String { t("gradient size per layer (L2 norm, log scale)", "層ごとの勾配の大きさ（L2 ノルム・対数）") }
    var compareTitle: String { t("loss of each run (log scale)", "各実行の損失（対数目盛り）") }
    var compareGradientsTitle: String { t("first gradient per layer, each run", "各実行の最初の勾配（層ごと）") }
    var noStepYet: String { t("no step computed yet", "まだ計算していません") }
    var vanishing: String { t("vanishing", "消失") }
    var exploding: String { t("exploding", "爆発") }
    func layer(_ k: Int) -> String { t("layer \(k)", "層 \(k)") }
    func digitsTitle(test: Bool, mistakes: Bool) -> String {
        switch (test, mistakes) {
        case (true, false): return t("test images", "テスト画像")
        case (false, false): return t("training images", "学習画像")
        case (true, true): return t("misclassified test images", "誤分類したテスト画像")
        case (false, true): return t("misclassified training images", "誤分類した学習画像")
        }
    }
    var noMistakes: String { t("no image is misclassified", "誤分類した画像はありません") }
    func confusionTitle(test: Bool) -> String {
        test ? t("confusion matrix · test images (rows: true digit, columns: guess)", "混同行列・テスト画像（行は正解、列は予測）")
            : t("confusion matrix · training images (rows: true digit, columns: guess)", "混同行列・学習画像（行は正解、列は予測）")
    }
    var trueWord: String { t("true", "正解") }
    var predictedWord: String { t("guess", "予測") }
    var enterAnswers: String { t("Enter answers", "Enter で回答") }
    var startTyping: String { t("(type it)", "（入力）") }
    var hintKey: String { t("h hint", "h ヒント") }
    var workedTitle: String { t("The computation:", "計算：") }
    var yourAnswer: String { t("your answer", "あなたの答え") }
    /// Before what the student typed: "your answer: 0.5" / "あなたの答え：0.5".
    var yourAnswerLabel: String { t("your answer: ", "あなたの答え：") }
    var givensHeading: String { t("What the question needs", "問いに使う値") }
    var givensNote: String { t("This step's formula appears once you answer.", "答えると、このステップの式が表示されます。") }
    var networkNumbers: String { t("The network's numbers", "ネットワークの数値") }
    var moreBelow: String { t("j ↓ more", "j ↓ 続き") }
    var moreAbove: String { t("k ↑", "k ↑") }
    var lastScene: String { t("this is the last scene: q returns", "これが最後の場面です。q で戻ります") }
    var firstScene: String { t("this is the first scene", "これが最初の場面です") }
    var playing: String { t("▶ presenting", "▶ 発表中") }
    var paused: String { t("⏸ paused", "⏸ 一時停止") }
    var waitingForAnswer: String { t("waiting for the class's answer", "クラスの回答を待っています") }

    var lessonKeys: [(String, String)] {
        [("→", t("next", "次へ")), ("←", t("back", "戻る")), ("h", t("hint", "ヒント")),
         ("v", t("layers", "層")), ("Enter", t("answer", "回答")), ("?", t("help", "ヘルプ")), ("q", t("quit", "終了"))]
    }
    var editingKeys: [(String, String)] {
        [("Enter", t("answer", "回答")), ("Esc", t("leave field", "入力欄を離れる")), ("→", t("next", "次へ")),
         ("←", t("back", "戻る"))]
    }
    var helpTitle: String { t("keys", "キー操作") }
    var helpRows: [(String, String)] {
        [("→  Space  PageDown", t("next scene (a presentation clicker sends PageDown)", "次の場面（クリッカーは PageDown）")),
         ("←  PageUp  Backspace", t("previous scene, with the same numbers", "前の場面（同じ数値のまま）")),
         ("Enter", t("answer the quiz (type first: a number, + or −, or a letter)",
                     "クイズに答える（先に数値・+ か −・記号を入力）")),
         ("h", t("a hint for the quiz", "クイズのヒント")),
         ("j  k", t("scroll the lesson text, then the quiz, when they do not fit", "解説とクイズが収まらないときのスクロール（解説が先）")),
         ("v", t("layer view: the step as one matrix operation of the batch (again: back to the neurons)",
                 "層ごとの表示（この計算をバッチ全体の行列演算で示す。もう一度押すとニューロンごとの表示）")),
         ("Esc", t("leave the answer field (then q quits)", "入力欄を離れる（その後 q で終了）")),
         ("a", t("presenter: pause or resume autoplay", "発表モードで自動再生を一時停止・再開する")),
         ("?", t("this help", "このヘルプ")),
         ("q  Ctrl-C", t("quit; progress is saved", "終了（進捗は保存されます）"))]
    }
    var closeHint: String { t("press any key to close", "何かキーを押すと閉じます") }

    // the menu
    var menuTitle: String { t("Lessons", "レッスン一覧") }
    var menuHeader: [String] { ["#", t("lesson", "レッスン"), t("time", "時間"), t("progress", "進捗"), t("score", "得点")] }
    func minutes(_ m: Int?) -> String { m.map { t("\($0) min", "\($0)分") } ?? "" }
    var notStarted: String { t("not started", "未着手") }
    func inProgress(_ scene: Int, _ count: Int) -> String { t("scene \(scene)/\(count)", "場面 \(scene)/\(count)") }
    var done: String { t("done", "完了") }
    func score(_ correct: Int, _ total: Int) -> String { total == 0 ? "–" : "\(correct)/\(total)" }
    var menuKeys: [(String, String)] {
        [("↑↓", t("choose", "選択")), ("Enter", t("open", "開く")), ("q", t("quit", "終了"))]
    }
    var noLessons: String { t("no lessons found", "レッスンが見つかりません") }
}
