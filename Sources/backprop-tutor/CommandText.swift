import BackpropEngine
import EventWords
import Foundation
import TutorFiles

/// Every piece of human-readable text that `train` and `gradcheck` print, in English and Japanese,
/// in one place. (`--json` output is never translated.)
struct CommandText {
    let language: Language

    init(_ language: Language) { self.language = language }

    /// `--lang` when given, else the locale (as `trace` does).
    init(_ option: LanguageOption?) { self.init(option?.language ?? Language.fromEnvironment()) }

    private func t(_ en: String, _ ja: String) -> String { language == .ja ? ja : en }

    // MARK: shared

    /// The file's title: a lesson's own title in Japanese when there is one.
    func title(of file: NetworkFile) -> String {
        if language == .ja, let lesson = file.lesson { return lesson.title.ja }
        return file.title
    }

    /// `NetworkFile.summaryLine` with its words translated.
    func summary(of file: NetworkFile) -> String {
        guard language == .ja else { return file.summaryLine }
        return file.summary { samples, batchSize in
            batchSize.map { "\(samples)件から\($0)件ずつのミニバッチ" } ?? "全\(samples)件で1バッチ"
        }
    }

    // MARK: train

    var trainingLossSeries: String { t("training loss", "訓練損失") }
    var testLossSeries: String { t("test loss", "テスト損失") }
    var epochAxis: String { t("epoch", "エポック") }
    var noData: String { t("no data", "データなし") }

    var firstEpochLoss: String { t("loss in epoch 1:", "1 エポック目の損失：") }
    func finalLoss(epochs: Int) -> String { t("final loss (\(epochs) epochs):", "最終損失（\(epochs) エポック）：") }
    var finalTestLoss: String { t("final test loss:", "テストデータの最終損失：") }
    var trainingAccuracy: String { t("training accuracy:", "訓練データの正解率：") }
    var testAccuracy: String { t("test accuracy:", "テストデータの正解率：") }
    var time: String { t("time:", "所要時間：") }
    func seconds(_ s: Double) -> String { String(format: t("%.3f s", "%.3f 秒"), s) }

    func diverged(epoch: Int, update: Int, learningRate: String) -> String {
        t("Training diverged in epoch \(epoch) (update \(update)): the loss or a weight is no longer "
            + "a finite number. Try a smaller learning rate (now \(learningRate)).",
          "学習が発散しました（エポック \(epoch)、更新 \(update) 回目）。損失か重みが有限の数ではなくなりました。"
            + "学習率をもっと小さくしてみてください（現在 \(learningRate)）。")
    }

    var outputTableHeader: String { t("input → output (target)", "入力 → 出力（正解）") }

    // MARK: gradcheck

    var parameterColumn: String { t("parameter", "パラメータ") }
    var backpropColumn: String { t("backprop", "逆伝播") }
    var numericalColumn: String { t("numerical", "数値微分") }
    var relativeErrorColumn: String { t("rel. error", "相対誤差") }
    var absoluteErrorColumn: String { t("abs. error", "絶対誤差") }
    var disagrees: String { t("  <-- disagrees", "  <-- 不一致") }

    func maxErrors(relative: String, absolute: String, step: Double) -> String {
        t("max relative error \(relative), max absolute error \(absolute) (h = \(step))",
          "最大相対誤差 \(relative)、最大絶対誤差 \(absolute)（h = \(step)）")
    }

    func gradCheckPassed(tolerance: Double, absoluteTolerance: Double) -> String {
        t("ok: every gradient agrees (relative error < \(tolerance), or absolute error < \(absoluteTolerance))",
          "ok: 勾配チェック合格。すべての勾配が一致しました（相対誤差 < \(tolerance)、または絶対誤差 < \(absoluteTolerance)）")
    }

    var gradCheckFailed: String {
        t("FAILED: some gradients disagree", "FAILED: 勾配チェック不合格。一致しない勾配があります")
    }
}
