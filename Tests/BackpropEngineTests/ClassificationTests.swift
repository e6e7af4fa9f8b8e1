import XCTest
@testable import BackpropEngine

/// One definition of the predicted class, accuracy and confusion matrix (issue 14: four copies
/// before, one of which called a one-output network's class always 0). Expected values by hand.
final class ClassificationTests: XCTestCase {
    func testClassOfARow() {
        // one sigmoid output: class 1 from 0.5 up
        XCTAssertEqual(Classification.classOf([0.5]), 1)
        XCTAssertEqual(Classification.classOf([0.49]), 0)
        XCTAssertEqual(Classification.classOf([0.93]), 1)
        XCTAssertEqual(Classification.classOf([0]), 0)
        // more outputs: the largest, the first one on a tie
        XCTAssertEqual(Classification.classOf([0.2, 0.7, 0.1]), 1)
        XCTAssertEqual(Classification.classOf([0.4, 0.4, 0.2]), 0)
        XCTAssertEqual(Classification.classOf([0, 0, 1]), 2)
        XCTAssertEqual(Classification.classCount(outputs: 1), 2)
        XCTAssertEqual(Classification.classCount(outputs: 10), 10)
    }

    func testAccuracyAndConfusionOfOneOutput() {
        // predicted 1 0 1 0 0, true 1 1 0 0 0: right are samples 0, 3, 4
        let set = ClassifiedSet(outputs: [[0.9], [0.2], [0.6], [0.4], [0.1]], targets: [[1], [1], [0], [0], [0]])
        XCTAssertEqual(set.predicted, [1, 0, 1, 0, 0])
        XCTAssertEqual(set.truth, [1, 1, 0, 0, 0])
        XCTAssertEqual(set.correct, 3)
        XCTAssertEqual(set.accuracy, 0.6)
        // counts[true][predicted]: true 0 → predicted 0 twice, 1 once; true 1 → 0 once, 1 once
        XCTAssertEqual(set.confusion, [[2, 1], [1, 1]])
    }

    func testAccuracyAndConfusionOfThreeClasses() {
        let outputs: [[Double]] = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.5, 0.1, 0.4]]
        let targets: [[Double]] = [[1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1]]
        let set = ClassifiedSet(outputs: outputs, targets: targets)
        XCTAssertEqual(set.predicted, [0, 1, 2, 0])
        XCTAssertEqual(set.truth, [0, 1, 1, 2])
        XCTAssertEqual(set.accuracy, 0.5)
        XCTAssertEqual(set.confusion, [[1, 0, 0], [0, 1, 1], [1, 0, 0]])
        XCTAssertEqual(ClassifiedSet(outputs: [], targets: []).accuracy, 0)
    }

    func testANetworksOneOutputIsReadByThreshold() throws {
        // ŷ = x (1-1 identity, w = 1): outputs 0.7 and 0.3 for two samples of class 1. An argmax of
        // one value is always 0 for both rows, which counted every sample right (accuracy 1).
        let net = try Fixtures.line(w: 1)
        let data = Dataset(inputs: [[0.7], [0.3]], targets: [[1], [1]])
        let set = ClassifiedSet(network: net, data: data)
        XCTAssertEqual(set.predicted, [1, 0])
        XCTAssertEqual(set.accuracy, 0.5)
    }
}
