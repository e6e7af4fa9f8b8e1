import TerminalUI
import XCTest

final class ThemeTests: XCTestCase {
    func testMonoHasNoColoursOnlyAttributes() {
        XCTAssertFalse(Theme.mono.usesColor)
        for role in ColorRole.allCases { XCTAssertEqual(Theme.mono[role].color, .terminalDefault, "\(role)") }
        XCTAssertTrue(Theme.mono[.highlight].attributes.contains(.reverse))
        XCTAssertNotEqual(Theme.mono[.positive].attributes, Theme.mono[.negative].attributes)
    }

    func testColourThemesHaveEveryRole() {
        for theme in [Theme.default, .light, .projector] {
            XCTAssertTrue(theme.usesColor, theme.name)
            XCTAssertEqual(theme.appearances.count, ColorRole.allCases.count)
            XCTAssertNotEqual(theme[.positive].color, theme[.negative].color, theme.name)
        }
    }

    func testProjectorIsBold() {
        for role in ColorRole.allCases { XCTAssertTrue(Theme.projector[role].attributes.contains(.bold), "\(role)") }
    }

    func testColorBlindSafePairIsBlueAndOrange() {
        let t = Theme.default.colorBlindSafe()
        XCTAssertEqual(t[.positive].color, .indexed(39))
        XCTAssertEqual(t[.negative].color, .indexed(208))
        XCTAssertEqual(t[.accent], Theme.default[.accent])
        XCTAssertEqual(Theme.mono.colorBlindSafe(), .mono)
        XCTAssertEqual(Theme.named("light-cb"), Theme.light.colorBlindSafe())
    }

    func testNamedAndNoColor() {
        XCTAssertEqual(Theme.named("projector"), .projector)
        XCTAssertNil(Theme.named("neon"))
        XCTAssertEqual(Theme.forEnvironment(["NO_COLOR": "1"], preferred: .light), .mono)
        XCTAssertEqual(Theme.forEnvironment(["NO_COLOR": ""], preferred: .light), .light)
        XCTAssertEqual(Theme.forEnvironment([:]), .default)
    }
}
