import BackpropEngine
@testable import TerminalUI
import TutorFiles
import XCTest

/// The "first gradient per layer, each run" panel of every lesson scene that shows it, at 80x24
/// and 120x40 in both languages: every bar of every run is on screen and says whose it is (its
/// run's name beside it, or a letter that the border's legend names).
final class CompareGradientsLayoutTests: XCTestCase {
    func testEveryRunAndLayerIsOnScreenAndNamed() throws {
        var panels = 0
        for file in try BuiltinLessons.lessons() {
            let lesson = try XCTUnwrap(file.lesson)
            let scenes = lesson.scenes.indices.filter { if case .comparisonGradients = lesson.scenes[$0].focus { return true }; return false }
            guard !scenes.isEmpty else { continue }
            var english = try XCTUnwrap(LessonPlayer(file: file, language: .en))
            for language in LessonLanguage.allCases {
                english.language = language
                for index in scenes {
                    var player = english
                    player.go(to: index)
                    for (width, height) in [(80, 24), (120, 40)] {
                        let model = LessonModel(player: player, width: width, height: height, unicode: true, theme: .default)
                        let place = "\(lesson.id) \(language.rawValue) \(width)x\(height) scene \(index + 1)"
                        let panel = try XCTUnwrap(screenPanels(view(model)).first { $0.title.hasPrefix(model.text.compareGradientsTitle) }, place)
                        panels += 1
                        let tokens = Set(panel.text.flatMap { $0.split(separator: " ").map(String.init) })
                        let runs = try XCTUnwrap(model.player.comparison?.runs, place)
                        XCTAssertGreaterThanOrEqual(runs.count, 2, place)
                        for (r, run) in runs.enumerated() {
                            let title = run.title(language)
                            let letter = String(UnicodeScalar(UInt8(65 + r)))
                            let legend = panel.footer.contains(letter + " " + title)
                            for k in 1...max(1, run.firstGradientNorms.count) {
                                let named = panel.squeezed.contains(squeeze(title + " " + model.text.layer(k)))
                                XCTAssertTrue(named || (legend && tokens.contains(letter + "\(k)")),
                                              "\(place): \(title) layer \(k) is not on screen or not named:\n\(panel.text.joined(separator: "\n"))\n\(panel.footer)")
                            }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThanOrEqual(panels, 12)
    }
}
