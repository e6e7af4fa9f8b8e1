import Foundation
import XCTest
@testable import TutorFiles

/// The lessons compiled into the program are the ones in lessons/.
final class EmbeddedLessonsTests: XCTestCase {
    func testTheGeneratedFileIsUpToDate() throws {
        var onDisk: [String: String] = [:]
        let root = URL(fileURLWithPath: lessonsDirectory).resolvingSymlinksInPath()
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let name = walker?.nextObject() as? String {
            guard name.hasSuffix(".toml") || name.hasSuffix(".csv") else { continue }
            onDisk[name] = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
        }
        XCTAssertEqual(Set(EmbeddedLessons.files.keys), Set(onDisk.keys),
                       "Sources/TutorFiles/Generated/EmbeddedLessons.swift is stale: run scripts/embed-lessons")
        for (name, text) in onDisk {
            XCTAssertTrue(EmbeddedLessons.files[name] == text,
                          "lessons/\(name) changed: run scripts/embed-lessons")
        }
    }

    /// The menu lists the built-in lessons from listings written by scripts/embed-lessons: they
    /// must say exactly what parsing each lesson says, for every lesson, in list order.
    func testTheGeneratedListingsAreWhatParsingTheLessonsGives() throws {
        var parsed: [LessonListing] = []
        for name in BuiltinLessons.networkFileNames {
            if let listing = LessonListing(try BuiltinLessons.load(name)) { parsed.append(listing) }
        }
        XCTAssertGreaterThanOrEqual(parsed.count, 11)
        XCTAssertEqual(BuiltinLessons.listings, parsed.sorted(by: LessonListing.inListOrder),
                       "the listings in EmbeddedLessons.swift are stale: run scripts/embed-lessons")
        // numbered in list order from 1 (a number may be left for a lesson still being written)
        let orders = BuiltinLessons.listings.compactMap(\.order)
        XCTAssertEqual(orders.count, BuiltinLessons.listings.count)
        XCTAssertEqual(orders.first, 1)
        XCTAssertEqual(orders, orders.sorted())
        XCTAssertEqual(Set(orders).count, orders.count)
    }

    /// The menu scores a lesson from its listing: the same count as the parsed lesson's, records
    /// of scenes without a quiz and of scenes that no longer exist ignored.
    func testTheListingScoresAsTheLessonDoes() throws {
        let file = try BuiltinLessons.load("04-chain-rule")
        let lesson = try XCTUnwrap(file.lesson), listing = try XCTUnwrap(LessonListing(file))
        let quiz = try XCTUnwrap(lesson.scenes.firstIndex { $0.quiz != nil })
        let plain = try XCTUnwrap(lesson.scenes.firstIndex { $0.quiz == nil })
        let progress = LessonProgress(quizzes: ["\(quiz)": QuizRecord(answer: "+", correct: true),
                                                "\(plain)": QuizRecord(answer: "+", correct: true),
                                                "99": QuizRecord(answer: "1", correct: true), "x": QuizRecord(correct: false)])
        XCTAssertEqual(listing.score(progress), Score(correct: 1, answered: 1, total: lesson.quizCount))
        XCTAssertEqual(listing.score(progress), lesson.score(lesson.quizRecords(in: progress)))
    }

    func testABuiltinLessonIsFoundByIdFileNameOrNumber() throws {
        for name in ["chain-rule", "04-chain-rule", "04-chain-rule.toml", "4"] {
            XCTAssertEqual(BuiltinLessons.listing(named: name)?.path, "lessons/04-chain-rule.toml", name)
        }
        XCTAssertNil(BuiltinLessons.listing(named: "chain-rules"))
        XCTAssertNil(BuiltinLessons.listing(named: "99"))
        let file = try BuiltinLessons.load(try XCTUnwrap(BuiltinLessons.listing(named: "4")))
        XCTAssertEqual(file.lesson?.id, "chain-rule")
    }

    func testAnEmbeddedLessonLoadsWithoutTheCurrentDirectory() throws {
        let saved = FileManager.default.currentDirectoryPath
        let elsewhere = try temporaryDirectory()
        _ = FileManager.default.changeCurrentDirectoryPath(elsewhere)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(saved) }
        let file = try BuiltinLessons.load("01-one-neuron")
        XCTAssertEqual(file.lesson?.id, "one-neuron")
        XCTAssertEqual(file.path, "lessons/01-one-neuron.toml")
    }

    func testEmbeddedDataFilesAreFoundInTheEmbeddedSet() throws {
        let text = """
            [network]
            layers = [64, 10]
            output_activation = "softmax"

            [data]
            file = "data/digits.csv"
            classes = 10

            """
        let file = try NetworkFile.parse(text, path: "lessons/x.toml", baseDirectory: "lessons",
                                         files: .embedded(root: "lessons", files: EmbeddedLessons.files))
        XCTAssertEqual(file.data.count, 1797)
        do {
            _ = try NetworkFile.parse(text.replacingOccurrences(of: "digits", with: "nothere"), path: "lessons/x.toml",
                                      baseDirectory: "lessons", files: .embedded(root: "lessons", files: EmbeddedLessons.files))
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.description,
                           "lessons/x.toml:6: data file \"data/nothere.csv\" not found (looked for lessons/data/nothere.csv)")
        }
    }

    func testUnknownBuiltinNameSuggests() {
        XCTAssertThrowsError(try BuiltinLessons.load("01-one-nueron")) { error in
            XCTAssertEqual((error as? FileError)?.message, "no built-in file of this name; did you mean \"01-one-neuron.toml\"?")
        }
    }
}
