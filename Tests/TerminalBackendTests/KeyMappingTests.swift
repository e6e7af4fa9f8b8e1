import CNcursesw
import TerminalBackend
import TerminalUI
import XCTest

final class KeyMappingTests: XCTestCase {
    func key(_ code: Int32) -> Key? { KeyMapping.key(code: UInt32(code), isKeyCode: true) }
    func char(_ code: UInt32) -> Key? { KeyMapping.key(code: code, isKeyCode: false) }

    func testArrowsAndNavigation() {
        XCTAssertEqual(key(KEY_UP), .up)
        XCTAssertEqual(key(KEY_DOWN), .down)
        XCTAssertEqual(key(KEY_LEFT), .left)
        XCTAssertEqual(key(KEY_RIGHT), .right)
        XCTAssertEqual(key(KEY_PPAGE), .pageUp)
        XCTAssertEqual(key(KEY_NPAGE), .pageDown)
        XCTAssertEqual(key(KEY_HOME), .home)
        XCTAssertEqual(key(KEY_END), .end)
        XCTAssertEqual(key(KEY_DC), .delete)
        XCTAssertEqual(key(KEY_IC), .insert)
    }

    func testNcursesValuesAreTheDocumentedOnes() {
        // The octal values from curses.h, so a wrong import would show up here.
        XCTAssertEqual(key(0o403), .up)
        XCTAssertEqual(key(0o402), .down)
        XCTAssertEqual(key(0o404), .left)
        XCTAssertEqual(key(0o405), .right)
        XCTAssertEqual(key(0o632), .resize)
        XCTAssertEqual(key(0o541), .backTab)
    }

    func testSpecialKeyCodes() {
        XCTAssertEqual(key(KEY_RESIZE), .resize)
        XCTAssertEqual(key(KEY_BTAB), .backTab)
        XCTAssertEqual(key(KEY_ENTER), .enter)
        XCTAssertEqual(key(KEY_BACKSPACE), .backspace)
        XCTAssertNil(key(KEY_MOUSE))
    }

    func testFunctionKeys() {
        XCTAssertEqual(key(KEY_F0 + 1), .function(1))
        XCTAssertEqual(key(KEY_F0 + 5), .function(5))
        XCTAssertEqual(key(KEY_F0 + 12), .function(12))
        XCTAssertNil(key(KEY_F0))
    }

    func testControlCharacters() {
        XCTAssertEqual(char(3), .ctrlC)
        XCTAssertEqual(char(9), .tab)
        XCTAssertEqual(char(10), .enter)
        XCTAssertEqual(char(13), .enter)
        XCTAssertEqual(char(127), .backspace)
        XCTAssertEqual(char(8), .backspace)
        XCTAssertEqual(char(27), .escape)
        XCTAssertNil(char(1))
    }

    func testPrintableCharactersIncludingNonASCII() {
        XCTAssertEqual(char(UInt32(UInt8(ascii: "q"))), .character("q"))
        XCTAssertEqual(char(UInt32(UInt8(ascii: " "))), .character(" "))
        XCTAssertEqual(char(0xE9), .character("é"))
        XCTAssertEqual(char(0x3042), .character("あ"))
        XCTAssertNil(char(0xD800))  // a lone surrogate is not a character
    }

    func testSameNumberMeansDifferentThingsForKeysAndCharacters() {
        // 0o403 (259) is KEY_UP as a key code but the character U+0103 (ă) as a character.
        XCTAssertEqual(KeyMapping.key(code: 0o403, isKeyCode: true), .up)
        XCTAssertEqual(KeyMapping.key(code: 0o403, isKeyCode: false), .character("ă"))
    }
}
