import BackpropEngine
import Foundation
import XCTest
@testable import TutorFiles

/// Networks too large to train or to step through are refused at the line that sets their size,
/// before anything of that size is allocated (issue 14).
final class SizeLimitFileTests: XCTestCase {
    private func network(_ layers: String, training: String = "", rows: Int = 1, outputs: Int = 2) -> String {
        let input = (0..<rows).map { "[\($0 % 2), 1]" }.joined(separator: ", ")
        let target = "[" + Array(repeating: "0", count: outputs).joined(separator: ", ") + "]"
        return "title = \"big\"\n[network]\nlayers = \(layers)\n" + (training.isEmpty ? "" : "[training]\n\(training)\n")
            + "[data]\ninputs = [\(input)]\ntargets = [" + Array(repeating: target, count: rows).joined(separator: ", ") + "]\n"
    }

    func testLayersTooLargeAreRefusedAtTheirLine() {
        assertError(network("[2, 9223372036854775807, 2]"), line: 3,
                    "network.layers: a 2-9223372036854775807-2 network has 4.6e19 parameters; training it would need "
                        + "about 3.3e21 bytes of memory, and the limit is 10,000,000 parameters (about 720 MB)")
        assertError(network("[2, 1000000000, 2]"), line: 3,
                    "network.layers: a 2-1000000000-2 network has 5,000,000,002 parameters; training it would need "
                        + "about 360 GB of memory, and the limit is 10,000,000 parameters (about 720 MB)")
        assertError(network("[2, 30000, 30000, 2]"), line: 3,
                    "network.layers: a 2-30000-30000-2 network has 900,180,002 parameters; training it would need "
                        + "about 64.8 GB of memory, and the limit is 10,000,000 parameters (about 720 MB)")
        // the engine's size rules, in the file's words
        assertError(network("[2]"), line: 3, "network.layers needs at least 2 sizes (the input and the output layer), got 1")
        assertError(network("[2, 0, 2]"), line: 3, "network.layers[1] must be at least 1, got 0")
    }

    func testFullBatchOverTheActivationLimit() {
        // [2, 40000, 1]: 40,003 neurons × 300 samples = 12,000,900 activations; 10,000,000 / 40,003 = 249
        let text = network("[2, 40000, 1]", rows: 300, outputs: 1)
        do {
            _ = try parse(text)
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.line, 3)
            XCTAssertTrue(error.message.hasPrefix("a batch of 300 samples through a 2-40000-1 network is 12,000,900 activations; "),
                          error.message)
            XCTAssertTrue(error.message.hasSuffix("; set training.batch_size to 249 or fewer"), error.message)
        }
        // a [training] table without batch_size is still the full batch: the error stays at layers
        XCTAssertThrowsError(try parse(network("[2, 40000, 1]", training: "epochs = 5", rows: 300, outputs: 1))) {
            XCTAssertEqual(($0 as? FileError)?.line, 3)
        }
        // with batch_size given, the error is at its line; 249 is accepted
        XCTAssertThrowsError(try parse(network("[2, 40000, 1]", training: "batch_size = 250", rows: 300, outputs: 1))) {
            XCTAssertEqual(($0 as? FileError)?.line, 5)
        }
        XCTAssertNoThrow(try parse(network("[2, 40000, 1]", training: "batch_size = 249", rows: 300, outputs: 1)))
    }

    func testStepsTooLargeToRecordAreRefusedForLessonsAndOnRequest() throws {
        // 3000 + 1500 + 2,250,000 + 1500 + 3000 + 2 = 2,259,002 parameters: a recorded step of one sample is over 256 MB (its events alone are 180 MB)
        let lesson = network("[2, 1500, 1500, 2]") + "[lesson]\nid = \"big\"\ntitle_en = \"Big\"\ntitle_ja = \"大\"\n"
            + scene(narration: "x")
        do {
            _ = try parse(lesson)
            XCTFail("a lesson is always stepped through")
        } catch {
            XCTAssertEqual(error.line, 3)
            XCTAssertTrue(error.message.contains("recording one update of a 2-1500-1500-2 network on a batch of 1 sample"),
                          error.message)
            XCTAssertTrue(error.message.hasSuffix("even one sample is too many, so use a smaller network "
                + "(`train` does not record steps and can still train this one)"), error.message)
        }
        // a plain network file of that size loads (train can use it); open and trace ask first
        let plain = try parse(network("[2, 1500, 1500, 2]"))
        XCTAssertThrowsError(try plain.checkRecording()) { XCTAssertEqual(($0 as? FileError)?.line, 3) }
        XCTAssertThrowsError(try plain.timeline())
    }

    func testTheSuggestedBatchCanBeRecorded() throws {
        // [2, 50, 1] on 30,000 samples in one batch: about 10.7 million events, over the limit
        let dir = NSTemporaryDirectory() + "size-limit-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try (0..<30_000).map { "\(Double($0 % 100) / 100),\(Double($0 % 7) / 7),\($0 % 2)" }.joined(separator: "\n")
            .write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
        let file = try parse("[network]\nlayers = [2, 50, 1]\n[training]\nbatch_size = 30000\n[data]\nfile = \"d.csv\"\n", base: dir)
        do {
            try file.checkRecording()
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.line, 4)
            let words = error.message.components(separatedBy: "set training.batch_size to ")
            let suggested = try XCTUnwrap(Int(try XCTUnwrap(words.last?.split(separator: " ").first)))
            let size = try NetworkSize(layerSizes: [2, 50, 1])
            // the suggestion is the largest batch that fits, in the worst case of the shape
            XCTAssertLessThanOrEqual(try XCTUnwrap(size.recordedStepBytes(batch: suggested, biasMode: .trainable, clipping: true)),
                                     NetworkSize.maxRecordedStepBytes)
            XCTAssertGreaterThan(try XCTUnwrap(size.recordedStepBytes(batch: suggested + 1, biasMode: .trainable, clipping: true)),
                                 NetworkSize.maxRecordedStepBytes)
            XCTAssertLessThan(suggested, 30_000)
        }
        XCTAssertNoThrow(try file.trainer())
    }
}
