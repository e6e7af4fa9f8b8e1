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
