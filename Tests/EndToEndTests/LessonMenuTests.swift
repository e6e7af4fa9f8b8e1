import Foundation
import XCTest

/// The lesson menu, the lesson screen and progress through the real binary; `lessons`; worksheets.
final class LessonMenuTests: XCTestCase {
    var state = ""

    override func setUpWithError() throws {
        state = FileManager.default.temporaryDirectory.appendingPathComponent("bpt-state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: state)
    }

    var env: [String: String] { ["XDG_STATE_HOME": state] }

    func testMenuLessonFourQuizQuitAndResume() throws {
        try TmuxSession.require()
        var tmux: TmuxSession? = try TmuxSession([], width: 80, height: 24, environment: env)
        try tmux!.waitFor("The chain rule", timeout: 30)
        try tmux!.send("Down", "Down", "Down", "Enter")
        try tmux!.waitFor("Scene 1 of 10", timeout: 30)
        try tmux!.send("PageDown", "PageDown")
        try tmux!.waitFor("What is the sign of ∂E/∂w₅?")
        try tmux!.send("+", "Enter")
        let answered = try tmux!.waitFor("Right!")
        XCTAssertTrue(answered.contains("Score 1/7"), answered)
        try tmux!.send("q")
        let menu = try tmux!.waitFor("scene 3/10")
        XCTAssertTrue(menu.contains("1/7"), menu)
        try tmux!.send("q")
        XCTAssertEqual(tmux!.exitStatus(), 0)
        tmux = nil
        XCTAssertTrue(FileManager.default.fileExists(atPath: state + "/backprop-tutor/progress.json"))

        // start again: lesson 4 opens at the same scene, its quiz still answered
        let again = try TmuxSession([], width: 80, height: 24, environment: env)
        try again.waitFor("scene 3/10", timeout: 30)
        try again.send("Down", "Down", "Down", "Enter")
        let resumed = try again.waitForSettled("Scene 3 of 10", timeout: 30)   // the menu can still be half on screen
        XCTAssertTrue(resumed.contains("A question about w₅"), resumed)
        XCTAssertTrue(resumed.contains("Right!"), resumed)
        XCTAssertTrue(resumed.contains("Score 1/7"), resumed)
        try again.send("q")
        try again.waitFor("scene 3/10")
        try again.send("q")
        XCTAssertEqual(again.exitStatus(), 0)
    }

    func testOpenALessonFileInJapanese() throws {
        try TmuxSession.require()
        var e = env
        e["LANG"] = "ja_JP.UTF-8"
        let tmux = try TmuxSession(["open", Binary.path("lessons/04-chain-rule.toml")], width: 80, height: 24, environment: e)
        try tmux.waitFor("場面 1/10", timeout: 30)
        try tmux.send("PageDown", "PageDown")
        try tmux.waitFor("∂E/∂w₅ の符号")
        try tmux.send("q")            // typed into the answer field: no quit
        try tmux.send("Escape", "q")
        XCTAssertEqual(tmux.exitStatus(), 0)
    }

    func testOpenABuiltinLessonByNumber() throws {
        try TmuxSession.require()
        let tmux = try TmuxSession(["open", "4", "--lang", "en"], width: 80, height: 24, environment: env)
        let screen = try tmux.waitForSettled("Scene 1 of 10", timeout: 30)
        XCTAssertTrue(screen.contains("The chain rule"), screen)
        try tmux.send("q")
        XCTAssertEqual(tmux.exitStatus(), 0)
    }

    func testLessonsListsPlainText() throws {
        let run = try Binary.run(["lessons", "--lang", "en"], environment: env)
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n")
        // a header and one line per numbered lesson file (lessons/NN-….toml)
        let lessons = try FileManager.default.contentsOfDirectory(atPath: Binary.path("lessons"))
            .filter { $0.first?.isNumber == true && $0.hasSuffix(".toml") }
        XCTAssertEqual(lines.count, lessons.count + 1, run.stdout)
        XCTAssertTrue(run.stdout.contains("The chain rule"), run.stdout)
        XCTAssertTrue(lines.contains { $0.contains("The chain rule") && $0.contains("15 min") && $0.contains("not started") }, run.stdout)
        let ja = try Binary.run(["lessons", "--lang", "ja"], environment: env)
        XCTAssertTrue(ja.stdout.contains("連鎖律") && ja.stdout.contains("未着手"), ja.stdout)
    }

    func testCorruptProgressIsMovedAsideWithOneLine() throws {
        let dir = state + "/backprop-tutor"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "{ not json".write(toFile: dir + "/progress.json", atomically: true, encoding: .utf8)
        let run = try Binary.run(["lessons", "--lang", "en"], environment: env)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("damaged"), run.stderr)
        XCTAssertTrue(run.stdout.contains("not started"), run.stdout)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        XCTAssertTrue(names.contains { $0.hasPrefix("progress.json.corrupt-") }, "\(names)")
    }

    func testADamagedLessonRecordCostsOnlyThatLesson() throws {
        let dir = state + "/backprop-tutor"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // one-neuron is fine; chain-rule has a bad scene; loss claims 20 quizzes answered right
        let quizzes = (0..<20).map { "\"\($0)\": {\"hintUsed\": false, \"answer\": \"1\", \"correct\": true}" }.joined(separator: ", ")
        try """
            {"version": 1, "lessons": {
              "one-neuron": {"scene": 2, "furthestScene": 2, "quizzes": {}, "completed": false},
              "chain-rule": {"scene": "x", "furthestScene": 1, "quizzes": {}, "completed": false},
              "loss": {"scene": 0, "furthestScene": 0, "quizzes": {\(quizzes)}, "completed": false}
            }}
            """.write(toFile: dir + "/progress.json", atomically: true, encoding: .utf8)
        let run = try Binary.run(["lessons", "--lang", "en"], environment: env)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("\"chain-rule\"") && run.stderr.contains("scene: not a whole number"), run.stderr)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.contains("One neuron") && $0.contains("scene 3/") }, run.stdout)
        XCTAssertTrue(lines.contains { $0.contains("The chain rule") && $0.contains("not started") }, run.stdout)
        // the loss lesson's score counts only its own quizzes
        let loss = try XCTUnwrap(lines.first { $0.contains("scene 1/") }, run.stdout)
        let score = try XCTUnwrap(loss.split(separator: " ").last).split(separator: "/").compactMap { Int($0) }
        XCTAssertEqual(score.count, 2, String(loss))
        XCTAssertLessThanOrEqual(score[0], score[1], String(loss))
        // reported once
        let again = try Binary.run(["lessons", "--lang", "en"], environment: env)
        XCTAssertEqual(again.stderr, "")
    }

    func testANewerFileOrAFolderAtTheProgressPathIsSaidSo() throws {
        let dir = state + "/backprop-tutor"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let newer = "{\"version\": 2, \"lessons\": {}}"
        try newer.write(toFile: dir + "/progress.json", atomically: true, encoding: .utf8)
        let run = try Binary.run(["lessons", "--lang", "en"], environment: env)
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("written by a newer backprop-tutor"), run.stderr)
        XCTAssertEqual(try String(contentsOfFile: dir + "/progress.json", encoding: .utf8), newer)

        try FileManager.default.removeItem(atPath: dir + "/progress.json")
        try FileManager.default.createDirectory(atPath: dir + "/progress.json", withIntermediateDirectories: true)
        let folder = try Binary.run(["lessons", "--lang", "en"], environment: env)
        XCTAssertEqual(folder.status, 0)
        XCTAssertTrue(folder.stderr.contains("is a folder, not a progress file"), folder.stderr)
    }

    func testTeachersFolderIsAddedToTheCourseAndEveryBrokenFileReported() throws {
        let text = try String(contentsOfFile: Binary.path("lessons/04-chain-rule.toml"), encoding: .utf8)
        let mine = text.replacingOccurrences(of: "id = \"chain-rule\"", with: "id = \"my-chain\"")
            .replacingOccurrences(of: "title_en = \"The chain rule\"", with: "title_en = \"My chain rule\"")
        let path = try Binary.temporaryFile(mine, name: "mine.toml")
        let dir = (path as NSString).deletingLastPathComponent
        let run = try Binary.run(["lessons", "--lessons", dir, "--lang", "en"], environment: env)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("My chain rule"), run.stdout)
        XCTAssertTrue(run.stdout.contains("One neuron") && run.stdout.contains("The chain rule"), "added to the built-in course: \(run.stdout)")
        let only = try Binary.run(["lessons", "--lessons", dir, "--only", "--lang", "en"], environment: env)
        XCTAssertEqual(only.status, 0, only.stderr)
        XCTAssertEqual(only.stdout.split(separator: "\n").count, 2, only.stdout)   // header and the one lesson
        XCTAssertTrue(only.stdout.contains("My chain rule"), only.stdout)
        XCTAssertFalse(only.stdout.contains("One neuron"), only.stdout)

        // three broken files: each is reported under the list with its place; the good one is listed
        try "[network]\nlayers = [2, 2]\nactivation = \"sigmod\"\n".write(toFile: dir + "/a-bad.toml", atomically: true, encoding: .utf8)
        try "[network]\nlayers = [2, 2\n".write(toFile: dir + "/b-unclosed.toml", atomically: true, encoding: .utf8)
        try mine.write(toFile: dir + "/c-copy.toml", atomically: true, encoding: .utf8)
        try "not a lesson".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        let broken = try Binary.run(["lessons", "--lessons", dir, "--only", "--lang", "en"], environment: env)
        XCTAssertEqual(broken.status, 2, broken.stderr)
        XCTAssertTrue(broken.stdout.contains("My chain rule"), broken.stdout)
        let problems = broken.stderr.split(separator: "\n").filter { !$0.hasPrefix("note:") }
        XCTAssertEqual(problems.count, 3, broken.stderr)
        XCTAssertTrue(problems[0].hasPrefix(dir + "/a-bad.toml:3: unknown activation"), broken.stderr)
        XCTAssertTrue(problems[1].hasPrefix(dir + "/b-unclosed.toml:2:"), broken.stderr)
        XCTAssertTrue(problems[2].hasPrefix(dir + "/mine.toml:"), broken.stderr)
        XCTAssertTrue(problems[2].contains("already the id of c-copy.toml"), broken.stderr)
        XCTAssertFalse(broken.stderr.contains("notes.txt"), broken.stderr)

        // the menu reports them too, before it needs its terminal
        let menu = try Binary.run(["--lessons", dir], environment: env)
        XCTAssertEqual(menu.status, 2)
        XCTAssertTrue(menu.stderr.contains("a-bad.toml:3") && menu.stderr.contains("b-unclosed.toml:2"), menu.stderr)
        XCTAssertTrue(menu.stderr.contains("needs a terminal"), menu.stderr)

        let missing = try Binary.run(["lessons", "--lessons", dir + "/nowhere"], environment: env)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("nowhere: no such folder"), missing.stderr)
        let onlyAlone = try Binary.run(["lessons", "--only"], environment: env)
        XCTAssertEqual(onlyAlone.status, 2, "a command-line mistake exits with 2, like a file mistake")
        XCTAssertTrue(onlyAlone.stderr.contains("--only needs --lessons"), onlyAlone.stderr)
    }

    func testMenuWithoutATerminalSaysSo() throws {
        let run = try Binary.run([], environment: env)
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("needs a terminal"), run.stderr)
    }

    func testWorksheetAndAnswerSheet() throws {
        let sheet = try Binary.run(["trace", "chain-rule", "--format", "markdown", "--lang", "en"], environment: env)
        XCTAssertEqual(sheet.status, 0, sheet.stderr)
        XCTAssertTrue(sheet.stdout.contains("# The chain rule — worksheet"), sheet.stdout)
        XCTAssertTrue(sheet.stdout.contains("What is the sign of ∂E/∂w₅?"), sheet.stdout)
        XCTAssertTrue(sheet.stdout.contains("| w₅ | 0.4000 |"), sheet.stdout)
        XCTAssertTrue(sheet.stdout.contains("ŷ₁ = 0.7514"), sheet.stdout)   // the network's numbers in the text
        XCTAssertFalse(sheet.stdout.contains("Answer: "), sheet.stdout)

        let answers = try Binary.run(["trace", Binary.path("lessons/04-chain-rule.toml"), "--format", "markdown",
                                      "--answers", "--lang", "en"], environment: env)
        XCTAssertEqual(answers.status, 0, answers.stderr)
        XCTAssertTrue(answers.stdout.contains("# The chain rule — answers"), answers.stdout)
        XCTAssertTrue(answers.stdout.contains("Answer: + (positive)"), answers.stdout)
        XCTAssertTrue(answers.stdout.contains("∂E/∂w₅ = 0.0822"), answers.stdout)

        let ja = try Binary.run(["trace", "4", "--format", "markdown", "--answers", "--lang", "ja"], environment: env)
        XCTAssertTrue(ja.stdout.contains("答え：+（正）"), ja.stdout)
    }
}
