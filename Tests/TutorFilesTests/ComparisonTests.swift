import BackpropEngine
import Foundation
import XCTest
@testable import TutorFiles

/// Gradient norms, clipping, test accuracy, `compare` runs and the new focuses (lessons 7–11).
final class ComparisonTests: XCTestCase {
    let twoRuns = "compare = [{ name = \"slow\" }, { name = \"fast\", learning_rate = 2.0, optimizer = \"momentum\" }]\ncompare_epochs = 5\n"

    func testGradientNormsPerLayerAndInTotal() throws {
        let file = try lessonFile(scene())
        var t = try Timeline(trainer: try Trainer(network: file.network, config: file.training, data: file.data))
        t.forward(by: .update)
        let g = try XCTUnwrap(t.currentTrace).gradient
        let layer1 = g.weights[0].reduce(0) { $0 + $1 * $1 }.squareRoot()
        let layer2 = g.weights[1].reduce(0) { $0 + $1 * $1 }.squareRoot()
        XCTAssertEqual(ValueResolver.resolve(name: "gradnorm.layer1", timeline: t)!, layer1, accuracy: 1e-15)
        XCTAssertEqual(ValueResolver.resolve(name: "gradnorm.layer2", timeline: t)!, layer2, accuracy: 1e-15)
        // frozen biases: the total is the weights' only, as clipping measures it
        XCTAssertEqual(ValueResolver.resolve(name: "gradnorm", timeline: t)!, (layer1 * layer1 + layer2 * layer2).squareRoot(),
                       accuracy: 1e-15)
        XCTAssertEqual(ValueResolver.resolve(name: "clipscale", timeline: t), 1)
        XCTAssertNil(ValueResolver.resolve(name: "clip", timeline: t))
        XCTAssertNil(ValueResolver.resolve(name: "accuracy.test", timeline: t))
        XCTAssertEqual(Narration.render("{gradnorm.layer2:.3e}", timeline: t, ascii: true), String(format: "%.3e", layer2))
    }

    func testBadGradientNormNames() {
        assertError(lessonNetwork + scene(narration: "{gradnorm.layer3}"), line: 22,
                    "unknown value \"gradnorm.layer3\": gradnorm. is followed by layer1…layer2 (the weights into that layer)")
        assertError(lessonNetwork + scene(narration: "{compare.adam.loss}"), line: 22,
                    "unknown value \"compare.adam.loss\": the lesson has no compare list (compare = [{ name = \"…\", … }] in [lesson])")
    }

    func testComparisonRunsAndPlaceholders() throws {
        let file = try parse(lessonNetwork + twoRuns + scene(narration: "{compare.fast.loss:.6f} {compare.slow.gradnorm.layer2:.6f}"))
        let spec = try XCTUnwrap(file.lesson?.comparison)
        XCTAssertEqual(spec.variants.map(\.name), ["slow", "fast"])
        XCTAssertEqual(spec.epochs, 5)
        XCTAssertEqual(spec.variants[1].training.learningRate, 2.0)
        XCTAssertEqual(spec.variants[1].training.optimizer, .momentum(mu: 0.9))
        let player = try XCTUnwrap(try LessonPlayer(file: file))
        let c = try XCTUnwrap(player.comparison)
        XCTAssertEqual(c.runs.map { $0.epochLosses.count }, [5, 5])
        // the unchanged run is the lesson's own training
        var trainer = try Trainer(network: file.network, config: file.training, data: file.data)
        trainer.train(epochs: 5)
        XCTAssertEqual(c.runs[0].epochLosses, Array(trainer.epochLosses))
        XCTAssertEqual(c.runs[0].finalLoss, trainer.loss())
        XCTAssertLessThan(c.runs[1].finalLoss, c.runs[0].finalLoss)
        XCTAssertEqual(player.narration(), String(format: "%.6f %.6f", c.runs[1].finalLoss, c.runs[0].firstGradientNorms[1]))
        XCTAssertEqual(c.value("slow", .diverged), 0)
        XCTAssertEqual(c.value("fast", .learningRate), 2.0)
    }

    func testComparisonErrors() {
        assertError(lessonNetwork + "compare = [{ name = \"a\" }, { name = \"b\", optimizer = \"adamw\" }]\n" + scene(), line: 21,
                    "compare \"b\": unknown optimizer \"adamw\"; did you mean \"adam\"?")
        assertError(lessonNetwork + "compare = [{ name = \"a\", layers = [2, 2] }]\n" + scene(), line: 21,
                    "unknown key \"layers\" in lesson.compare[0]; it belongs in [network]")
        assertError(lessonNetwork + "compare = [{ name = \"a\" }, { name = \"a\" }]\n" + scene(), line: 21,
                    "lesson.compare: two runs are named \"a\"")
        assertError(lessonNetwork + twoRuns + scene(narration: "{compare.fats.loss}"), line: 24,
                    "unknown value \"compare.fats.loss\": no run \"fats\" in compare; did you mean \"fast\"?")
        assertError(lessonNetwork + scene("focus = \"compare\""), line: 24,
                    "scene 1: focus \"compare\" needs a compare list in [lesson] (compare = [{ name = \"…\", … }])")
        assertError(lessonNetwork + scene("focus = \"digits\""), line: 24,
                    "scene 1: focus \"digits\" needs square images as inputs (64 = 8×8) and a class per output neuron")
    }

    func testNewFocuses() throws {
        let file = try parse(lessonNetwork + twoRuns + scene("focus = \"compare gradients\"") + "\n" + scene("focus = \"gradients\"")
                             + "\n" + scene("focus = \"compare\""))
        XCTAssertEqual(file.lesson?.scenes.map(\.focus), [.comparisonGradients, .gradients, .comparison])
    }

    // MARK: the claims the narration of lessons 7–11 makes about their numbers

    func lesson(_ id: String) throws -> (NetworkFile, Comparison?) {
        let file = try XCTUnwrap(try diskLessons().first { $0.lesson?.id == id }, id)
        return (file, try Comparison.compute(for: file))
    }

    func testActivationsLessonShowsVanishingGradientsAndReLUsAnswer() throws {
        let (_, c) = try lesson("activations")
        let c1 = try XCTUnwrap(c)
        let sigmoid = try XCTUnwrap(c1.run(named: "sigmoid")), relu = try XCTUnwrap(c1.run(named: "relu"))
        let tanh = try XCTUnwrap(c1.run(named: "tanh"))
        // layer 1 smallest, shrinking toward the inputs
        XCTAssertEqual(sigmoid.firstGradientNorms, sigmoid.firstGradientNorms.sorted())
        XCTAssertGreaterThan(sigmoid.finalLoss, 0.24)
        XCTAssertLessThan(tanh.finalLoss, 0.01)
        XCTAssertLessThan(relu.finalLoss, 0.01)
        XCTAssertGreaterThan(relu.firstGradientNorms[0], 100 * sigmoid.firstGradientNorms[0])
    }

    func testExplodingLessonBlowsUpWithoutClippingOnly() throws {
        let (_, c) = try lesson("exploding-gradients")
        let plain = try XCTUnwrap(c?.run(named: "plain")), clipped = try XCTUnwrap(c?.run(named: "clipped"))
        XCTAssertGreaterThan(plain.epochLosses.max()!, 1e6)
        XCTAssertGreaterThan(plain.finalLoss, 1e6)
        XCTAssertLessThan(clipped.finalLoss, 0.1)
        XCTAssertLessThan(clipped.firstClipScale, 0.01)
    }

    func testOptimizersLessonRanking() throws {
        let (_, c) = try lesson("optimizers")
        let losses = try ["sgd", "momentum", "adam"].map { try XCTUnwrap(c?.run(named: $0)).finalLoss }
        XCTAssertEqual(losses, losses.sorted(by: >), "Adam lowest, then Momentum, then SGD")
    }

    func testRestartsLessonSeedsTwoAndFourGetStuck() throws {
        let (file, c) = try lesson("restarts")
        let stuck = try XCTUnwrap(c).runs.filter { $0.finalLoss > 0.1 }.map(\.name)
        XCTAssertEqual(stuck, ["seed2", "seed4"])
        XCTAssertEqual(file.spec.seed, 2)
        XCTAssertTrue(c!.runs.allSatisfy { $0.finalLoss < 0.01 || $0.finalLoss > 0.1 })
    }

    func testDigitsLessonGalleryAndAccuracy() throws {
        let (file, _) = try lesson("digits")
        var player = try XCTUnwrap(try LessonPlayer(file: file))
        let before = player.gallery()
        XCTAssertEqual(before.source, .test)
        XCTAssertEqual(before.samples.count, 12)
        XCTAssertEqual(before.samples[0].width, 8)
        XCTAssertEqual(before.samples[0].pixels.count, 64)
        while player.nextScene() {}
        XCTAssertEqual(player.scene.focus, .digits(mistakes: true))
        let mistakes = player.gallery()
        XCTAssertFalse(mistakes.samples.isEmpty)
        XCTAssertTrue(mistakes.samples.allSatisfy { !$0.isCorrect })
        let test = try XCTUnwrap(ValueResolver.resolve(.testAccuracy, timeline: player.sceneTimeline))
        XCTAssertGreaterThan(test, 0.9)
        XCTAssertLessThan(test, 1)
    }
}
