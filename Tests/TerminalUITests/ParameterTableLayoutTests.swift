import BackpropEngine
@testable import TerminalUI
import TutorFiles
import XCTest

/// The weights-and-biases table of a lesson scene when its twelve rows do not fit one under
/// another (the 2-2-2 network at 80x24): all of them in groups side by side when the columns
/// allow, else the rows the scene talks about and "⋮ N more" in the border; never rows left out
/// without a sign.
final class ParameterTableLayoutTests: XCTestCase {
    private func scene(_ id: String, _ index: Int, _ language: LessonLanguage, width: Int, height: Int) throws -> LessonModel {
        let file = try XCTUnwrap(try BuiltinLessons.lesson(id: id))
        var player = try XCTUnwrap(try LessonPlayer(file: file, language: language))
        player.go(to: index)
        return LessonModel(player: player, width: width, height: height, unicode: true, theme: .default)
    }

    private func table(_ model: LessonModel) throws -> ScreenPanel {
        try XCTUnwrap(screenPanels(view(model)).first { $0.title.hasPrefix(model.tutorModel.text.parameters) }, "no table")
    }

    /// The parameter names listed in the table's rows (several per row when grouped).
    private func names(_ panel: ScreenPanel, _ model: LessonModel) -> [String] {
        let words = model.tutorModel.words(width: 80)
        let all = model.player.sceneTimeline.shownTrainer.network.parameterRefs.map { words.name(of: $0) }
        return panel.text.dropFirst().flatMap { line in
            line.split(separator: " ").map(String.init).filter { all.contains($0) }
        }
    }

    /// Lesson 2, "Weights and biases": the twelve numbers the narration counts, all on screen.
    func testAllTwelveParametersAreShownWhereTheNarrationCountsThem() throws {
        for language in LessonLanguage.allCases {
            for (width, height) in [(80, 24), (120, 40)] {
                let model = try scene("forward-pass", 1, language, width: width, height: height)
                let panel = try table(model)
                XCTAssertEqual(Set(names(panel, model)).count, 12, "\(language) \(width)x\(height): \(panel.text)")
                XCTAssertFalse(panel.footer.contains("⋮"), panel.footer)
            }
        }
    }

    /// Lesson 4, "Every weight moves": beside the step panel only five rows fit; w₅ (the
    /// narration's example) and the weight the quiz asks about are among them and the border
    /// counts the rest.
    func testARowTheQuizAsksAboutStaysInAShortTable() throws {
        for language in LessonLanguage.allCases {
            let model = try scene("chain-rule", 8, language, width: 80, height: 24)
            let panel = try table(model)
            let shown = names(panel, model)
            guard case .newValue(let asked)? = model.player.scene.quiz?.answer else { return XCTFail("the quiz asks a new weight") }
            let askedName = model.tutorModel.words(width: 80).name(of: asked)
            XCTAssertTrue(shown.contains("w₅") && shown.contains(askedName), "\(language) \(askedName): \(panel.text)")
            let more = panel.footer.filter(\.isNumber)
            XCTAssertTrue(panel.footer.hasPrefix("⋮"), panel.footer)
            XCTAssertEqual(Int(more), 12 - shown.count, "\(language): \(panel.footer) with \(shown)")
            let tall = try table(try scene("chain-rule", 8, language, width: 120, height: 40))
            XCTAssertEqual(names(tall, model).count, 12, "\(language) 120x40: \(tall.text)")
            XCTAssertFalse(tall.footer.contains("⋮"), tall.footer)
        }
    }
}
