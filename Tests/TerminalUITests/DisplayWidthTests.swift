import TerminalUI
import XCTest

final class DisplayWidthTests: XCTestCase {
    func testASCII() {
        XCTAssertEqual(displayWidth(of: "hello, world"), 12)
        XCTAssertEqual(displayWidth(of: ""), 0)
        XCTAssertEqual(displayWidth(of: "w5 = 0.40"), 9)
    }

    func testKanaAndKanji() {
        XCTAssertEqual(displayWidth(of: "ひらがな"), 8)
        XCTAssertEqual(displayWidth(of: "カタカナ"), 8)
        XCTAssertEqual(displayWidth(of: "連鎖律"), 6)
        XCTAssertEqual(displayWidth(of: "勾配w"), 5)
    }

    func testFullWidthPunctuationAndForms() {
        XCTAssertEqual(displayWidth(of: "、。「」（）"), 12)
        XCTAssertEqual(displayWidth(of: "ＡＢＣ１２３"), 12)
        XCTAssertEqual(displayWidth(of: "\u{3000}"), 2)  // ideographic space
        XCTAssertEqual(displayWidth(of: "ｱｲｳ"), 3)  // half-width katakana stay narrow
    }

    func testCombiningMarksTakeNoColumn() {
        XCTAssertEqual(displayWidth(of: "e\u{0301}"), 1)  // e + combining acute
        XCTAssertEqual(displayWidth(of: "y\u{0302}\u{2081}"), 2)  // ŷ₁ written with a combining hat
        XCTAssertEqual(displayWidth(of: "か\u{3099}"), 2)  // か + combining dakuten
        XCTAssertEqual(displayWidth(of: Unicode.Scalar(0x0301)!), 0)
        XCTAssertEqual(displayWidth(of: "a\u{200B}b"), 2)  // zero-width space
    }

    func testEmoji() {
        XCTAssertEqual(displayWidth(of: "😀"), 2)
        XCTAssertEqual(displayWidth(of: "👍🏽"), 2)  // with a skin-tone modifier
        XCTAssertEqual(displayWidth(of: "👩‍💻"), 2)  // ZWJ sequence
        XCTAssertEqual(displayWidth(of: "🇯🇵"), 2)  // flag
        XCTAssertEqual(displayWidth(of: "❤️"), 2)  // text symbol + VS16
    }

    func testSymbolsUsedByTheTutor() {
        XCTAssertEqual(displayWidth(of: "∂E/∂w₅"), 6)
        XCTAssertEqual(displayWidth(of: "─│┌┐└┘━┃"), 8)
        XCTAssertEqual(displayWidth(of: "⠑⠢⣀"), 3)
        XCTAssertEqual(displayWidth(of: "←→·…×−"), 6)
    }

    func testControlCharactersTakeNoColumn() {
        XCTAssertEqual(displayWidth(of: "\u{1B}"), 0)
        XCTAssertEqual(displayWidth(of: "\u{7F}"), 0)
    }
}
