import BackpropEngine
import EventWords
import Foundation
import TerminalUI
import TutorFiles
import XCTest

/// Text snapshots of the whole tutor screen: the 2-2-2 worked example and the article's XOR network,
/// at 80x24 and 120x40, Unicode and ASCII, one screen per phase of the first update; plus the start
/// screen, the help overlay and the too-small screen once each.
/// Files: `__Snapshots__/tutor-<net>-<size>-<mode>-<phase>.txt`. Re-record with `RECORD_SNAPSHOTS=1`
/// and read every changed file by eye before accepting it.
final class TutorSnapshotTests: XCTestCase {
    /// The two lesson files, loaded from lessons/ at the top of the repository.
    static let networks: [(name: String, file: String)] = [("2-2-2", "two-two-two.toml"), ("article-xor", "article-xor.toml")]
    static let sizes: [(width: Int, height: Int)] = [(80, 24), (120, 40)]

    static func lessonPath(_ name: String, filePath: String = #filePath) -> String {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()   // TerminalUITests
            .deletingLastPathComponent()   // Tests
            .deletingLastPathComponent()   // the package
            .appendingPathComponent("lessons").appendingPathComponent(name).path
    }

    static func model(_ file: String, width: Int, height: Int, unicode: Bool) throws -> TutorModel {
        let network = try NetworkFile.load(path: lessonPath(file))
        return try TutorModel(file: network, width: width, height: height, language: .en, unicode: unicode,
                              theme: .default)
    }

    /// The four phases and the event each one is shown at.
    static let phases: [(name: String, matches: @Sendable (StepEvent) -> Bool)] = [
        // forward: the first neuron's activation a = f(z)
        ("forward", { if case .activation = $0.kind { return true } else { return false } }),
        // loss: the first sample's loss
        ("loss", { if case .sampleLoss = $0.kind { return true } else { return false } }),
        // backward: ∂L/∂w of a hidden weight (input → hidden), so the chain-rule path to the loss lights up;
        // the first one that is not 0 (in XOR the first sample's x₁ and x₂ are 0, and so are their gradients)
        ("backward", {
            if case .weightGradient(.weight(layer: 0, to: _, from: _), _, let value) = $0.kind { return value != 0 }
            return false
        }),
        // update: the first weight update
        ("update", { if case .update(.weight, _) = $0.kind { return true } else { return false } }),
    ]

    func press(_ model: inout TutorModel, _ keys: Key..., times: Int = 1) {
        for _ in 0..<times { for key in keys { update(&model, .key(key)) } }
    }

    /// Steps with → from the start until the event on screen matches.
    func moveTo(_ model: inout TutorModel, where matches: (StepEvent) -> Bool, file: StaticString = #filePath,
                line: UInt = #line) -> Bool {
        for _ in 0..<1_000 {
            press(&model, .right)
            if let event = model.timeline.currentEvent, matches(event) { return true }
        }
        XCTFail("no matching event in the first 1000", file: file, line: line)
        return false
    }

    func testEveryPhaseOfBothNetworksAtBothSizesInBothModes() throws {
        for network in Self.networks {
            for size in Self.sizes {
                for unicode in [true, false] {
                    for phase in Self.phases {
                        var model = try Self.model(network.file, width: size.width, height: size.height, unicode: unicode)
                        guard moveTo(&model, where: phase.matches) else { continue }
                        XCTAssertEqual(model.timeline.currentEvent?.phase.rawValue, phase.name)
                        let name = "tutor-\(network.name)-\(size.width)x\(size.height)-\(unicode ? "unicode" : "ascii")-\(phase.name)"
                        let screen = view(model)
                        XCTAssertEqual(screen.width, size.width, name)
                        XCTAssertEqual(screen.height, size.height, name)
                        assertSnapshot(screen, named: name)
                    }
                }
            }
        }
    }

    func testStartScreen() throws {
        let model = try Self.model("two-two-two.toml", width: 80, height: 24, unicode: true)
        XCTAssertNil(model.timeline.position)
        assertSnapshot(view(model), named: "tutor-2-2-2-80x24-unicode-start")
    }

    func testHelpOverlay() throws {
        var model = try Self.model("article-xor.toml", width: 80, height: 24, unicode: true)
        press(&model, .right, times: 3)
        press(&model, .character("?"))
        XCTAssertEqual(model.overlay, .help)
        assertSnapshot(view(model), named: "tutor-article-xor-80x24-unicode-help")
    }

    func testTooSmallScreen() throws {
        var model = try Self.model("two-two-two.toml", width: 80, height: 24, unicode: true)
        press(&model, .right, times: 3)
        update(&model, .resize(width: 60, height: 20))
        assertSnapshot(view(model), named: "tutor-2-2-2-60x20-unicode-too-small")
    }
}
