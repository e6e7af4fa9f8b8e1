import Foundation
import XCTest
@testable import TutorFiles

/// The progress file: round trip, damage, a folder that cannot be written, two tutors at once.
final class ProgressStoreTests: XCTestCase {
    let sample = LessonProgress(scene: 3, furthestScene: 4,
                                quizzes: ["2": QuizRecord(hintUsed: true, answer: "+", correct: true)])

    func testRoundTrip() throws {
        let store = ProgressStore(directory: try temporaryDirectory() + "/state/backprop-tutor")
        XCTAssertEqual(store.load().0, ProgressFile())          // nothing saved yet: no warning
        XCTAssertEqual(store.save(sample, for: "chain-rule", now: Date(timeIntervalSince1970: 1_700_000_000)), [])
        let (loaded, warnings) = store.progress(for: "chain-rule")
        XCTAssertEqual(warnings, [])
        XCTAssertEqual(loaded?.scene, 3)
        XCTAssertEqual(loaded?.furthestScene, 4)
        XCTAssertEqual(loaded?.quizzes, sample.quizzes)
        XCTAssertEqual(loaded?.updated, Date(timeIntervalSince1970: 1_700_000_000))
        // no temporary file is left behind
        let names = try FileManager.default.contentsOfDirectory(atPath: store.directory)
        XCTAssertEqual(names.filter { $0.hasSuffix(".tmp") }, [])
    }

    func testDefaultPlaceFollowsXDG() {
        XCTAssertEqual(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/a"]),
                       "/x/state/backprop-tutor")
        XCTAssertEqual(ProgressStore.defaultDirectory(environment: ["HOME": "/home/a"]), "/home/a/.local/state/backprop-tutor")
        XCTAssertEqual(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/a"]),
                       "/home/a/.local/state/backprop-tutor")
    }

    func testACorruptFileIsMovedAsideWithOneWarning() throws {
        let dir = try temporaryDirectory()
        let store = ProgressStore(directory: dir)
        try write("{ this is not json", to: store.path)
        let (file, warnings) = store.load()
        XCTAssertEqual(file, ProgressFile())
        XCTAssertEqual(warnings.count, 1)
        guard case .corrupt(let moved?) = warnings[0].kind else { return XCTFail("\(warnings)") }
        XCTAssertTrue(moved.hasPrefix(store.path + ".corrupt-"))
        XCTAssertEqual(try String(contentsOfFile: moved, encoding: .utf8), "{ this is not json")
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.path))
        XCTAssertFalse(warnings[0].text(.en).contains("\n"))
        XCTAssertTrue(warnings[0].text(.ja).hasPrefix("警告"))
        // saving afterwards works and warns no more
        XCTAssertEqual(store.save(sample, for: "one-neuron"), [])
        XCTAssertEqual(store.load().1, [])
    }

    func testAFileOfTheWrongShapeIsCorruptToo() throws {
        let store = ProgressStore(directory: try temporaryDirectory())
        try write("{\"version\": 1, \"lessons\": {\"x\": {\"scene\": \"three\"}}}", to: store.path)
        let warnings = store.save(sample, for: "x")
        XCTAssertEqual(warnings.count, 1)
        XCTAssertEqual(store.progress(for: "x").0?.scene, 3)
    }

    func testAFolderThatCannotBeWrittenGivesAWarningNotACrash() throws {
        // a file where the folder should be: nothing can be created inside it, even by root
        let dir = try temporaryDirectory()
        try write("not a folder", to: dir + "/backprop-tutor")
        let store = ProgressStore(directory: dir + "/backprop-tutor")
        XCTAssertEqual(store.load().0, ProgressFile())
        let warnings = store.save(sample, for: "one-neuron")
        XCTAssertEqual(warnings.count, 1)
        XCTAssertEqual(warnings.first?.kind, .notSaved)
        XCTAssertTrue(warnings[0].text(.en).hasPrefix("warning: cannot save progress"))

        // a read-only folder (only meaningful when not running as root)
        let readOnly = try temporaryDirectory()
        let locked = ProgressStore(directory: readOnly)
        XCTAssertEqual(locked.save(sample, for: "one-neuron"), [])
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: readOnly)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: readOnly) }
        let result = locked.save(LessonProgress(scene: 5), for: "one-neuron")
        if getuid() != 0 {
            XCTAssertEqual(result.map(\.kind), [.notSaved])
            XCTAssertEqual(locked.progress(for: "one-neuron").0?.scene, 3)   // the old file is intact
        }
    }

    func testTwoTutorsAtOnceKeepEachOthersLessons() throws {
        let dir = try temporaryDirectory()
        let first = ProgressStore(directory: dir), second = ProgressStore(directory: dir)
        XCTAssertEqual(first.save(LessonProgress(scene: 1), for: "one-neuron"), [])
        XCTAssertEqual(second.save(LessonProgress(scene: 7), for: "chain-rule"), [])
        XCTAssertEqual(first.save(LessonProgress(scene: 2, quizzes: ["1": QuizRecord(correct: true)]), for: "one-neuron"), [])
        XCTAssertEqual(second.save(LessonProgress(scene: 8, quizzes: ["3": QuizRecord(correct: false)]), for: "one-neuron"), [])
        let file = first.load().0
        XCTAssertEqual(file.lessons["chain-rule"]?.scene, 7)
        XCTAssertEqual(file.lessons["one-neuron"]?.scene, 8)
        XCTAssertEqual(Set(file.lessons["one-neuron"]!.quizzes.keys), ["1", "3"])
    }

    func testManyWritersAtOnceLoseNothing() throws {
        let dir = try temporaryDirectory()
        DispatchQueue.concurrentPerform(iterations: 16) { k in
            _ = ProgressStore(directory: dir).save(LessonProgress(scene: k), for: "lesson-\(k)")
        }
        XCTAssertEqual(ProgressStore(directory: dir).load().0.lessons.count, 16)
    }

    func testReset() throws {
        let store = ProgressStore(directory: try temporaryDirectory())
        store.save(sample, for: "a")
        store.save(sample, for: "b")
        XCTAssertEqual(store.reset(lesson: "a"), [])
        XCTAssertEqual(Array(store.load().0.lessons.keys), ["b"])
        XCTAssertEqual(store.reset(), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.path))
        XCTAssertEqual(store.reset(), [])
    }
}
