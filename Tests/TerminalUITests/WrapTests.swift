import TerminalUI
import XCTest

final class WrapTests: XCTestCase {
    func testEnglishWrapsAtSpaces() {
        XCTAssertEqual(wrap("The gradient is positive, so w5 will go down.", width: 16),
                       ["The gradient is", "positive, so w5", "will go down."])
    }

    func testShortTextAndEmptyText() {
        XCTAssertEqual(wrap("short", width: 20), ["short"])
        XCTAssertEqual(wrap("", width: 20), [""])
    }

    func testNewlinesStartParagraphs() {
        XCTAssertEqual(wrap("one two\n\nthree", width: 4), ["one", "two", "", "thre", "e"])
    }

    func testLongWordIsCut() {
        XCTAssertEqual(wrap("backpropagation", width: 6), ["backpr", "opagat", "ion"])
    }

    func testIndentedLongWordDoesNotLeaveAnEmptyLine() {
        XCTAssertEqual(wrap("  backprop", width: 6), ["  back", "prop"])
    }

    func testSpacesAtBreaksAreDropped() {
        XCTAssertEqual(wrap("a    b", width: 3), ["a", "b"])
        XCTAssertEqual(wrap("  indented text", width: 10), ["  indented", "text"])
    }

    func testJapaneseWrapsBetweenCharacters() {
        XCTAssertEqual(wrap("ニューラルネットワーク", width: 8), ["ニューラ", "ルネット", "ワーク"])
        for line in wrap("出力は目標より大きい", width: 6) { XCTAssertLessThanOrEqual(displayWidth(of: line), 6) }
    }

    func testClosingPunctuationNeverStartsALine() {
        let text = "勾配は正なので、重みは小さくなります。「連鎖律」を使います。"
        for width in 4...20 {
            let lines = wrap(text, width: width)
            XCTAssertEqual(lines.joined(), text, "width \(width)")
            for line in lines {
                XCTAssertLessThanOrEqual(displayWidth(of: line), width, "width \(width): \(line)")
                if let first = line.first {
                    XCTAssertFalse("、。」）ー".contains(first), "width \(width): line starts with \(first): \(lines)")
                }
                if let last = line.last, line != lines.last {
                    XCTAssertFalse("「（".contains(last), "width \(width): line ends with \(last): \(lines)")
                }
            }
        }
    }

    func testPunctuationMovesTheCharacterBeforeItDown() {
        // "なので" fills the line exactly; "、" may not start the next one, so "で、" moves together.
        XCTAssertEqual(wrap("なので、重み", width: 6), ["なの", "で、重", "み"])
    }

    /// A number written against Japanese is part of the word: 小数第2位 never loses its 2, and
    /// 1000回 never breaks before 回, at any width the text can break at all.
    func testNumbersWrittenAgainstJapaneseStayInTheWord() {
        let text = "答えは小数第2位まで入力します。1000回後には損失が4分の1になります。"
        for width in 12...40 {
            let lines = wrap(text, width: width)
            XCTAssertEqual(lines.joined(), text, "width \(width)")
            for (a, b) in zip(lines, lines.dropFirst()) {
                let seam = String(a.suffix(1)) + String(b.prefix(1))
                XCTAssertFalse(["数第", "第2", "2位", "0回", "4分", "の1", "1に"].contains(seam),
                               "width \(width): a line breaks inside \(seam): \(lines)")
            }
        }
        XCTAssertEqual(wrap("答えは小数第2位まで", width: 14), ["答えは", "小数第2位まで"])
        // with nothing else to break at, a long run still breaks rather than being cut
        XCTAssertEqual(wrap("確率的勾配降下法", width: 8).joined(), "確率的勾配降下法")
    }

    func testMixedJapaneseAndEnglish() {
        let lines = wrap("出力 ŷ₁ は目標（0.01）より大きい。", width: 12)
        XCTAssertEqual(lines.joined(separator: " ").filter { $0 != " " }, "出力ŷ₁は目標（0.01）より大きい。")
        for line in lines {
            XCTAssertLessThanOrEqual(displayWidth(of: line), 12)
            XCTAssertFalse(line.hasPrefix("）") || line.hasPrefix("。"))
        }
    }
}

/// Formulas inside text: no break beside an operator or between a symbol and its value; a break
/// only before a later top-level "=", aligned under the first; a piece too long shortened with "…".
final class FormulaWrapTests: XCTestCase {
    func testASymbolStaysWithItsValue() {
        XCTAssertEqual(wrap("Each input has a weight: w₁ = 0.6 and w₂ = −0.4.", width: 28),
                       ["Each input has a weight:", "w₁ = 0.6 and w₂ = −0.4."])
        XCTAssertEqual(wrap("The size of the step is the learning rate η = 0.5:", width: 44),
                       ["The size of the step is the learning rate", "η = 0.5:"])
    }

    func testATermIsNeverSplit() {
        XCTAssertEqual(wrap("It is ∂E/∂w₁ = (ŷ − y) · σ′(z) · x₁ here", width: 34),
                       ["It is", "∂E/∂w₁ = (ŷ − y) · σ′(z) · x₁ here"])
    }

    func testALongFormulaBreaksBeforeALaterEqualsSignAligned() {
        XCTAssertEqual(wrap("∂E/∂w₁ = (ŷ − y) · σ′(z) · x₁ = (0.6225 − 1.0) × 0.2350 × 1.0 = −0.0887", width: 40),
                       ["∂E/∂w₁ = (ŷ − y) · σ′(z) · x₁",
                        "       = (0.6225 − 1.0) × 0.2350 × 1.0",
                        "       = −0.0887"])
        // prose after the formula continues on its last line
        XCTAssertEqual(wrap("σ(0.50) = 1 / (1 + e^(−0.50)) = 0.6225: above 0.5 because z > 0.", width: 32),
                       ["σ(0.50) = 1 / (1 + e^(−0.50))", "        = 0.6225: above 0.5", "because z > 0."])
    }

    /// A sum too long for its line continues before a top-level "+" under its "=" (lesson 1's
    /// "0.6 × 1.0 + … + 0.1" hid the very term its hint was about); only a term that cannot fit
    /// on a line of its own is shortened with "…".
    func testAPieceTooLongContinuesBeforeItsPlusSigns() {
        XCTAssertEqual(wrap("z = 0.6000 + 0.2000 + 0.3000 + 0.4000 + 0.1000 = 1.6000", width: 30),
                       ["z = 0.6000 + 0.2000 + 0.3000", "  + 0.4000 + 0.1000", "  = 1.6000"])
        XCTAssertEqual(wrap("It is ∂E/∂w₅ = ∂E/∂ŷ₁ · ∂ŷ₁/∂z(ŷ₁) · ∂z(ŷ₁)/∂w₅ here.", width: 30),
                       ["It is", "∂E/∂w₅ = ∂E/∂ŷ₁ · ∂ŷ₁/∂z(ŷ₁)", "       · ∂z(ŷ₁)/∂w₅ here."])
        // inside the brackets when the top level has no joiner: softmax's denominator stays whole
        XCTAssertEqual(wrap("ŷₖ = e^(z(ŷₖ)) / (e^(z(ŷ₀)) + e^(z(ŷ₁)) + e^(z(ŷ₉)))", width: 36),
                       ["ŷₖ = e^(z(ŷₖ)) / (e^(z(ŷ₀))", "   + e^(z(ŷ₁)) + e^(z(ŷ₉)))"])
        // a sum in brackets breaks before its +, never inside a product (lesson 04 S7 at 80x24)
        XCTAssertEqual(wrap("δ(h₁) = (0.40 × 0.1385 + 0.50 × (−0.0381)) × 0.2413", width: 40),
                       ["δ(h₁) = (0.40 × 0.1385", "      + 0.50 × (−0.0381)) × 0.2413"])
        // after such a break the next "=" is again under the first one (lesson 01 S5's explain)
        XCTAssertEqual(wrap("∂E/∂w₁ = (ŷ − y) · σ′(z(ŷ)) · x₁ = (0.6225 − 1.0) × 0.2350 × 1.0 = −0.0887: the first", width: 32),
                       ["∂E/∂w₁ = (ŷ − y) · σ′(z(ŷ)) · x₁", "       = (0.6225 − 1.0) × 0.2350", "         × 1.0",
                        "       = −0.0887: the first"])
    }

    /// Program code is never elided (a student copies it): a line of it too long for the panel
    /// breaks after a "." or "(" (lesson 6's "hidden_error = …" had lost its whole right side,
    /// then everything after "output_delta.d").
    func testCodeBreaksAfterDotsAndBracketsNeverElided() {
        XCTAssertEqual(wrap("hidden_error = output_delta.dot(weights_hidden_output.T) sends δ(ŷ) back", width: 30),
                       ["hidden_error = output_delta.", "    dot(weights_hidden_output.", "    T) sends δ(ŷ) back"])
        XCTAssertEqual(wrap("hidden_error = output_delta.dot(weights_hidden_output.T) sends δ(ŷ) back", width: 40),
                       ["hidden_error = output_delta.dot(", "    weights_hidden_output.T) sends δ(ŷ)", "back"])
        for width in [24, 30, 36, 40, 48] {
            let lines = wrap("hidden_error = output_delta.dot(weights_hidden_output.T) は、δ(ŷ) を送り返します。", width: width)
            XCTAssertFalse(lines.joined().contains("…"), "\(width): \(lines)")
            XCTAssertTrue(lines.map { $0.trimmingCharacters(in: " ") }.joined().hasPrefix("hidden_error=output_delta.dot(weights_hidden_output.T)")
                          || squeeze(lines.joined()).hasPrefix("hidden_error=output_delta.dot(weights_hidden_output.T)"), "\(width): \(lines)")
            XCTAssertTrue(lines.allSatisfy { displayWidth(of: $0) <= width }, "\(width): \(lines)")
        }
    }

    /// A list of formulas breaks after its commas, never inside "name = value" (lesson 5).
    func testAListOfFormulasBreaksAfterItsCommas() {
        XCTAssertEqual(wrap("∂E/∂w₁ = −0.0100, ∂E/∂w₂ = −1.0000, ∂E/∂w₃ = −16.0000.", width: 40),
                       ["∂E/∂w₁ = −0.0100, ∂E/∂w₂ = −1.0000,", "∂E/∂w₃ = −16.0000."])
        XCTAssertEqual(wrap("w₁ = 0.0050, w₂ = 0.5000, w₃ = 8.0000.", width: 30),
                       ["w₁ = 0.0050, w₂ = 0.5000,", "w₃ = 8.0000."])
    }

    /// A function's argument stays whole even when it is written in words (lesson 10).
    func testAFunctionsArgumentIsNeverSplit() {
        XCTAssertEqual(wrap("E = −Σₖ yₖ · log ŷₖ = −log(ŷ of the true digit)", width: 40),
                       ["E = −Σₖ yₖ · log ŷₖ", "  = −log(ŷ of the true digit)"])
        XCTAssertEqual(wrap("E = −Σₖ yₖ · log ŷₖ = −log（正しい数字の ŷ）", width: 36),
                       ["E = −Σₖ yₖ · log ŷₖ", "  = −log（正しい数字の ŷ）"])
        // a word's bracket is prose: it still breaks
        XCTAssertEqual(wrap("We use ReLU (the rectified linear unit) here", width: 20),
                       ["We use ReLU (the", "rectified linear", "unit) here"])
    }

    func testAnAlignedFormulaFromALessonFileKeepsItsLayout() {
        let text = "∂E/∂w₁ = ∂E/∂ŷ · ∂ŷ/∂z · ∂z/∂w₁ = (ŷ − y) · σ′(z) · x₁\n       = −0.3775 × 0.2350 × 1.0 = −0.0887"
        XCTAssertEqual(wrap(text, width: 60), text.components(separatedBy: "\n"))
        XCTAssertEqual(wrap(text, width: 36),
                       ["∂E/∂w₁ = ∂E/∂ŷ · ∂ŷ/∂z · ∂z/∂w₁",
                        "       = (ŷ − y) · σ′(z) · x₁",
                        "       = −0.3775 × 0.2350 × 1.0",
                        "       = −0.0887"])
    }

    func testJapaneseAroundAFormula() {
        XCTAssertEqual(wrap("重みがあり、w₁ = 0.6、w₂ = −0.4 です。", width: 16),
                       ["重みがあり、", "w₁ = 0.6、", "w₂ = −0.4 です。"])
    }
}
