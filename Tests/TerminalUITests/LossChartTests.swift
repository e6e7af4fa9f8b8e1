import Foundation
import TerminalUI
import XCTest

final class LossChartTests: XCTestCase {
    /// A loss curve that falls from 0.3 towards 0.01 over 40 epochs.
    let loss: [Double] = (0..<40).map { 0.3 * pow(0.88, Double($0)) + 0.01 }

    func chart(_ chart: LossChart, width: Int = 40, height: Int = 12) -> Buffer {
        var b = Buffer(width: width, height: height)
        chart.render(into: &b, area: b.area)
        return b
    }

    func testUnicodeLinear() {
        assertSnapshot(chart(LossChart(series: [("loss", loss, .accent)])), named: "loss-unicode-linear")
    }

    func testASCIILinear() {
        assertSnapshot(chart(LossChart(series: [("loss", loss, .accent)], unicode: false)), named: "loss-ascii-linear")
    }

    func testUnicodeLog() {
        assertSnapshot(chart(LossChart(series: [("loss", loss, .accent)], logScale: true)), named: "loss-unicode-log")
    }

    func testASCIILog() {
        assertSnapshot(chart(LossChart(series: [("loss", loss, .accent)], logScale: true, unicode: false)),
                       named: "loss-ascii-log")
    }

    func testMarker() {
        let b = chart(LossChart(series: [("loss", loss, .accent)], marker: 13))
        assertSnapshot(b, named: "loss-unicode-marker")
        let ascii = chart(LossChart(series: [("loss", loss, .accent)], marker: 13, unicode: false))
        assertSnapshot(ascii, named: "loss-ascii-marker")
        XCTAssertTrue(b.lines[b.height - 1].contains("13"))
    }

    func testNaNAndInfinityAreSkipped() {
        var values = loss
        values[10] = .nan
        values[11] = .infinity
        values[25] = -.infinity
        let b = chart(LossChart(series: [("loss", values, .accent)]))
        assertSnapshot(b, named: "loss-unicode-nan")
        XCTAssertFalse(b.description.contains("nan"))
        XCTAssertFalse(b.description.contains("inf"))
    }

    func testTwoSeries() {
        let val = loss.map { $0 * 1.2 + 0.02 }
        assertSnapshot(chart(LossChart(series: [("train", loss, .accent), ("test", val, .warning)]), width: 50, height: 10),
                       named: "loss-two-series")
    }

    /// Training and test loss stay apart without colour: the test curve is its points alone
    /// (`o` in ASCII, legend `o`), the training curve a joined line; epochs counted from 1.
    func testTestLossIsDottedAndEpochsCountFromOne() {
        let val = loss.map { $0 * 1.2 + 0.02 }
        var c = LossChart(series: [.init(name: "train", values: loss, role: .accent),
                                   .init(name: "test", values: val, role: .warning, dotted: true)], unicode: false)
        c.xMin = 1
        let b = chart(c, width: 50, height: 10)
        XCTAssertTrue(b.lines[0].hasPrefix("- train 0.0121  o test 0.0345"), b.description)
        let plot = b.lines[1..<(b.height - 2)].joined()
        XCTAssertTrue(plot.contains("o"), b.description)
        XCTAssertTrue(plot.contains("."), "the training line joins its points")
        let axis = b.lines[b.height - 1].split(separator: " ")
        XCTAssertEqual(axis.first, "1")
        XCTAssertEqual(axis.last, "40", "40 values are epochs 1…40")
    }

    func testEmpty() {
        let b = chart(LossChart(series: []), width: 30, height: 8)
        assertSnapshot(b, named: "loss-empty")
        XCTAssertTrue(b.description.contains("no data"))
        let allNaN = chart(LossChart(series: [("loss", [.nan, .nan], .accent)]), width: 30, height: 8)
        XCTAssertTrue(allNaN.description.contains("no data"))
    }

    func testSinglePoint() {
        let b = chart(LossChart(series: [("loss", [0.5], .accent)]), width: 30, height: 8)
        assertSnapshot(b, named: "loss-single-point")
        XCTAssertTrue(b.description.contains("0.55"))
        XCTAssertTrue(b.description.contains("0.45"))
    }

    func testLogScaleSkipsNonPositiveValues() {
        let b = chart(LossChart(series: [("loss", [1, 0, -1, 0.01], .accent)], logScale: true), width: 30, height: 8)
        XCTAssertTrue(b.lines[1].hasPrefix("   1┤"), b.description)
        XCTAssertTrue(b.description.contains("0.01┤"), b.description)
    }

    func testTinyAreasDoNotCrash() {
        for (w, h) in [(0, 0), (1, 1), (4, 1), (5, 2), (6, 3), (8, 4), (3, 20)] {
            _ = chart(LossChart(series: [("loss", loss, .accent)], marker: 5), width: w, height: h)
            _ = chart(LossChart(series: [("loss", loss, .accent)], marker: 5, unicode: false), width: w, height: h)
        }
    }

    /// Points at given x (a point per update, 4 an epoch) up to an axis end, with a cursor and a mark.
    func testPositionsCursorAndMark() {
        let values = (0..<40).map { 0.5 * pow(0.9, Double($0)) }
        var c = LossChart(series: [LossChart.Series(name: "loss", values: values, positions: (0..<40).map { Double($0) / 4 })],
                          marker: 7.5)
        c.xMax = 10
        c.mark = 2.5
        c.legendValues = false
        let b = chart(c, width: 40, height: 12)
        assertSnapshot(b, named: "loss-positions-cursor-mark")
        XCTAssertEqual(b.lines[0].trimmingCharacters(in: .whitespaces), "━ loss", "no value in the legend")
        let axis = b.lines[b.height - 1]
        XCTAssertTrue(axis.hasSuffix("10"), axis)
        XCTAssertTrue(axis.contains("7.5"), "the cursor's x, part-way through an epoch: " + axis)
        // plot columns: 36 after the axis; x = 2.5 of 10 is a quarter of the way, 7.5 three quarters
        let plotX = b.lines[1].firstIndex(of: "┤").map { b.lines[1].distance(from: b.lines[1].startIndex, to: $0) + 1 }!
        let dots = 2 * (40 - plotX)
        let markColumn = plotX + Int((2.5 / 10 * Double(dots - 1)).rounded()) / 2
        let cursorColumn = plotX + Int((7.5 / 10 * Double(dots - 1)).rounded()) / 2
        let rows = (1..<(b.height - 2)).map { Array(b.lines[$0]) }
        XCTAssertTrue(rows.contains { $0[markColumn] == "┊" }, b.description)
        XCTAssertTrue(rows.contains { $0[cursorColumn] == "│" }, b.description)
    }

    func testColoursFollowTheSeriesRole() {
        let b = chart(LossChart(series: [("loss", loss, .positive)]))
        let plotted = b.cells.filter { $0.symbol.unicodeScalars.first.map { (0x2801...0x28FF).contains($0.value) } ?? false }
        XCTAssertFalse(plotted.isEmpty)
        XCTAssertTrue(plotted.allSatisfy { $0.foreground == .positive })
    }
}
