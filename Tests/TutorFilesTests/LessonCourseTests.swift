import Foundation
import XCTest
@testable import TutorFiles

/// A teacher's folder: added to the built-in course or alone, every broken file reported.
final class LessonCourseTests: XCTestCase {
    func folder(_ files: [String: String]) throws -> String {
        let dir = try temporaryDirectory()
        for (name, text) in files { try write(text, to: dir + "/" + name) }
        return dir
    }

    func lesson(id: String, order: Int?, title: String) -> String {
        lessonNetwork.replacingOccurrences(of: "id = \"test\"", with: "id = \"\(id)\"" + (order.map { "\norder = \($0)" } ?? ""))
            .replacingOccurrences(of: "title_en = \"Test\"", with: "title_en = \"\(title)\"") + scene()
    }

    func testTheFolderIsAddedInOrderAndOnlyReplacesTheCourse() throws {
        let builtin = BuiltinLessons.listings
        let dir = try folder(["z-first.toml": lesson(id: "first", order: 0, title: "First"),
                              "a-last.toml": lesson(id: "last", order: nil, title: "Last"),
                              "twelve.toml": lesson(id: "twelve", order: 100, title: "Twelve")])
        let course = try LessonCourse.load(folder: dir)
        XCTAssertEqual(course.problems, [])
        let ids = course.listings.map(\.id)
        XCTAssertEqual(ids, ["first"] + builtin.map(\.id) + ["twelve", "last"])
        let only = try LessonCourse.load(folder: dir, only: true)
        XCTAssertEqual(only.listings.map(\.id), ["first", "twelve", "last"])
        XCTAssertEqual(try LessonCourse.load(folder: nil).listings.map(\.id), builtin.map(\.id))
    }

    func testALessonWithABuiltInIdReplacesIt() throws {
        let dir = try folder(["mine.toml": lesson(id: "chain-rule", order: 4, title: "My chain rule")])
        let course = try LessonCourse.load(folder: dir)
        let chain = course.listings.filter { $0.id == "chain-rule" }
        XCTAssertEqual(chain.count, 1)
        XCTAssertEqual(chain.first?.title.en, "My chain rule")
        XCTAssertEqual(try course.open(chain[0]).lesson?.title.en, "My chain rule")
        XCTAssertEqual(course.listings.count, BuiltinLessons.listings.count)
        // a built-in lesson is parsed when opened
        let one = try XCTUnwrap(course.listings.first { $0.id == "one-neuron" })
        XCTAssertEqual(try course.open(one).lesson?.id, "one-neuron")
    }

    func testEveryBrokenFileIsReportedAndTheGoodOnesListed() throws {
        let dir = try folder(["1-good.toml": lesson(id: "good", order: 1, title: "Good"),
                              "2-bad.toml": lesson(id: "bad", order: 2, title: "Bad").replacingOccurrences(of: "\"sigmoid\"", with: "\"sigmod\""),
                              "3-syntax.toml": "[network]\nlayers = [2, 2\n",
                              "4-copy.toml": lesson(id: "good", order: 3, title: "Copy"),
                              "5-network.toml": lessonNetwork.components(separatedBy: "[lesson]")[0],
                              "6-also-good.toml": lesson(id: "also", order: 5, title: "Also"),
                              "notes.md": "# not a lesson"])
        let course = try LessonCourse.load(folder: dir, only: true)
        XCTAssertEqual(course.listings.map(\.id), ["good", "also"])
        XCTAssertEqual(course.problems.map(\.path), ["2-bad", "3-syntax", "4-copy"].map { dir + "/\($0).toml" })
        XCTAssertEqual(course.problems[0].line, 3)
        XCTAssertTrue(course.problems[0].message.contains("sigmod"), course.problems[0].message)
        XCTAssertEqual(course.problems[1].line, 2)
        XCTAssertEqual(course.problems[2].line, 18, "the id line of the copy")
        XCTAssertTrue(course.problems[2].message.contains("already the id of 1-good.toml"), course.problems[2].message)
        XCTAssertEqual(course.skipped, [dir + "/5-network.toml"])
    }

    func testAFolderThatIsNotThereIsAnError() throws {
        let dir = try temporaryDirectory()
        XCTAssertThrowsError(try LessonCourse.load(folder: dir + "/nowhere")) { error in
            XCTAssertEqual("\(error)", dir + "/nowhere: no such folder")
        }
        try write("x", to: dir + "/file")
        XCTAssertThrowsError(try LessonCourse.load(folder: dir + "/file"))
    }
}
