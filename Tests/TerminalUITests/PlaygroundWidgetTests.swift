import TerminalUI
import XCTest

/// DigitImage, ConfusionMatrix, GradientBars and WeightHistogram (the playground's other views).
final class PlaygroundWidgetTests: XCTestCase {
    /// An 8x8 "3" in the digits' 0…16 scale.
    let three: [Double] = [
        0, 2, 12, 16, 15, 6, 0, 0,
        0, 9, 11, 4, 10, 15, 1, 0,
        0, 0, 0, 0, 9, 14, 0, 0,
        0, 0, 5, 13, 16, 6, 0, 0,
        0, 0, 2, 7, 12, 14, 2, 0,
        0, 0, 0, 0, 4, 16, 6, 0,
        0, 6, 8, 4, 11, 15, 3, 0,
        0, 3, 13, 16, 14, 5, 0, 0,
    ]

    func draw(_ widget: some Widget, width: Int, height: Int) -> Buffer {
        var b = Buffer(width: width, height: height)
        widget.render(into: &b, area: b.area)
        return b
    }

    // MARK: DigitImage

    func testDigitLargeUnicodeAndASCII() {
        let caption = DigitImage.caption(trueWord: "true", trueLabel: "3", predictedWord: "predicted",
                                         predictedLabel: "8")
        XCTAssertEqual(caption, "true 3 · predicted 8")
        let image = DigitImage(pixels: three, caption: caption, correct: false)
        let b = draw(image, width: 22, height: 9)
        assertSnapshot(b, named: "digit-unicode-large")
        XCTAssertEqual(b.line(8), "true 3 · predicted 8")
        XCTAssertEqual(b[0, 8].style, Style(.negative))
        let ascii = DigitImage(pixels: three, caption: DigitImage.caption(trueWord: "true", trueLabel: "3",
                                                                          predictedWord: "predicted",
                                                                          predictedLabel: "3", unicode: false),
                               correct: true, unicode: false)
        let a = draw(ascii, width: 22, height: 9)
        assertSnapshot(a, named: "digit-ascii-large")
        XCTAssertEqual(a[0, 8].style, Style(.positive))
        XCTAssertFalse(a.description.unicodeScalars.contains { !$0.isASCII })
    }

    func testDigitSmallUsesHalfBlocks() {
        let image = DigitImage(pixels: three, caption: "3 → 8")
        XCTAssertTrue(image.smallSize == (8, 5))
        XCTAssertTrue(image.largeSize == (16, 9))
        let b = draw(image, width: 12, height: 5)
        assertSnapshot(b, named: "digit-unicode-small")
        var ascii = image
        ascii.unicode = false
        ascii.caption = "3 -> 8"
        assertSnapshot(draw(ascii, width: 12, height: 5), named: "digit-ascii-small")
        // no caption, a missing pixel array, a tiny area: no crash
        _ = draw(DigitImage(pixels: [], caption: "x"), width: 3, height: 1)
        _ = draw(DigitImage(pixels: three, width: 8, height: 8, maxValue: 0), width: 20, height: 10)
    }

    func testDigit28x28Scales() {
        // a 28x28 ring at 0…255 in the small form (28 columns, 14 rows)
        var px = [Double](repeating: 0, count: 28 * 28)
        for y in 0..<28 { for x in 0..<28 {
            let r = (Double(x) - 13.5) * (Double(x) - 13.5) + (Double(y) - 13.5) * (Double(y) - 13.5)
            if r > 60 && r < 130 { px[y * 28 + x] = 255 }
        } }
        let b = draw(DigitImage(pixels: px, width: 28, height: 28, maxValue: 255, caption: "0"), width: 30, height: 15)
        XCTAssertEqual(b.line(14), "0")
        XCTAssertTrue(b.line(0).isEmpty || b.line(0).allSatisfy { $0 == " " || $0 == "▄" || $0 == "█" || $0 == "▀" })
        XCTAssertTrue(b.line(7).contains("█"))
    }

    // MARK: ConfusionMatrix

    let truth = [0, 0, 0, 1, 1, 2, 2, 2, 2, 9, 9, 3, 3, 8, 8, 8, 7, 6, 5, 4, 4]
    let predicted = [0, 0, 8, 1, 1, 2, 2, 7, 2, 9, 4, 3, 5, 8, 8, 3, 7, 6, 5, 4, 9]

    func testConfusionCounts() {
        let m = ConfusionMatrix.counts(truth: truth, predicted: predicted, classes: 10)
        XCTAssertEqual(m[0], [2, 0, 0, 0, 0, 0, 0, 0, 1, 0])
        XCTAssertEqual(m[2][2], 3)
        XCTAssertEqual(m.flatMap { $0 }.reduce(0, +), truth.count)
        XCTAssertEqual(ConfusionMatrix.counts(truth: [0, 5], predicted: [0, 1], classes: 2), [[1, 0], [0, 0]])
    }

    func testConfusionSnapshots() {
        var m = ConfusionMatrix.counts(truth: truth, predicted: predicted, classes: 10)
        m[1][1] = 112  // a wide count widens every column
        let widget = ConfusionMatrix(counts: m)
        XCTAssertTrue(widget.size == (47, 12))
        let b = draw(widget, width: 48, height: 12)
        assertSnapshot(b, named: "confusion-unicode")
        XCTAssertEqual(b[10, 2].symbol, "2")  // true 0, predicted 0
        XCTAssertEqual(b[10, 2].style, Style(.positive, attributes: [.bold]))
        let a = draw(ConfusionMatrix(counts: m, unicode: false), width: 48, height: 12)
        assertSnapshot(a, named: "confusion-ascii")
        XCTAssertFalse(a.description.unicodeScalars.contains { !$0.isASCII })
        // narrow and short areas clip, never crash
        _ = draw(widget, width: 10, height: 3)
        _ = draw(ConfusionMatrix(counts: [[1, 2], [3]]), width: 20, height: 5)
    }

    // MARK: GradientBars

    let gradients: [(String, Double)] = [("layer 1", 3.2e-7), ("layer 2", 0.0123), ("layer 3", 2.5), ("layer 4", 512)]

    func testGradientBarsSnapshots() {
        let b = draw(GradientBars(gradients), width: 50, height: 5)
        assertSnapshot(b, named: "gradients-unicode")
        XCTAssertTrue(b.line(0).hasSuffix("3.2e-7 vanishing"))
        XCTAssertTrue(b.line(3).hasSuffix("512 exploding"))
        XCTAssertEqual(b[8, 0].style, Style(.warning))
        XCTAssertEqual(b[8, 1].style, Style(.accent))
        assertSnapshot(draw(GradientBars(gradients, unicode: false), width: 50, height: 5), named: "gradients-ascii")
    }

    func testGradientBarLengthsAreLogarithmic() {
        let bars = GradientBars([("a", 1e-8), ("b", 1e-3), ("c", 1e2), ("d", 0), ("e", .nan), ("f", .infinity)])
        XCTAssertEqual(bars.fraction(1e-8), 0)
        XCTAssertEqual(bars.fraction(1e-3), 0.5, accuracy: 1e-12)
        XCTAssertEqual(bars.fraction(1e2), 1)
        XCTAssertEqual(bars.fraction(1e9), 1)
        XCTAssertEqual(bars.health(of: 0), .vanishing)
        XCTAssertEqual(bars.health(of: 9.9e-6), .vanishing)
        XCTAssertEqual(bars.health(of: 1e-5), .normal)
        XCTAssertEqual(bars.health(of: 100), .normal)
        XCTAssertEqual(bars.health(of: 100.1), .exploding)
        XCTAssertEqual(bars.health(of: .nan), .exploding)
        // 20 cells of track: 1e-3 fills exactly 10
        let b = draw(GradientBars(bars: [.init(label: "", value: 1e-3)], showScale: false), width: 26, height: 1)
        XCTAssertEqual(b.line(0), "██████████" + String(repeating: " ", count: 10) + " 0.001")
        let odd = draw(bars, width: 40, height: 8)
        assertSnapshot(odd, named: "gradients-edge-values")
        _ = draw(bars, width: 6, height: 2)
        _ = draw(GradientBars(bars: []), width: 10, height: 2)
    }

    // MARK: WeightHistogram

    /// Bell-shaped weights: sums of three deterministic uniforms.
    func weights(_ n: Int, scale: Double, seed: UInt64) -> [Double] {
        var s = seed
        func u() -> Double {
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return Double(s >> 11) / Double(1 << 53)
        }
        return (0..<n).map { _ in (u() + u() + u() - 1.5) * scale }
    }

    func testWeightHistogramSnapshots() {
        let layers = [("layer 1", weights(400, scale: 0.6, seed: 1)), ("layer 2", weights(200, scale: 0.25, seed: 2))]
        let b = draw(WeightHistogram(layers), width: 40, height: 7)
        assertSnapshot(b, named: "histogram-unicode")
        let one = draw(WeightHistogram(layers, bins: 16), width: 40, height: 3)
        assertSnapshot(one, named: "histogram-unicode-one-row")
        var ascii = WeightHistogram(layers, bins: 16, unicode: false)
        ascii.sharedRange = false
        assertSnapshot(draw(ascii, width: 40, height: 4), named: "histogram-ascii-own-range")
    }

    func testHistogramCounts() {
        XCTAssertEqual(WeightHistogram.histogram([-1, -0.5, 0, 0.49, 1, .nan], bins: 4, extent: 1), [1, 1, 2, 1])
        XCTAssertEqual(WeightHistogram.histogram([5], bins: 2, extent: 1), [0, 1])
        _ = draw(WeightHistogram([("empty", [])]), width: 20, height: 2)
        _ = draw(WeightHistogram([("a", [0, 0])]), width: 3, height: 1)
    }
}
