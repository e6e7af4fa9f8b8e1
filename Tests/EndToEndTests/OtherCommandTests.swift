import Foundation
import XCTest

final class OtherCommandTests: XCTestCase {
    func testCheckListsEveryFileAndExitsZeroWhenAllAreGood() throws {
        let run = try Binary.run(["check", Binary.path("lessons/article-xor.toml"), Binary.path("lessons/two-two-two.toml")])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertEqual(run.stdout.split(separator: "\n").count, 2, run.stdout)
        XCTAssertTrue(run.stdout.contains("3-4-1"), run.stdout)
    }

    func testGradcheckPassesOnTheWorkedExample() throws {
        let run = try Binary.run(["gradcheck", Binary.path("lessons/two-two-two.toml")])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("max relative error"), run.stdout)
        // the tutor's names, w₅ for the first weight into ŷ₁ (not a file index)
        XCTAssertTrue(run.stdout.contains("\nw₅  "), run.stdout)
        XCTAssertFalse(run.stdout.contains("w[1][0][0]"), run.stdout)
    }

    func testTraceTextShowsTheChainRuleOfW5() throws {
        let run = try Binary.run(["trace", Binary.path("lessons/two-two-two.toml"), "--lang", "en"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("0.0822"), run.stdout)     // ∂E/∂w5 of Mazur's example
        XCTAssertTrue(run.stdout.contains("0.3589"), run.stdout)     // w5 after the update
    }

    func testTraceJSONCarriesFullPrecision() throws {
        let run = try Binary.run(["trace", Binary.path("lessons/two-two-two.toml"), "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let steps = try XCTUnwrap(json["steps"] as? [[String: Any]])
        XCTAssertEqual(steps.count, 1)
        let events = try XCTUnwrap(steps[0]["events"] as? [[String: Any]])
        XCTAssertEqual(events.count, 31)
        let first = events[0]
        XCTAssertEqual(first["kind"] as? String, "weighted_sum")
        XCTAssertEqual(try XCTUnwrap(first["z"] as? Double), 0.3775, accuracy: 1e-15)
        let updates = events.filter { $0["kind"] as? String == "update" }
        XCTAssertEqual(updates.count, 8, "frozen biases are not updated")
    }

    func testTraceMarkdownIsAWorksheetInJapanese() throws {
        let run = try Binary.run(["trace", Binary.path("lessons/two-two-two.toml"), "--format", "markdown", "--lang", "ja"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("# "), run.stdout)
        XCTAssertTrue(run.stdout.contains("## 更新 1"), run.stdout)
    }

    func testLanguageComesFromTheLocale() throws {
        let run = try Binary.run(["trace", Binary.path("lessons/two-two-two.toml")], environment: ["LANG": "ja_JP.UTF-8"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("順伝播"), run.stdout)
    }

    func testVersionAndHelp() throws {
        XCTAssertTrue(try Binary.run(["--version"]).stdout.contains("0.1.0"))
        for sub in ["train", "trace", "check", "gradcheck"] {
            let run = try Binary.run([sub, "--help"])
            XCTAssertEqual(run.status, 0)
            XCTAssertTrue(run.stdout.contains("USAGE"), run.stdout)
        }
    }
}
