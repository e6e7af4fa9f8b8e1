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

    /// Lesson 11's five runs at 80 columns: the legend used to end "seed 5 0" (cut mid-number);
    /// its entries now stay whole, on a second row.
    func testLegendEntriesStayWhole() {
        let names = ["seed 1", "seed 2", "seed 3", "seed 4", "seed 5"]
        let ends = [0.00134, 0.128, 0.00324, 0.127, 0.00148]
        let series = zip(names, ends).map { name, end in
            var s = LossChart.Series(name: name, values: loss.map { $0 * end / 0.01 })
            s.legendValue = end
            return s
        }
        let b = chart(LossChart(series: series, logScale: true), width: 56, height: 10)
        let legend = b.lines[0] + " " + b.lines[1]
        for (name, end) in zip(names, ends) { XCTAssertTrue(legend.contains(name + " " + compactNumber(end)), legend) }
        // too little room for them all: "…", not a number cut short
        let small = chart(LossChart(series: series, logScale: true), width: 40, height: 6)
        XCTAssertTrue(small.lines[0].contains("…"), small.lines[0])
        XCTAssertFalse(small.lines[0].contains("seed 5"), small.lines[0])
        for line in small.lines.prefix(1) { XCTAssertFalse(line.hasSuffix(" 0"), line) }
    }

    /// A quiz about the runs' final losses: the legend and the axis show "?" for them.
    func testHiddenLegendValues() {
        var a = LossChart.Series(name: "SGD", values: loss)
        a.valueHidden = true
        a.legendValue = 0.0518
        let b = chart(LossChart(series: [a, LossChart.Series(name: "Adam", values: loss.map { $0 / 10 })], logScale: true))
        let text = b.lines.joined(separator: "\n")
        XCTAssertTrue(b.lines[0].contains("SGD ?"), b.lines[0])
        XCTAssertFalse(text.contains("0.0518"), text)
        XCTAssertFalse(text.contains(compactNumber(loss[0])), text)   // the axis' ticks neither
        XCTAssertTrue(b.lines[1].hasPrefix("?"), b.lines[1])
        // a legend value given replaces the last point's
        var c = LossChart.Series(name: "SGD", values: loss)
        c.legendValue = 0.0518
        XCTAssertTrue(chart(LossChart(series: [c])).lines[0].contains("SGD 0.0518"))
    }

    /// Without colour (NO_COLOR) or in ASCII every run had the same line: each now has its mark,
    /// in the plot and before its name in the legend.
    func testDistinctMarksWithoutColour() {
        var chart = LossChart(series: [LossChart.Series(name: "a", values: loss),
                                       LossChart.Series(name: "b", values: loss.map { $0 / 3 })])
        chart.distinctMarks = true
        let b = self.chart(chart)
        XCTAssertTrue(b.lines[0].hasPrefix("* a"), b.lines[0])
        XCTAssertTrue(b.lines[0].contains("o b"), b.lines[0])
        let plot = b.lines.dropFirst().joined()
        XCTAssertTrue(plot.contains("*") && plot.contains("o"), plot)
        XCTAssertFalse(plot.contains { ("\u{2800}"..."\u{28FF}").contains($0) }, plot)
    }

    /// Lesson 7's "which layer has the smallest gradient?": a hidden bar shows "?" and no length.
    func testHiddenGradientBar() {
        var g = GradientBars([("layer 1", 4.29e-5), ("layer 2", 0.0807)])
        g.bars[0].hidden = true
        var b = Buffer(width: 40, height: 3)
        g.render(into: &b, area: b.area)
        XCTAssertTrue(b.lines[0].hasSuffix("?"), b.lines[0])
        XCTAssertFalse(b.lines[0].contains("█") || b.lines[0].contains("4.29e-5"), b.lines[0])
        XCTAssertTrue(b.lines[1].contains("█") && b.lines[1].contains("0.0807"), b.lines[1])
    }
}
