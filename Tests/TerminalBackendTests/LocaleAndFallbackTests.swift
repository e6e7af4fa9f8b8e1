import TerminalBackend
import XCTest

final class LocaleAndFallbackTests: XCTestCase {
    func testUTF8CodesetNames() {
        XCTAssertTrue(LocaleSetup.isUTF8Codeset("UTF-8"))
        XCTAssertTrue(LocaleSetup.isUTF8Codeset("utf8"))
        XCTAssertFalse(LocaleSetup.isUTF8Codeset("ANSI_X3.4-1968"))
        XCTAssertFalse(LocaleSetup.isUTF8Codeset(""))
    }

    func testPreferredLanguageComesFromTheEnvironment() {
        XCTAssertEqual(LocaleSetup.preferredLanguage(environment: ["LANG": "ja_JP.UTF-8"]), "ja")
        XCTAssertEqual(LocaleSetup.preferredLanguage(environment: ["LANG": "ja_JP.UTF-8", "LC_ALL": "C"]), "en")
        XCTAssertEqual(LocaleSetup.preferredLanguage(environment: ["LC_MESSAGES": "ja_JP", "LANG": "en_US.UTF-8"]), "ja")
        XCTAssertEqual(LocaleSetup.preferredLanguage(environment: [:]), "en")
    }

    func testASCIIFallbackKeepsTheLayout() {
        XCTAssertEqual(AsciiFallback.symbol("a"), "a")
        XCTAssertEqual(AsciiFallback.symbol("─"), "-")
        XCTAssertEqual(AsciiFallback.symbol("│"), "|")
        XCTAssertEqual(AsciiFallback.symbol("┌"), "+")
        XCTAssertEqual(AsciiFallback.symbol("╋"), "+")
        XCTAssertEqual(AsciiFallback.symbol("→"), ">")
        XCTAssertEqual(AsciiFallback.symbol("⣀"), "*")
        XCTAssertEqual(AsciiFallback.symbol("漢"), "??")  // two columns stay two columns
        XCTAssertEqual(AsciiFallback.symbol("ŷ"), "?")
    }
}
