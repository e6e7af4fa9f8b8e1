import TerminalUI
import XCTest

/// `train`'s progress line, as text.
final class TrainingProgressTests: XCTestCase {
    // 120 of 1000 epochs of 400 samples in 1.5 s: 48,000 samples in 1.5 s = 32,000 a second;
    // 352,000 samples left at that rate = 11 s
    let progress = TrainingProgress(epoch: 120, epochs: 1000, loss: 0.032149, samplesDone: 48_000,
                                    samplesTotal: 400_000, seconds: 1.5)

    func testTheLineInBothLanguages() {
        XCTAssertEqual(progress.line(.en, unicode: true, width: 100), "epoch 120/1000 · loss 0.0321 · 32,000 samples/s · 0:11 left")
        XCTAssertEqual(progress.line(.ja, unicode: true, width: 100), "エポック 120/1000 · 損失 0.0321 · 32,000 サンプル/秒 · 残り 0:11")
        XCTAssertEqual(progress.line(.en, unicode: false, width: 100), "epoch 120/1000 | loss 0.0321 | 32,000 samples/s | 0:11 left")
    }

    func testCutToTheTerminalSoItNeverWraps() {
        XCTAssertEqual(progress.line(.en, unicode: true, width: 20), "epoch 120/1000 · lo…")
        XCTAssertEqual(progress.line(.ja, unicode: true, width: 20), "エポック 120/1000 ·…")  // Japanese characters take two columns
    }

    func testBeforeAnythingIsMeasured() {
        let start = TrainingProgress(epoch: 0, epochs: 10, loss: nil, samplesDone: 0, samplesTotal: 100, seconds: 0)
        XCTAssertNil(start.samplesPerSecond)
        XCTAssertNil(start.secondsLeft)
        XCTAssertEqual(start.line(.en, unicode: true, width: 80), "epoch 0/10")
    }

    func testRatesAndTimesLeft() {
        func left(_ seconds: Double) -> String {
            // 1 sample a second, `seconds` samples to go
            TrainingProgress(epoch: 0, epochs: 1, loss: 2.5e-7, samplesDone: 1, samplesTotal: 1 + Int(seconds), seconds: 1)
                .line(.en, unicode: true, width: 80)
        }
        XCTAssertEqual(left(0), "epoch 0/1 · loss 2.5e-7 · 1 samples/s · 0:00 left")
        XCTAssertEqual(left(75), "epoch 0/1 · loss 2.5e-7 · 1 samples/s · 1:15 left")
        XCTAssertEqual(left(3723), "epoch 0/1 · loss 2.5e-7 · 1 samples/s · 1:02:03 left")
        let fast = TrainingProgress(epoch: 3, epochs: 4, loss: 1, samplesDone: 12_345_678, samplesTotal: 16_000_000, seconds: 1)
        XCTAssertEqual(fast.samplesPerSecond, 12_345_678)
        XCTAssertTrue(fast.line(.en, unicode: true, width: 80).contains("12,345,678 samples/s · 0:01 left"))
    }
}
