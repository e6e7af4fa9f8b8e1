import BackpropEngine
import Foundation
import TutorFiles
import XCTest

/// Every lesson's worksheet (`trace LESSON --format markdown`), in both languages, through the
/// real binary: it gives the network's weights and the data with its targets before the first
/// question, asks every question, and prints no answer anywhere (a sheet is read all at once):
/// not at the quiz's precision, not at four decimals, with neither minus sign.
final class WorksheetTests: XCTestCase {
    func testEveryWorksheetGivesItsInputsAndTargetsAndPrintsNoAnswer() throws {
        var problems: [String] = []
        var checkedAnswers = 0
        for file in try BuiltinLessons.lessons() {
            let lesson = try XCTUnwrap(file.lesson)
            let english = try XCTUnwrap(LessonPlayer(file: file, language: .en))
            for language in LessonLanguage.allCases {
                let place = "\(lesson.id) \(language.rawValue)"
                let run = try Binary.run(["trace", lesson.id, "--format", "markdown", "--lang", language.rawValue])
                guard run.status == 0 else { problems.append("\(place): exit \(run.status): \(run.stderr)"); continue }
                let sheet = run.stdout
                let questionMark = language == .ja ? "\n## 問 " : "\n## Question "
                let firstQuestion = sheet.range(of: questionMark)?.lowerBound ?? sheet.endIndex
                let givens = String(sheet[..<firstQuestion])
                problems += givenProblems(givens, file, language, place)

                var player = english
                player.language = language
                var number = 0
                for k in lesson.scenes.indices {
                    player.go(to: k)
                    guard let quiz = player.scene.quiz else { continue }
                    number += 1
                    let heading = questionMark.dropFirst() + "\(number)"
                    if !sheet.contains(heading) { problems.append("\(place): question \(number) is not on the sheet") }
                    if let question = player.question(), !sheet.contains(question.prefix(6)) {
                        problems.append("\(place): question \(number)'s text is not on the sheet: \(question)")
                    }
                    for shown in answerSpellings(player, quiz) where containsWholeNumber(sheet, shown) {
                        problems.append("\(place): question \(number)'s answer \(shown) is printed on the sheet")
                    }
                    checkedAnswers += 1
                }
            }
        }
        XCTAssertGreaterThan(checkedAnswers, 100)
        if !problems.isEmpty { XCTFail("\(problems.count) problems:\n" + problems.prefix(60).joined(separator: "\n")) }
    }

    /// The network's parameters (all of them, one table row each, while there are at most 120)
    /// and the data (one row per sample with its inputs and targets, while they fit) before the
    /// first question.
    private func givenProblems(_ givens: String, _ file: NetworkFile, _ language: LessonLanguage, _ place: String) -> [String] {
        var out: [String] = []
        let f = ValueFormat.standard
        let net = file.network, data = file.data
        let refs = net.parameterRefs
        if refs.count <= 120 {
            for p in refs where !givens.contains(" | \(f.format(net.value(of: p))) |") {
                out.append("\(place): the parameter \(p) = \(f.format(net.value(of: p))) is not listed before the questions")
            }
        } else if !givens.contains("\(refs.count)") {
            out.append("\(place): the sheet does not say how many parameters there are")
        }
        let columns = net.layerSizes[0] + net.layerSizes[net.layerSizes.count - 1]
        if data.count <= 24 && columns <= 10 {
            for k in 0..<data.count {
                let row = "| \(k + 1) | " + (data.inputs[k] + data.targets[k]).map { f.format($0) }.joined(separator: " | ") + " |"
                if !givens.contains(row) { out.append("\(place): sample \(k + 1) is not listed before the questions: \(row)") }
            }
            let target = language == .ja ? "（目標）" : "(target)"
            if !givens.contains(target) { out.append("\(place): the targets are not named as targets") }
        } else if !givens.contains("\(data.count)") {
            out.append("\(place): the sheet does not say how many samples there are")
        }
        return out
    }

    /// The answer as a sheet could print it (the test's own reading, not the binary's): at the
    /// quiz's precision and at four decimals, either minus sign, a number also without its sign;
    /// not the ones that round to zero or that the data or the network print anyway.
    private func answerSpellings(_ player: LessonPlayer, _ quiz: Quiz) -> [String] {
        guard let value = player.expectedValue, value.isFinite else { return [] }
        var formats = [ValueFormat.standard]
        if quiz.kind == .number { formats.append(quiz.format) }
        var out: Set<String> = []
        for f in formats {
            let text = f.format(value)
            out.insert(text)
            out.insert(text.replacingOccurrences(of: "−", with: "-"))
            if quiz.kind == .number { out.insert(f.format(abs(value))) }
        }
        let file = player.file, net = player.sceneTimeline.shownTrainer.network
        var world = quiz.given.compactMap { player.value(of: $0) }
        world += file.data.inputs.flatMap { $0 } + file.data.targets.flatMap { $0 } + [file.training.learningRate]
        world += net.parameterRefs.map { net.value(of: $0) }
        let shown = Set(world.filter { abs(abs($0) - abs(value)) < 0.01 }.flatMap { v in
            formats.flatMap { f in [f.format(v), f.format(abs(v))] }
        })
        return out.filter { !["0.0000", "−0.0000", "-0.0000", "0", "0.00", "−0.00"].contains($0) && !shown.contains($0) }.sorted()
    }

    private func containsWholeNumber(_ haystack: String, _ needle: String) -> Bool {
        var search = haystack[...]
        while let r = search.range(of: needle) {
            let before = haystack[..<r.lowerBound].last, after = haystack[r.upperBound...].first
            if !(before.map { $0.isNumber || $0 == "." } ?? false) && !(after.map { $0.isNumber } ?? false) { return true }
            search = haystack[r.upperBound...]
        }
        return false
    }
}
