import TerminalUI
import TutorFiles
import XCTest

/// The lesson menu's `update` and `view` without a terminal, and the plain list.
final class MenuModelTests: XCTestCase {
    func entries() throws -> [MenuEntry] {
        try BuiltinLessons.lessons().enumerated().map { k, file in
            MenuEntry(file: file, progress: k == 1 ? LessonProgress(scene: 2, furthestScene: 2) : nil)
        }
    }

    func testMovesAndOpens() throws {
        var menu = MenuModel(entries: try entries(), language: .en, unicode: true, theme: .default, width: 80, height: 24)
        XCTAssertEqual(menu.selected, 0)
        update(&menu, .key(.down))
        update(&menu, .key(.down))
        update(&menu, .key(.down))
        update(&menu, .key(.up))
        XCTAssertEqual(menu.selected, 2)
        update(&menu, .key(.enter))
        XCTAssertEqual(menu.open, 2)
        update(&menu, .key(.up))
        update(&menu, .key(.up))
        update(&menu, .key(.up))
        XCTAssertEqual(menu.selected, 0)
        update(&menu, .key(.character("4")))
        XCTAssertEqual(menu.selected, 3)
        XCTAssertFalse(menu.quit)
        update(&menu, .key(.character("q")))
        XCTAssertTrue(menu.quit)
    }

    func testViewShowsStatusScoreAndWarning() throws {
        var menu = MenuModel(entries: try entries(), language: .en, unicode: true, theme: .default, width: 80, height: 24,
                             warnings: ["warning: progress file /x/progress.json was damaged; moved it aside"])
        let lines = view(menu).lines
        XCTAssertTrue(lines.contains { $0.contains("The chain rule") && $0.contains("not started") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("scene 3/") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("warning: progress file") }, lines.joined(separator: "\n"))
        update(&menu, .resize(width: 120, height: 40))
        XCTAssertEqual(view(menu).width, 120)
    }

    func testPlainList() throws {
        let list = MenuModel.plainList(try entries(), language: .en)
        let lines = list.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, try entries().count + 1)
        XCTAssertTrue(lines[0].contains("lesson") && lines[0].contains("progress"), lines[0])
        XCTAssertTrue(lines.contains { $0.contains("The chain rule") && $0.contains("15 min") && $0.contains("not started") }, list)
        let ja = MenuModel.plainList(try entries(), language: .ja)
        XCTAssertTrue(ja.contains("連鎖律"), ja)
        XCTAssertTrue(ja.contains("未着手"), ja)
    }
}
