import Foundation
@testable import TerminalUI
import TutorFiles
import XCTest

/// Japanese typeset as Japanese: full-width brackets and colons against Japanese text in every
/// interface string and lesson text, and verdicts that read as one Japanese sentence.
final class JapaneseTypesettingTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Kana and kanji (not Japanese punctuation, not full-width forms).
    static func isKanaOrKanji(_ c: Character) -> Bool {
        c.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x3400...0x9FFF).contains($0.value) }
    }

    /// Places in `text` where an ASCII ( ) or : meets kana or kanji, directly or across one space.
    static func asciiMarks(in text: String, acrossSpace: Bool) -> [String] {
        let chars = Array(text)
        var found: [String] = []
        for (i, c) in chars.enumerated() where "():".contains(c) {
            func japanese(_ k: Int) -> Bool {
                guard k >= 0, k < chars.count else { return false }
                if isKanaOrKanji(chars[k]) { return true }
                guard acrossSpace, chars[k] == " " else { return false }
                let next = k < i ? k - 1 : k + 1
                return next >= 0 && next < chars.count && isKanaOrKanji(chars[next])
            }
            // "(" opens toward what follows, ")" and ":" close what precedes; either side counts
            if japanese(i - 1) || japanese(i + 1) {
                found.append(String(chars[max(0, i - 8)..<min(chars.count, i + 8)]))
            }
        }
        return found
    }

    /// The literal parts of a Swift line's string literals, interpolations taken out.
    static func literals(_ line: String) -> [String] {
        var out: [String] = [], current = "", inString = false, depth = 0
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if !inString {
                if c == "\"" { inString = true; current = "" }
            } else if depth > 0 {
                if c == "(" { depth += 1 } else if c == ")" { depth -= 1; if depth == 0 { current += "X" } }
            } else if c == "\\", i + 1 < chars.count {
                if chars[i + 1] == "(" { depth = 1 } else { current += String(chars[i + 1]) }
                i += 1
            } else if c == "\"" {
                inString = false
                out.append(current)
            } else {
                current.append(c)
            }
            i += 1
        }
        return out
    }

    func testInterfaceStringsUseFullWidthMarksAgainstJapanese() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let files = try XCTUnwrap(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.contains("Generated/") && !$0.hasSuffix("Wrap.swift") }
        XCTAssertGreaterThan(files.count, 50)
        var problems: [String] = []
        var japanese = 0
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for literal in Self.literals(String(line)) where literal.contains(where: Self.isKanaOrKanji) {
                    japanese += 1
                    // "ok: " and "FAILED: " are the commands' status words, the same in both languages
                    let body = literal.hasPrefix("ok: ") ? String(literal.dropFirst(4))
                        : literal.hasPrefix("FAILED: ") ? String(literal.dropFirst(8)) : literal
                    for place in Self.asciiMarks(in: body, acrossSpace: true) {
                        problems.append("\(file):\(n + 1): \(place)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(japanese, 300, "the scan found the Japanese strings")
        XCTAssertTrue(problems.isEmpty, "ASCII ( ) : against Japanese (use （）： or rephrase):\n" + problems.joined(separator: "\n"))
    }

    func testLessonTextsUseFullWidthMarksAgainstJapanese() throws {
        var problems: [String] = []
        for file in try BuiltinLessons.lessons() {
            let lesson = try XCTUnwrap(file.lesson)
            var texts: [String] = [lesson.title.ja] + [lesson.summary?.ja].compactMap { $0 }
            for scene in lesson.scenes {
                texts += [scene.title?.ja, scene.narration.ja].compactMap { $0 }
                if let q = scene.quiz {
                    texts += [q.question.ja, q.hint?.ja, q.explain?.ja, q.reveal?.ja].compactMap { $0 } + q.choices.map(\.ja)
                }
            }
            for text in texts {
                for place in Self.asciiMarks(in: text, acrossSpace: false) { problems.append("\(lesson.id): \(place)") }
            }
        }
        XCTAssertTrue(problems.isEmpty, problems.joined(separator: "\n"))
    }

    /// Every choice and sign quiz of every lesson, answered wrongly in Japanese: the verdict is
    /// "残念、不正解です。答えは c)「…」です。", no space before です or after 。.
    func testJapaneseVerdictsReadAsJapanese() throws {
        var checked = 0
        for file in try BuiltinLessons.lessons() {
            let lesson = try XCTUnwrap(file.lesson)
            var player = try XCTUnwrap(LessonPlayer(file: file, language: .ja))
            for (k, scene) in lesson.scenes.enumerated() {
                guard let quiz = scene.quiz else { continue }
                player.go(to: k)
                var copy = player
                let wrong: String
                switch quiz.kind {
                case .choice: wrong = (quiz.correct ?? 0) == 0 ? "b" : "a"   // correct counts from 0 here
                case .sign: wrong = (player.expectedValue ?? 0) > 0 ? "-" : "+"
                case .number: wrong = "12345"
                }
                let message = copy.answer(wrong).message
                let place = "\(lesson.id) scene \(k + 1): \(message)"
                XCTAssertTrue(message.hasPrefix("残念、不正解です。答えは "), place)
                XCTAssertFalse(message.contains("。 "), place)
                if quiz.kind != .number {
                    XCTAssertFalse(message.contains(" です"), place)
                }
                if quiz.kind == .choice, let c = quiz.correct {
                    XCTAssertTrue(message.hasSuffix("「" + player.render(quiz.choices[c]) + "」です。"), place)
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 50)
    }

    /// The scan finds what it is for.
    func testTheScanFindsAsciiMarks() {
        XCTAssertEqual(Self.asciiMarks(in: "テーマ: 標準", acrossSpace: true).count, 1)
        XCTAssertEqual(Self.asciiMarks(in: "次の場面(クリッカー", acrossSpace: true).count, 1)
        XCTAssertEqual(Self.asciiMarks(in: "σ(z) は 0 と 1 の間（対数）：", acrossSpace: false).count, 0)
        XCTAssertEqual(Self.literals(#"t("a", "印: エポック \(epoch(x))")"#), ["a", "印: エポック X"])
    }
}
