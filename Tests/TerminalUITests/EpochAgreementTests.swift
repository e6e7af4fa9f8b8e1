import BackpropEngine
import Foundation
@testable import TerminalUI
import TutorFiles
import XCTest

/// One count of epochs on every screen (from 1, as the header's "epoch 1001" and the text's
/// "we are now in epoch 1001"), and a loss curve that ends at the loss the text quotes.
final class EpochAgreementTests: XCTestCase {
    /// Averaged spans (more epochs than points) still end at the newest update's own loss.
    func testSpanCurveEndsAtTheNewestUpdatesLoss() throws {
        var t = try Timeline(trainer: TutorRunKeysTests.shuffledMiniBatches())
        t.skip(epochs: 200)
        let newest = t.trainedUpdates - 1
        XCTAssertEqual(t.position?.step, newest)
        let curve = t.lossCurve(maxPoints: 50)
        XCTAssertLessThanOrEqual(curve.values.count, 50)
        XCTAssertEqual(curve.values.last, t.currentTrace?.batchLoss, "the loss of the update on screen, not a mean")
        XCTAssertEqual(curve.positions.last, Double(newest) / Double(t.batchesPerEpoch))
        // the points before it are means of whole spans that leave the newest update out
        let span = Int(curve.positions[1] - curve.positions[0])
        XCTAssertGreaterThan(span, 1)
        XCTAssertEqual(curve.values[0], t.live.epochLosses[0..<span].reduce(0, +) / Double(span), accuracy: 1e-12, "first span")
    }

    /// Every lesson scene with a loss curve: the curve ends at the engine's loss for the step on
    /// screen (the `{loss}` the narration quotes), its axis ends at the narration's `{epoch}`, and
    /// the lowest tick shows that loss when it is the lowest; a comparison plot ends at the epoch
    /// after its runs' training, where their `compare.<run>.loss` is.
    func testLossAxesAndCurvesAgreeWithTheText() throws {
        var problems: [String] = []
        var curves = 0, comparisons = 0
        for file in try BuiltinLessons.lessons() {
            let lesson = try XCTUnwrap(file.lesson)
            let player = try XCTUnwrap(LessonPlayer(file: file, language: .en))
            for (width, height) in [(80, 24), (120, 40)] {
                var model = LessonModel(player: player, width: width, height: height, unicode: true, theme: .default)
                for k in lesson.scenes.indices {
                    if k > 0 { model.player.go(to: k) }
                    let place = "\(lesson.id) \(width)x\(height) scene \(k + 1)"
                    let panels = screenPanels(view(model))
                    let tutor = model.tutorModel
                    let timeline = tutor.timeline
                    if let loss = panels.first(where: { $0.title == "loss" || $0.title.hasPrefix("loss ") && !$0.title.hasPrefix("loss of") }) {
                        curves += 1
                        let atNewest = timeline.position?.step == timeline.trainedUpdates - 1
                        guard atNewest, let epoch = ValueResolver.resolve(.epoch, timeline: timeline) else { continue }
                        if axisEnd(loss) != String(Int(epoch)) {
                            problems.append("\(place): the loss axis ends at \(axisEnd(loss) ?? "nothing"), the text's epoch is \(Int(epoch))")
                        }
                        guard !tutor.hidden.loss, let quoted = ValueResolver.resolve(.loss, timeline: timeline) else { continue }
                        let curve = tutor.shownLossCurve(maxPoints: 2 * width)
                        if curve.values.last != quoted {
                            problems.append("\(place): the curve ends at \(curve.values.last ?? .nan), the loss is \(quoted)")
                        }
                        if curve.values.allSatisfy({ !$0.isFinite || $0 >= quoted }), !tutor.lossAxisIsLog || quoted > 0,
                           bottomTick(loss) != compactNumber(quoted) {
                            problems.append("\(place): the lowest tick is \(bottomTick(loss) ?? "none"), the loss \(compactNumber(quoted))")
                        }
                    }
                    if let compare = panels.first(where: { $0.title.hasPrefix("loss of each run") }),
                       let runs = model.player.comparison?.runs, runs.contains(where: { $0.divergence == nil }) {
                        comparisons += 1
                        let last = runs.filter { $0.divergence == nil }.map { $0.epochLosses.count + 1 }.max() ?? 0
                        if axisEnd(compare) != String(last) {
                            problems.append("\(place): the comparison axis ends at \(axisEnd(compare) ?? "nothing"), not at epoch \(last)")
                        }
                        if let first = axisStart(compare), first != "1" {
                            problems.append("\(place): the comparison axis starts at \(first), not at epoch 1")
                        }
                    }
                    if let loss = panels.first(where: { $0.title == "loss" }), let first = axisStart(loss), first != "1" {
                        problems.append("\(place): the loss axis starts at \(first), not at epoch 1")
                    }
                }
            }
        }
        XCTAssertGreaterThan(curves, 10)
        XCTAssertGreaterThan(comparisons, 5)
        XCTAssertTrue(problems.isEmpty, problems.joined(separator: "\n"))
    }

    /// Lesson 01's last scene: the number the narration quotes is the curve's lowest tick.
    func testOneNeuronsLastSceneShowsTheQuotedLoss() throws {
        let file = try XCTUnwrap(try BuiltinLessons.lessons().first)
        var player = try XCTUnwrap(LessonPlayer(file: file, language: .en))
        player.go(to: player.lesson.scenes.count - 1)
        let model = LessonModel(player: player, width: 80, height: 24, unicode: true, theme: .default)
        let loss = try XCTUnwrap(ValueResolver.resolve(.loss, timeline: player.timeline))
        XCTAssertTrue(player.narration().contains(String(format: "%.6f", loss)), player.narration())
        let panel = try XCTUnwrap(screenPanels(view(model)).first { $0.title == "loss" })
        XCTAssertEqual(bottomTick(panel), compactNumber(loss))
        XCTAssertEqual(axisEnd(panel), "201")
    }

    /// The run bar numbers epochs as the header does: from 1, up to the newest update's epoch.
    func testRunBarCountsEpochsFromOne() throws {
        var model = try TutorUpdateTests.twoTwoTwo(width: 120, height: 40)
        XCTAssertTrue(view(model).line(1).hasPrefix(" run 1 ●"), view(model).line(1))
        XCTAssertTrue(view(model).line(1).contains("not trained yet"), view(model).line(1))
        press(&model, .character("e"))
        for c in "1000" { press(&model, .character(c)) }
        press(&model, .enter)
        let header = view(model).line(0), bar = view(model).line(1)
        XCTAssertTrue(header.contains("epoch 1001"), header)
        XCTAssertTrue(bar.contains("reached epoch 1001"), bar)
        XCTAssertTrue(bar.hasPrefix(" run 1 "), bar)
        XCTAssertTrue(bar.contains("● 1001 "), "1000 epochs planned, the screen in epoch 1001, at the end: " + bar)
        // G to epoch 501: ● half way between epoch 1 and epoch 1001
        press(&model, .character("G"))
        for c in "epoch 501" { press(&model, .character(c)) }
        press(&model, .enter)
        let back = Array(view(model).line(1))
        let start = 7, end = try XCTUnwrap(back.lastIndex { "━─●".contains($0) })
        let dot = try XCTUnwrap(back.firstIndex(of: "●"))
        XCTAssertEqual(String(back[0..<start]), " run 1 ")
        XCTAssertEqual(Double(dot - start) / Double(end - start), 0.5, accuracy: 0.02, String(back))
    }

    private func press(_ model: inout TutorModel, _ key: Key) { update(&model, .key(key)) }
}

/// The last label under a chart's x axis (the line below `└───`).
private func axisLabels(_ panel: ScreenPanel) -> [Substring]? {
    guard let row = panel.text.firstIndex(where: { $0.contains("└") }), row + 1 < panel.text.count else { return nil }
    return panel.text[row + 1].split(separator: " ")
}

private func axisEnd(_ panel: ScreenPanel) -> String? { axisLabels(panel)?.last.map(String.init) }
private func axisStart(_ panel: ScreenPanel) -> String? { axisLabels(panel)?.first.map(String.init) }

/// The label of the lowest ┤ tick.
private func bottomTick(_ panel: ScreenPanel) -> String? {
    guard let line = panel.text.last(where: { $0.contains("┤") }) else { return nil }
    return line.split(separator: "┤").first.map { String($0).trimmingCharacters(in: " ") }
}
