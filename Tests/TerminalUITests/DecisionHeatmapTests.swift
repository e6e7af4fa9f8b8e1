import TerminalUI
import TestSupport
import XCTest

/// One letter per heatmap shade, confident class 0 … confident class 1, for readable snapshots
/// of colours (a text snapshot alone would show only '▀').
let shadeLetters: [ColorRole: Character] = [
    .heat0High: "O", .heat0Mid: "o", .heat0Low: "-", .heatNeutral: ".",
    .heat1Low: "+", .heat1Mid: "b", .heat1High: "B",
]

/// The symbols of `area`, then its pixels: per cell row, the upper pixel (the foreground of '▀',
/// or the point's glyph) and the lower pixel (the background), as `shadeLetters`.
func pixelView(_ buffer: Buffer, area: Rect) -> String {
    var out = buffer.lines
    out.append("-- pixels (upper, lower per row): O o - . + b B = confident 0 … confident 1 --")
    for y in area.top..<area.bottom {
        var upper = "", lower = ""
        for x in area.left..<area.right {
            let cell = buffer[x, y]
            if cell.symbol == "▀" {
                upper.append(shadeLetters[cell.style.foreground] ?? "?")
            } else {
                upper += cell.symbol
            }
            lower.append(cell.style.background.flatMap { shadeLetters[$0] } ?? " ")
        }
        out += [upper, lower]
    }
    return out.joined(separator: "\n")
}

final class DecisionHeatmapTests: XCTestCase {
    let range: ClosedRange<Double> = -1.5...1.5

    /// A made-up classifier: class 1 inside a circle of radius 0.8, tilted by x.
    func probability(_ p: [Double]) -> Double {
        let r = (p[0] * p[0] + p[1] * p[1]).squareRoot()
        return 1 / (1 + exp(6 * (r - 0.8) + 0.8 * p[0]))
    }

    let points: [DecisionHeatmap.DataPoint] = [
        .init(x: 0, y: 0, label: 1), .init(x: 0.3, y: -0.2, label: 1), .init(x: -0.2, y: 0.4, label: 1, isTest: true),
        .init(x: 1.2, y: 1.1, label: 0), .init(x: -1.3, y: -0.9, label: 0), .init(x: 1.0, y: -1.0, label: 0, isTest: true),
        .init(x: 0.9, y: 0.2, label: 1),  // misclassified: class 1 where the map says 0
        .init(x: 3, y: 0, label: 0),  // outside the range: not drawn
    ]

    func heatmap(width: Int, height: Int, color: Bool, unicode: Bool, axes: Bool = true) -> (Buffer, Rect) {
        let area = Rect(width: width, height: height)
        let size = DecisionHeatmap.gridSize(for: area, xRange: range, yRange: range, showAxes: axes, color: color)
        let grid = DecisionHeatmap.sampleGrid(width: size.width, height: size.height, xRange: range, yRange: range)
        let map = DecisionHeatmap(values: grid.map(probability), columns: size.width, rows: size.height,
                                  xRange: range, yRange: range, points: points, color: color, unicode: unicode,
                                  showAxes: axes)
        var b = Buffer(width: width, height: height)
        map.render(into: &b, area: area)
        return (b, DecisionHeatmap.plotArea(in: area, xRange: range, yRange: range, showAxes: axes))
    }

    func testUnicodeColourSnapshot() {
        let (b, plot) = heatmap(width: 36, height: 12, color: true, unicode: true)
        if let problem = Snapshot.mismatch(text: pixelView(b, area: plot), named: "heatmap-unicode",
                                           testFile: #filePath) {
            XCTFail(problem)
        }
    }

    func testASCIIShadingSnapshot() {
        let (b, _) = heatmap(width: 36, height: 12, color: false, unicode: false)
        assertSnapshot(b, named: "heatmap-ascii")
        XCTAssertFalse(b.description.unicodeScalars.contains { !$0.isASCII })
    }

    func testSampleGridIsPixelCentresTopRowFirst() {
        let g = DecisionHeatmap.sampleGrid(width: 4, height: 2, xRange: -1...1, yRange: -1...1)
        XCTAssertEqual(g.count, 8)
        XCTAssertEqual(g[0], [-0.75, 0.5])
        XCTAssertEqual(g[3], [0.75, 0.5])
        XCTAssertEqual(g[4], [-0.75, -0.5])
        XCTAssertEqual(g[7], [0.75, -0.5])
        XCTAssertEqual(DecisionHeatmap.sampleGrid(width: 0, height: 3, xRange: -1...1, yRange: -1...1).count, 0)
    }

    func testGridSizeIsTwoPixelsPerRowInColour() {
        let area = Rect(width: 120, height: 40)
        let plot = DecisionHeatmap.plotArea(in: area, xRange: range, yRange: range)
        XCTAssertEqual(plot, Rect(x: 5, y: 0, width: 115, height: 39))  // "-1.5" and a space; x labels below
        XCTAssertTrue(DecisionHeatmap.gridSize(for: area, xRange: range, yRange: range) == (115, 78))
        XCTAssertTrue(DecisionHeatmap.gridSize(for: area, xRange: range, yRange: range, color: false) == (115, 39))
        XCTAssertTrue(DecisionHeatmap.gridSize(for: area, xRange: range, yRange: range, showAxes: false) == (120, 80))
    }

    func testShadeLevels() {
        XCTAssertEqual(DecisionHeatmap.role(for: 0), .heat0High)
        XCTAssertEqual(DecisionHeatmap.role(for: 0.15), .heat0Mid)
        XCTAssertEqual(DecisionHeatmap.role(for: 0.3), .heat0Low)
        XCTAssertEqual(DecisionHeatmap.role(for: 0.45), .heatNeutral)
        XCTAssertEqual(DecisionHeatmap.role(for: 0.55), .heatNeutral)
        XCTAssertEqual(DecisionHeatmap.role(for: 0.7), .heat1Low)
        XCTAssertEqual(DecisionHeatmap.role(for: 0.85), .heat1Mid)
        XCTAssertEqual(DecisionHeatmap.role(for: 1.2), .heat1High)
        XCTAssertEqual(DecisionHeatmap.role(for: .nan), .heatNeutral)
        XCTAssertEqual(ColorRole.heatRoles.count, 7)
    }

    func testHalfBlocksCarryUpperAndLowerPixel() {
        // 2 columns x 2 pixel rows: upper row class 0, lower row class 1
        let map = DecisionHeatmap(values: [0, 0.05, 1, 0.95], columns: 2, rows: 2, xRange: -1...1, yRange: -1...1,
                                  showAxes: false)
        var b = Buffer(width: 2, height: 1)
        map.render(into: &b, area: b.area)
        XCTAssertEqual(b[0, 0], Cell("▀", style: Style(.heat0High, background: .heat1High)))
        XCTAssertEqual(b[1, 0], Cell("▀", style: Style(.heat0High, background: .heat1High)))
    }

    func testGridOfAnotherSizeIsScaled() {
        // a 1x2 grid stretched over 4x3 cells (6 pixel rows): top half 0, bottom half 1
        let map = DecisionHeatmap(values: [0, 1], columns: 1, rows: 2, xRange: -1...1, yRange: -1...1, showAxes: false)
        var b = Buffer(width: 4, height: 3)
        map.render(into: &b, area: b.area)
        for x in 0..<4 {
            XCTAssertEqual(b[x, 0].style, Style(.heat0High, background: .heat0High))
            XCTAssertEqual(b[x, 1].style, Style(.heat0High, background: .heat1High))
            XCTAssertEqual(b[x, 2].style, Style(.heat1High, background: .heat1High))
        }
    }

    func testPointsGlyphsStylesAndOrder() {
        let pts: [DecisionHeatmap.DataPoint] = [
            .init(x: -0.9, y: 0.9, label: 0), .init(x: 0.9, y: 0.9, label: 1),
            .init(x: -0.9, y: -0.9, label: 0, isTest: true), .init(x: 0.9, y: -0.9, label: 1, isTest: true),
            .init(x: 0.05, y: 0.05, label: 0, isTest: true), .init(x: 0.01, y: 0.01, label: 1),  // same cell: test wins
            .init(x: 1.01, y: 0, label: 1), .init(x: .nan, y: 0, label: 1),  // not drawn
        ]
        let map = DecisionHeatmap(values: [Double](repeating: 0.85, count: 16), columns: 4, rows: 4, xRange: -1...1,
                                  yRange: -1...1, points: pts, showAxes: false)
        var b = Buffer(width: 4, height: 2)
        map.render(into: &b, area: b.area)
        XCTAssertEqual(b.lines, ["●▀○▲", "○▀▀△"])
        XCTAssertEqual(b[0, 0].style, Style(.class0, background: .heat1Mid))
        XCTAssertEqual(b[3, 0].style, Style(.class1, background: .heat1Mid))
        var ascii = Buffer(width: 4, height: 2)
        var m2 = map
        m2.unicode = false
        m2.color = false
        m2.render(into: &ascii, area: ascii.area)
        XCTAssertEqual(ascii.lines, ["o%Ox", "O%%X"])
        XCTAssertEqual(ascii[0, 0].style, Style(.class0, attributes: [.bold]))
        XCTAssertEqual(ascii[1, 0].style, Style(.heat1Mid))
        XCTAssertEqual(DecisionHeatmap.glyph(label: 1, isTest: true, unicode: true), "△")
    }

    func testSoftmaxPredictionsUseClassOne() {
        let map = DecisionHeatmap(predictions: [[0.9, 0.1], [0.2, 0.8]], columns: 2, rows: 1, xRange: -1...1,
                                  yRange: -1...1)
        XCTAssertEqual(map.values, [0.1, 0.8])
        let sigmoid = DecisionHeatmap(predictions: [[0.3], [0.6]], columns: 2, rows: 1, xRange: -1...1, yRange: -1...1)
        XCTAssertEqual(sigmoid.values, [0.3, 0.6])
    }

    func testStaysInsideItsAreaAndSurvivesBadInput() {
        var b = Buffer(width: 30, height: 10)
        let area = Rect(x: 5, y: 2, width: 20, height: 6)
        let map = DecisionHeatmap(values: [0.2], columns: 7, rows: 7, xRange: range, yRange: range, points: points)
        map.render(into: &b, area: area)  // too few values: grey field, points still drawn
        for y in 0..<10 {
            for x in 0..<30 where !area.contains(Point(x: x, y: y)) { XCTAssertEqual(b[x, y], .blank, "\(x),\(y)") }
        }
        XCTAssertTrue(b.description.contains("●"))
        for (w, h) in [(0, 0), (1, 1), (3, 2), (8, 3)] {
            var small = Buffer(width: w, height: h)
            map.render(into: &small, area: small.area)
            DecisionHeatmap(values: [], columns: 0, rows: 0, xRange: 0...0, yRange: 1...1, points: points)
                .render(into: &small, area: small.area)
        }
    }
}
