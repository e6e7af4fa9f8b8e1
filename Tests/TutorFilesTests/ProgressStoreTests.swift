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

    func testOneBadFieldSetsAsideOnlyThatLessonsRecord() throws {
        let store = ProgressStore(directory: try temporaryDirectory())
        try write("""
            {"version": 1, "lessons": {
              "one-neuron": {"scene": 2, "furthestScene": 4, "quizzes": {"1": {"hintUsed": false, "correct": true, "answer": "3"}},
                             "completed": false, "updated": "2026-01-02T03:04:05Z"},
              "chain-rule": {"scene": "x", "furthestScene": 1, "quizzes": {}, "completed": false},
              "loss": {"scene": 1, "furthestScene": 1, "quizzes": {}, "completed": false, "updated": "yesterday"},
              "optimizers": {"scene": 1, "furthestScene": 1, "quizzes": {"2": {"hintUsed": "no"}}, "completed": false},
              "restarts": {"scene": -3, "furthestScene": 1, "quizzes": {}, "completed": false},
              "digits": {"scene": 5, "furthestScene": 6, "quizzes": {}, "completed": true}
            }}
            """, to: store.path)
        let (file, warnings) = store.load()
        XCTAssertEqual(Set(file.lessons.keys), ["one-neuron", "digits"])
        XCTAssertEqual(file.lessons["one-neuron"]?.scene, 2)
        XCTAssertEqual(file.lessons["one-neuron"]?.quizzes["1"]?.correct, true)
        XCTAssertEqual(file.lessons["digits"]?.completed, true)

        // one warning per damaged lesson, saying which lesson lost what
        let byLesson = Dictionary(uniqueKeysWithValues: warnings.compactMap { w -> (String, ProgressWarning)? in
            guard case .recordSetAside(let lesson, _) = w.kind else { return nil }
            return (lesson, w)
        })
        XCTAssertEqual(warnings.count, 4, "\(warnings)")
        XCTAssertEqual(byLesson["chain-rule"]?.reason, "scene: not a whole number")
        XCTAssertEqual(byLesson["loss"]?.reason, "updated: not a date")
        XCTAssertEqual(byLesson["optimizers"]?.reason, "quizzes.2.hintUsed: not true or false")
        XCTAssertEqual(byLesson["restarts"]?.reason, "scene: negative")
        let text = try XCTUnwrap(byLesson["chain-rule"]).text(.en)
        XCTAssertTrue(text.contains("\"chain-rule\"") && text.contains("scene: not a whole number")
                      && text.contains("other lessons keep theirs"), text)
        XCTAssertFalse(text.contains("\n"))
        XCTAssertTrue(try XCTUnwrap(byLesson["loss"]).text(.ja).contains("「loss」"))

        // the damaged records are kept, as they were, beside the file; the file keeps the rest
        guard case .recordSetAside(_, let moved?) = warnings[0].kind else { return XCTFail("\(warnings)") }
        XCTAssertTrue(moved.hasPrefix(store.path + ".corrupt-"), moved)
        let aside = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: moved))) as? [String: Any])
        let asideLessons = try XCTUnwrap(aside["lessons"] as? [String: Any])
        XCTAssertEqual(Set(asideLessons.keys), ["chain-rule", "loss", "optimizers", "restarts"])
        XCTAssertEqual((asideLessons["loss"] as? [String: Any])?["updated"] as? String, "yesterday")
        let again = store.load()
        XCTAssertEqual(again.1, [], "reported once")
        XCTAssertEqual(again.0, file)
    }

    func testAFileOfTheWrongShapeKeepsTheOtherLessonsWhenSaving() throws {
        let store = ProgressStore(directory: try temporaryDirectory())
        try write("{\"version\": 1, \"lessons\": {\"x\": {\"scene\": \"three\"}, \"y\": {\"scene\": 4, \"furthestScene\": 4, "
                  + "\"quizzes\": {}, \"completed\": false}}}", to: store.path)
        let warnings = store.save(sample, for: "x")
        XCTAssertEqual(warnings.map(\.reason), ["scene: not a whole number"])
        XCTAssertEqual(store.progress(for: "x").0?.scene, 3)
        XCTAssertEqual(store.progress(for: "y").0?.scene, 4)
    }

    func testAWholeFileThatIsNotProgressIsMovedAside() throws {
        for text in ["[1, 2]", "{\"lessons\": {}}", "{\"version\": \"1\", \"lessons\": {}}", "{\"version\": 0, \"lessons\": {}}",
                     "{\"version\": 1, \"lessons\": [1]}", "{\"version\": true, \"lessons\": {}}", ""] {
            let store = ProgressStore(directory: try temporaryDirectory())
            try write(text, to: store.path)
            let (file, warnings) = store.load()
            XCTAssertEqual(file, ProgressFile(), text)
            guard warnings.count == 1, case .corrupt(let moved?) = warnings[0].kind else { XCTFail("\(text): \(warnings)"); continue }
            XCTAssertEqual(try String(contentsOfFile: moved, encoding: .utf8), text)
        }
    }

    func testAFileFromANewerVersionIsNeitherUsedNorOverwritten() throws {
        let store = ProgressStore(directory: try temporaryDirectory())
        let newer = "{\"version\": 2, \"lessons\": {\"chain-rule\": {\"position\": [3, 1]}}, \"profiles\": []}"
        try write(newer, to: store.path)
        let (file, warnings) = store.load()
        XCTAssertEqual(file, ProgressFile())
        XCTAssertEqual(warnings.map(\.kind), [.newerVersion(2)])
        XCTAssertTrue(warnings[0].text(.en).contains("written by a newer backprop-tutor"), warnings[0].text(.en))
        XCTAssertTrue(warnings[0].text(.ja).contains("新しい版"), warnings[0].text(.ja))
        XCTAssertEqual(store.save(sample, for: "chain-rule").map(\.kind), [.newerVersion(2)])
        XCTAssertEqual(store.reset(lesson: "chain-rule").map(\.kind), [.newerVersion(2)])
        XCTAssertEqual(try String(contentsOfFile: store.path, encoding: .utf8), newer, "the newer file is untouched")
        let names = try FileManager.default.contentsOfDirectory(atPath: store.directory)
        XCTAssertFalse(names.contains { $0.contains("corrupt") }, "\(names)")
    }

    func testAFolderAtTheProgressPathIsSaidToBeAFolder() throws {
        let store = ProgressStore(directory: try temporaryDirectory())
        try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: true)
        let (file, warnings) = store.load()
        XCTAssertEqual(file, ProgressFile())
        XCTAssertEqual(warnings.map(\.kind), [.isDirectory])
        XCTAssertTrue(warnings[0].text(.en).contains("is a folder, not a progress file"), warnings[0].text(.en))
        XCTAssertFalse(warnings[0].text(.en).contains("permission"))
        XCTAssertEqual(store.save(sample, for: "one-neuron").map(\.kind), [.isDirectory])
        XCTAssertEqual(store.reset().map(\.kind), [.isDirectory])
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    func testWritesAreFlushedToDiskBeforeAndAfterTheRename() throws {
        let dir = try temporaryDirectory()
        var store = ProgressStore(directory: dir)
        let calls = SyncCalls()
        let target = store.path
        store.durable.sync = { fd in
            // what the descriptor is, and whether progress.json already holds the new scene
            let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) ?? "fd \(fd)"
            let now = (try? String(contentsOfFile: target, encoding: .utf8)) ?? ""
            calls.append(link, now.contains("\"scene\" : 3"))
            return fsync(fd)
        }
        XCTAssertEqual(store.save(sample, for: "chain-rule"), [])
        let seen = calls.all
        #if os(Linux)
        XCTAssertEqual(seen.count, 2, "\(seen)")
        guard seen.count == 2 else { return }
        XCTAssertTrue(seen[0].path.hasPrefix(dir + "/.progress.json.") && seen[0].path.hasSuffix(".tmp"), seen[0].path)
        XCTAssertFalse(seen[0].targetHasNewData, "the temporary file is flushed before it replaces the old one")
        XCTAssertEqual(seen[1].path, dir)
        XCTAssertTrue(seen[1].targetHasNewData, "the folder is flushed after the rename")
        #endif
        XCTAssertEqual(store.progress(for: "chain-rule").0?.scene, 3)

        // a flush that fails is a save that failed, and the old file stays
        store.durable.sync = { _ in errno = EIO; return -1 }
        XCTAssertEqual(store.save(LessonProgress(scene: 7), for: "chain-rule").map(\.kind), [.notSaved])
        XCTAssertEqual(store.progress(for: "chain-rule").0?.scene, 3)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        XCTAssertEqual(names.filter { $0.hasSuffix(".tmp") }, [])
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

/// The fsync calls of a save: which file, and whether progress.json held the new data by then.
private final class SyncCalls: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [(path: String, targetHasNewData: Bool)] = []

    func append(_ path: String, _ targetHasNewData: Bool) {
        lock.lock(); defer { lock.unlock() }
        calls.append((path, targetHasNewData))
    }

    var all: [(path: String, targetHasNewData: Bool)] {
        lock.lock(); defer { lock.unlock() }
        return calls
    }
}
