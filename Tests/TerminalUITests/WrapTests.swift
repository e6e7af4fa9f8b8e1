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

    func testMixedJapaneseAndEnglish() {
        let lines = wrap("出力 ŷ₁ は目標（0.01）より大きい。", width: 12)
        XCTAssertEqual(lines.joined(separator: " ").filter { $0 != " " }, "出力ŷ₁は目標（0.01）より大きい。")
        for line in lines {
            XCTAssertLessThanOrEqual(displayWidth(of: line), 12)
            XCTAssertFalse(line.hasPrefix("）") || line.hasPrefix("。"))
        }
    }
}
