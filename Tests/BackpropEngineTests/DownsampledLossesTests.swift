import XCTest
@testable import BackpropEngine

/// The playground's loss curves stay bounded however long it trains (issue 14), and still span
/// the whole run. Expected values by hand.
final class DownsampledLossesTests: XCTestCase {
    func testSmallRunsKeepEveryEpoch() {
        var h = DownsampledLosses(capacity: 8)
        h.append(contentsOf: [4, 3, 2])
        XCTAssertEqual(h.curve.positions, [0, 1, 2])
        XCTAssertEqual(h.curve.values, [4, 3, 2])
        XCTAssertEqual(h.last, 2)
        XCTAssertEqual(h.count, 3)
    }

    func testFullPointsMergeInPairs() {
        var h = DownsampledLosses(capacity: 4)
        // 1 2 3 4 fills the 4 points: they become (1+2)/2, (3+4)/2 with span 2
        h.append(contentsOf: [1, 2, 3, 4])
        XCTAssertEqual(h.span, 2)
        XCTAssertEqual(h.curve.positions, [0, 2])
        XCTAssertEqual(h.curve.values, [1.5, 3.5])
        // 5 starts a span of 2: shown as its mean so far, at epoch 4
        h.append(5)
        XCTAssertEqual(h.curve.positions, [0, 2, 4])
        XCTAssertEqual(h.curve.values, [1.5, 3.5, 5])
        // 6 7 8: points 1.5 3.5 5.5 7.5 fill up → 2.5, 6.5 with span 4 (the means of 1…4 and 5…8)
        h.append(contentsOf: [6, 7, 8])
        XCTAssertEqual(h.span, 4)
        XCTAssertEqual(h.curve.positions, [0, 4])
        XCTAssertEqual(h.curve.values, [2.5, 6.5])
    }

    func testMillionsOfEpochsStayBoundedAndSpanTheRun() {
        var h = DownsampledLosses(capacity: 1024)
        let epochs = 3_000_000
        var maxPoints = 0
        for e in 0..<epochs {
            // loss = epoch number: each point's mean is the middle of its span
            h.append(Double(e))
            if e % 997 == 0 { maxPoints = max(maxPoints, h.pointCount) }
        }
        maxPoints = max(maxPoints, h.pointCount)
        XCTAssertLessThanOrEqual(maxPoints, 1024)
        XCTAssertEqual(h.count, epochs)
        let c = h.curve
        // 3,000,000 / 1024 > 2048: the span is 4096 (the points halve at 1024 × 2^k epochs)
        XCTAssertEqual(h.span, 4096)
        XCTAssertEqual(c.positions.first, 0)
        XCTAssertEqual(c.values.first, 2047.5)  // mean of 0…4095
        // the last point starts at the last span's first epoch and covers the run's end
        let lastStart = c.positions.last!
        XCTAssertEqual(lastStart, Double((epochs - 1) / 4096 * 4096))
        XCTAssertEqual(c.values.last!, (lastStart + Double(epochs - 1)) / 2)
        XCTAssertEqual(h.last, Double(epochs - 1))
    }
}
