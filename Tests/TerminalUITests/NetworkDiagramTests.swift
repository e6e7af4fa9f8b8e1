import BackpropEngine
import XCTest
@testable import TerminalUI

/// Builds diagrams the way the screen does: names like `Notation` (x₁ h₁ ŷ₁, or x1 h1 y^1 in
/// ASCII), values formatted to 3 decimals, deterministic weights of both signs.
enum DiagramFixture {
    static let subscripts = Array("₀₁₂₃₄₅₆₇₈₉")
    static let superscripts: [Character: Character] = ["(": "⁽", ")": "⁾", "0": "⁰", "1": "¹", "2": "²", "3": "³",
                                                       "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]

    static func name(layer l: Int, index i: Int, sizes: [Int], unicode: Bool) -> String {
        let number = unicode ? String(String(i + 1).map { subscripts[Int(String($0))!] }) : String(i + 1)
        if l == 0 { return "x" + number }
        if l == sizes.count - 1 { return (unicode ? "ŷ" : "y^") + number }
        guard sizes.count > 3 else { return "h" + number }
        let mark = "(\(l))"
        return "h" + number + (unicode ? String(mark.map { superscripts[$0]! }) : "^" + mark)
    }

    static func value(layer l: Int, index i: Int) -> Double {
        let v = sin(Double(l * 131 + i * 17 + 3))
        return l == 0 ? abs(v) : 0.5 + v / 2
    }

    static func weight(layer l: Int, to j: Int, from i: Int) -> Double {
        sin(Double(l * 7 + j * 13 + i * 5 + 1)) * 0.8
    }

    /// `valuesUpTo`: layers after it have no values yet.
    static func diagram(_ sizes: [Int], unicode: Bool = true, valuesUpTo: Int = .max,
                        caption: [String]? = nil) -> NetworkDiagram {
        let layers = sizes.enumerated().map { l, n in
            (0..<n).map { i in
                NetworkDiagram.Node(name: name(layer: l, index: i, sizes: sizes, unicode: unicode),
                                    value: l <= valuesUpTo ? String(format: "%.3f", value(layer: l, index: i)) : nil)
            }
        }
        let weights = (0..<(sizes.count - 1)).map { l in
            (0..<sizes[l + 1]).map { j in (0..<sizes[l]).map { i in weight(layer: l, to: j, from: i) } }
        }
        return NetworkDiagram(layers: layers, weights: weights, unicode: unicode, caption: caption)
    }

    static func render(_ d: NetworkDiagram, width: Int, height: Int) -> Buffer {
        var b = Buffer(width: width, height: height)
        d.render(into: &b, area: b.area)
        return b
    }
}

final class NetworkDiagramTests: XCTestCase {
    typealias Node = NetworkDiagram.Node
    let F = DiagramFixture.self

    /// The classic 2-2-2 example going backwards, at the chain-rule step for w₁ (x₁ → h₁): the
    /// path from the loss through ŷ₁, ŷ₂ (via w₅, w₇) and h₁ is highlighted, w₁ is active.
    /// Two weights are made negative to show both line styles.
    func classic(unicode: Bool) -> NetworkDiagram {
        let n = { (u: String, a: String, v: String, s: NetworkDiagram.ItemState) in
            Node(name: unicode ? u : a, value: v, state: s)
        }
        let layers = [
            [n("x₁", "x1", "0.050", .path), n("x₂", "x2", "0.100", .normal)],
            [n("h₁", "h1", "0.009", .path), n("h₂", "h2", "0.010", .normal)],
            [n("ŷ₁", "y^1", "0.139", .path), n("ŷ₂", "y^2", "-0.038", .path)],
        ]
        let weights = [[[0.15, -0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, -0.55]]]
        return NetworkDiagram(layers: layers, weights: weights,
                              edgeStates: [.weight(layer: 0, to: 0, from: 0): .active,
                                           .weight(layer: 1, to: 0, from: 0): .path,
                                           .weight(layer: 1, to: 1, from: 0): .path],
                              unicode: unicode, caption: ["input", "hidden", "output"],
                              focus: NeuronRef(layer: 0, index: 0))
    }

    func testClassicUnicode() {
        let b = F.render(classic(unicode: true), width: 46, height: 9)
        assertSnapshot(b, named: "diagram-2-2-2-unicode")
        XCTAssertTrue(b.description.contains("h₁ 0.009"))
        XCTAssertTrue(b.description.contains("◀━"), "outputs on the path get the arrow from the loss")
    }

    /// The classic example in ASCII, line by line. Worked out by hand: labels of 8, 8 and 10
    /// columns and the `<-` arrow leave 17 columns for two gaps (9 and 8: one blank on each side,
    /// 7 and 6 cells of edges, 13 in all, under the 21 = 46/2 - 2 a row may hold). The two rows of
    /// neurons are 6 apart (the most, `maxPitch`) in the 8 rows under the captions. x₁ → h₁ is
    /// active: `=` (heavy, flat). x₁ → h₂ (0.25) runs `\` down one row per column; x₂ → h₁ (−0.20)
    /// is dotted `:` upwards and drawn first (smaller |w|), so `\` wins where they cross. x₂ → h₂
    /// (0.30) is the last normal edge on the bottom row. On the right, w₅ = 0.40 and w₆ = 0.45 to
    /// ŷ₁ are on the path (`\=====`), w₇ = 0.50 to ŷ₂ too (`/` up to `X`), w₈ = −0.55 is dotted.
    func testClassicASCII() {
        let b = F.render(classic(unicode: false), width: 46, height: 9)
        XCTAssertEqual(b.lines, [
            "",
            "input            hidden          output",
            "x1 0.050 ======= h1 0.009 \\===== y^1  0.139 <-",
            "          \\   :            \\  /",
            "           \\ :              \\|",
            "            \\                X",
            "           : \\              /|",
            "          :   \\            /  \\",
            "x2 0.100 ------- h2 0.010 .....\\ y^2 -0.038 <-",
        ])
        XCTAssertTrue(b.description.allSatisfy(\.isASCII))
    }

    /// The highlighted edges are drawn on top, in their own roles; highlighted nodes stand out.
    func testHighlightStyles() {
        for unicode in [true, false] {
            let b = F.render(classic(unicode: unicode), width: 46, height: 9)
            let roles = Set(b.cells.filter { !$0.symbol.isEmpty && $0.symbol != " " }.map(\.foreground))
            XCTAssertTrue(roles.isSuperset(of: [.highlight, .accent, .positive, .negative]), "\(roles)")
            // The active edge x₁ → h₁ leaves x₁'s row in .highlight, bold.
            let row = b.lines.firstIndex { $0.contains(unicode ? "x₁" : "x1") }!
            let after = (0..<b.width).first { x in x > 10 && b[x, row].foreground == .highlight }
            XCTAssertNotNil(after)
            XCTAssertTrue(b[after!, row].attributes.contains(.bold))
            // Path nodes are bold accent.
            let h1 = b.lines.firstIndex { $0.contains(unicode ? "h₁" : "h1") }!
            let hx = (0..<b.width).first { b[$0, h1].symbol == "h" }!
            XCTAssertEqual(b[hx, h1].style, Style(.accent, attributes: .bold))
        }
    }

    func testActiveNodeIsReversed() {
        var d = F.diagram([3, 4, 1])
        d.layers[1][2].state = .active
        let b = F.render(d, width: 60, height: 12)
        let row = b.lines.firstIndex { $0.contains("h₃") }!
        let x = (0..<b.width).first { b[$0, row].symbol == "h" }!
        XCTAssertEqual(b[x, row].style, Style(.highlight, attributes: [.bold, .reverse]))
        XCTAssertEqual(b[x + 3, row].style, Style(.highlight, attributes: [.bold, .reverse]), "the blank inside the label too")
    }

    /// 3-4-1 going forwards: h₂ is being computed (its inputs on the path, h₃ h₄ ŷ₁ not known yet).
    func forward341(unicode: Bool) -> NetworkDiagram {
        var d = F.diagram([3, 4, 1], unicode: unicode, valuesUpTo: 0, caption: ["input", "hidden", "output"])
        d.layers[1][0].value = "0.613"
        d.layers[1][1].state = .active
        for i in 0..<3 {
            d.layers[0][i].state = .path
            d.edgeStates[.weight(layer: 0, to: 1, from: i)] = .path
        }
        return d
    }

    func testForward341() {
        let b = F.render(forward341(unicode: true), width: 60, height: 12)
        assertSnapshot(b, named: "diagram-3-4-1-unicode")
        XCTAssertTrue(b.description.contains("h₃ ·"), "unknown values are a dot")
        let a = F.render(forward341(unicode: false), width: 60, height: 12)
        assertSnapshot(a, named: "diagram-3-4-1-ascii")
        XCTAssertTrue(a.description.contains("h3 ."))
    }

    /// 784-128-64-10 with the focus in the middle of the 128 layer.
    func mnist(unicode: Bool) -> NetworkDiagram {
        var d = F.diagram([784, 128, 64, 10], unicode: unicode, caption: ["input", "hidden", "hidden", "output"])
        d.focus = NeuronRef(layer: 1, index: 63)
        d.layers[1][63].state = .active
        d.edgeStates[.weight(layer: 1, to: 40, from: 63)] = .path
        d.layers[2][40].state = .path
        return d
    }

    func testCompressedMNISTUnicode() {
        let b = F.render(mnist(unicode: true), width: 120, height: 30)
        assertSnapshot(b, named: "diagram-784-128-64-10-unicode")
        let text = b.description
        XCTAssertTrue(text.contains("h₆₄⁽¹⁾"), "the focus neuron is visible")
        XCTAssertTrue(text.contains("h₄₁⁽²⁾"), "the other end of a highlighted edge is visible")
        XCTAssertTrue(text.contains("input (784)") && text.contains("hidden (128)"))
        // 29 rows under the captions: 9 slots a shortened layer, 8 neurons and the summary; the
        // 10 outputs fit (up to 14 on 29 rows).
        XCTAssertTrue(text.contains("⋮ 776 more") && text.contains("⋮ 120 more") && text.contains("⋮ 56 more"), text)
        XCTAssertTrue(text.contains("ŷ₁₀"), "the outputs are all there")
        XCTAssertFalse(text.contains("x₉ "), "no activity known: the first 8 inputs")
        // Only the path being explained has edges: one, h₆₄⁽¹⁾ → h₄₁⁽²⁾, on one row.
        let row = b.lines.firstIndex { $0.contains("h₆₄⁽¹⁾") }!
        let lineCells = (0..<b.height).flatMap { y in (0..<b.width).map { (y, b[$0, y]) } }
            .filter { DiagramLegibilityTests.isLine($0.1.symbol) }
        XCTAssertFalse(lineCells.isEmpty)
        XCTAssertTrue(lineCells.allSatisfy { $0.0 == row && $0.1.foreground == .accent }, text)
    }

    func testCompressedMNISTASCII() {
        let b = F.render(mnist(unicode: false), width: 80, height: 16)
        assertSnapshot(b, named: "diagram-784-128-64-10-ascii")
        XCTAssertTrue(b.description.allSatisfy(\.isASCII))
        XCTAssertTrue(b.description.contains("h64^(1)"))
    }

    /// A chain-rule step as the screen builds it: w from x₃₉₂ to h₆₄⁽¹⁾ active, every later
    /// weight on the path (thousands of entries). Both ends of the active edge stay visible.
    func testActiveEdgeEndsStayVisible() {
        var d = F.diagram([784, 128, 64, 10])
        d.focus = NeuronRef(layer: 1, index: 63)
        d.edgeStates[.weight(layer: 0, to: 63, from: 391)] = .active
        for j in 0..<64 { d.edgeStates[.weight(layer: 1, to: j, from: 63)] = .path }
        for j in 0..<10 { for i in 0..<64 { d.edgeStates[.weight(layer: 2, to: j, from: i)] = .path } }
        let b = F.render(d, width: 120, height: 30)
        let text = b.description
        XCTAssertTrue(text.contains("x₃₉₂") && text.contains("h₆₄⁽¹⁾"), text)
        let row = b.lines.firstIndex { $0.contains("x₃₉₂") }!
        XCTAssertTrue((0..<b.width).contains { b[$0, row].foreground == .highlight }, "the active edge is drawn")
        XCTAssertTrue(text.contains("h₁⁽²⁾") && text.contains("ŷ₁"))
    }

    func testNarrow() {
        let small = F.render(mnist(unicode: true), width: 40, height: 10)
        assertSnapshot(small, named: "diagram-784-128-64-10-40x10")
        XCTAssertTrue(small.description.contains(String(format: "%.3f", F.value(layer: 1, index: 63))),
                      "the focus neuron's value is shown")
        let deep = F.render(F.diagram([2, 4, 4, 4, 4, 1], caption: ["input", "hidden", "", "", "", "output"]),
                            width: 40, height: 10)
        assertSnapshot(deep, named: "diagram-deep-40x10")
        let classic = F.render(classic(unicode: false), width: 40, height: 10)
        assertSnapshot(classic, named: "diagram-2-2-2-ascii-40x10")
        XCTAssertTrue(classic.description.contains("y^2 -0.038"), "a small network keeps its names at 40 columns")
    }

    func testLabelsShrinkWithWidth() {
        let d = F.diagram([2, 8, 8, 1])
        XCTAssertTrue(F.render(d, width: 100, height: 20).description.contains("h₈⁽²⁾ 0.832"))
        let narrow = F.render(d, width: 40, height: 10).description
        XCTAssertTrue(narrow.contains("0.832") && !narrow.contains("h₈⁽²⁾"), "value only when narrow")
        XCTAssertFalse(F.render(d, width: 24, height: 10).description.contains("0.832"))
    }

    /// Sign by role with colour, and by symbol without it (mono, ASCII too).
    func testWeightSignByRoleAndSymbol() {
        func edgeCells(_ w: Double, unicode: Bool) -> [Cell] {
            let d = NetworkDiagram(layers: [[Node(name: "x", value: "1")], [Node(name: "y", value: "2")]],
                                   weights: [[[w]]], unicode: unicode)
            let b = F.render(d, width: 30, height: 3)
            return b.cells.filter { !["", " ", "x", "y", "1", "2"].contains($0.symbol) }
        }
        for unicode in [true, false] {
            let positive = edgeCells(0.5, unicode: unicode), negative = edgeCells(-0.5, unicode: unicode)
            XCTAssertFalse(positive.isEmpty)
            XCTAssertFalse(negative.isEmpty)
            XCTAssertEqual(Set(positive.map(\.foreground)), [.positive])
            XCTAssertEqual(Set(negative.map(\.foreground)), [.negative])
            // Mono keeps attributes only: the symbols alone must tell the signs apart.
            XCTAssertTrue(Set(positive.map(\.symbol)).isDisjoint(with: negative.map(\.symbol)),
                          "\(positive.map(\.symbol)) vs \(negative.map(\.symbol))")
        }
        XCTAssertEqual(Set(edgeCells(0.5, unicode: false).map(\.symbol)), ["-"])
        XCTAssertEqual(Set(edgeCells(-0.5, unicode: false).map(\.symbol)), ["."])
    }

    /// |w| relative to the largest drawn: dim when small, bold when large.
    func testWeightSizeByAttribute() {
        let d = NetworkDiagram(layers: [[Node(name: "a", value: "1"), Node(name: "b", value: "1")], [Node(name: "c", value: "1")]],
                               weights: [[[0.05, -1.0]]])
        let b = F.render(d, width: 30, height: 8)
        let edges = b.cells.filter { $0.symbol.unicodeScalars.first.map { (0x2800...0x28FF).contains($0.value) } ?? false }
        XCTAssertTrue(edges.contains { $0.foreground == .positive && $0.attributes == .dim })
        XCTAssertTrue(edges.contains { $0.foreground == .negative && $0.attributes == .bold })
    }

    func testSlots() {
        enum S {
            static func of(count: Int, rows: Int, pinned: [Int], ranked: [Int] = []) -> String {
                NetworkDiagram.slots(count: count, rows: rows, pinned: pinned, ranked: ranked).map { slot in
                    switch slot {
                    case .neuron(let i): return String(i)
                    case .more(let hidden): return "⋮\(hidden)"
                    }
                }.joined(separator: " ")
            }
        }
        // 7 slots on 20 rows: 6 neurons and the summary; the pinned first, the rest from the start.
        XCTAssertEqual(S.of(count: 784, rows: 20, pinned: []), "0 1 2 3 4 5 ⋮778")
        XCTAssertEqual(S.of(count: 784, rows: 20, pinned: [391]), "0 1 2 3 4 391 ⋮778")
        XCTAssertEqual(S.of(count: 784, rows: 20, pinned: [391, 781, 2]), "0 1 2 3 391 781 ⋮778")
        // then the most active
        XCTAssertEqual(S.of(count: 784, rows: 20, pinned: [391], ranked: [700, 5, 391, 600]), "0 1 5 391 600 700 ⋮778")
        // a third of a tall area: 60 rows, 20 slots
        XCTAssertEqual(NetworkDiagram.slots(count: 784, rows: 60, pinned: []).count, 20)
        // in full up to 8, or one every other row on a tall area, at most 16
        XCTAssertEqual(S.of(count: 8, rows: 20, pinned: []), "0 1 2 3 4 5 6 7")
        XCTAssertEqual(S.of(count: 10, rows: 20, pinned: []), "0 1 2 3 4 5 6 7 8 9")
        XCTAssertEqual(S.of(count: 11, rows: 20, pinned: []), "0 1 2 3 4 5 ⋮5")
        XCTAssertEqual(NetworkDiagram.slots(count: 16, rows: 40, pinned: []).count, 16)
        XCTAssertEqual(NetworkDiagram.slots(count: 17, rows: 40, pinned: []).count, 13)
        XCTAssertEqual(S.of(count: 8, rows: 5, pinned: [4]), "0 1 2 4 ⋮4")
        XCTAssertEqual(S.of(count: 784, rows: 3, pinned: [391]), "0 391 ⋮782")
        XCTAssertEqual(S.of(count: 784, rows: 1, pinned: [391]), "391")
        XCTAssertEqual(S.of(count: 784, rows: 1, pinned: []), "⋮784")
        // The focus is visible wherever it is.
        for f in 0..<128 {
            let d = F.diagram([4, 128, 3])
            var focused = d
            focused.focus = NeuronRef(layer: 1, index: f)
            let text = F.render(focused, width: 70, height: 12).description
            XCTAssertTrue(text.contains(F.name(layer: 1, index: f, sizes: [4, 128, 3], unicode: true) + " "),
                          "focus \(f)")
        }
    }

    /// Every shape from the issue, at every size from 40x10 to 120x30, in both modes: drawing
    /// stays inside the area, the outputs are always shown.
    func testAllShapesStayInside() {
        let shapes = [[2, 2, 2], [3, 4, 1], [2, 8, 8, 1], [4, 5, 3], [2, 4, 4, 4, 4, 1], [64, 32, 10], [784, 128, 64, 10]]
        for sizes in shapes {
            for (w, h) in [(40, 10), (60, 14), (80, 16), (100, 22), (120, 30), (20, 5), (1, 1)] {
                for unicode in [true, false] {
                    var d = F.diagram(sizes, unicode: unicode)
                    d.focus = NeuronRef(layer: sizes.count - 2, index: sizes[sizes.count - 2] - 2)
                    let area = Rect(x: 3, y: 2, width: w, height: h)
                    var b = Buffer(width: w + 6, height: h + 4)
                    d.render(into: &b, area: area)
                    for y in 0..<b.height {
                        for x in 0..<b.width where !area.contains(Point(x: x, y: y)) {
                            XCTAssertEqual(b[x, y], .blank, "\(sizes) \(w)x\(h) drew at \(x),\(y)")
                        }
                    }
                    if w >= 40 {
                        let visibleNodes = b.cells.filter { $0.symbol != " " && !$0.symbol.isEmpty }.count
                        XCTAssertGreaterThan(visibleNodes, 20, "\(sizes) \(w)x\(h)")
                    }
                }
            }
        }
    }

    func testEmptyAndMismatchedInput() {
        var b = Buffer(width: 20, height: 5)
        NetworkDiagram(layers: [], weights: []).render(into: &b, area: b.area)
        XCTAssertEqual(b, Buffer(width: 20, height: 5))
        // Missing weights: nodes are drawn, edges skipped.
        let d = NetworkDiagram(layers: [[Node(name: "a")], [Node(name: "b")]], weights: [])
        b.render(d, in: b.area)
        XCTAssertTrue(b.description.contains("a") && b.description.contains("b"))
    }

    /// A 5×5 image input (a plus sign) feeding 3 hidden neurons and 2 outputs, in ASCII, the
    /// centre pixel x₁₃ → h₂ active. Worked out by hand: on 40x8 the image takes two columns a
    /// pixel (10 ≤ 40/4) and its 5 rows are centred in the 7 under the captions (rows 2–6); the
    /// neurons are on rows 1, 4, 7 and 1, 7. Labels 10 + 8 + 9 and gaps of 7 and 6 fill the
    /// 40 columns. A picture input means only highlighted edges: the one active edge, from the
    /// centre row, w = 0.8·sin 74 < 0 so dotted (`.....`).
    func testImageInputASCII() {
        var d = F.diagram([25, 3, 2], unicode: false, caption: ["input", "hidden", "output"])
        let plus = (0..<25).map { i -> Double in i / 5 == 2 || i % 5 == 2 ? 1 : 0 }
        d.image = .init(width: 5, height: 5, pixels: plus)
        d.layers[0][12].state = .active
        d.layers[1][1].state = .path
        d.edgeStates[.weight(layer: 0, to: 1, from: 12)] = .active
        let b = F.render(d, width: 40, height: 8)
        XCTAssertEqual(b.lines, [
            "input 5x5        hidden        output",
            "                 h1 0.943      y^1 0.947",
            "    @@",
            "    @@",
            "@@@@@@@@@@ ..... h2 0.601",
            "    @@",
            "    @@",
            "                 h3 0.001      y^2 0.162",
        ])
        XCTAssertEqual(b[4, 4].style, Style(.highlight, attributes: [.bold, .reverse]), "the active pixel")
        XCTAssertEqual(b[0, 4].style, Style(.text))
    }

    /// The digits' 8×8 in Unicode: two columns a pixel when there is room, shaded ░▒▓█, one
    /// image row a screen row; with little room one column a pixel, then 2×2 pixels a cell.
    func testImageInputSizes() {
        var d = F.diagram([64, 32, 10], caption: ["input", "hidden", "output"])
        d.image = .init(width: 8, height: 8, pixels: (0..<64).map { Double($0 % 8) })   // dark to light, left to right
        let wide = F.render(d, width: 64, height: 21)
        XCTAssertTrue(wide.description.contains("input 8×8"))
        // pixel k of a row is k/7 of the way from dark to light: ' ', ░, ░, ▒, ▒, ▓, ▓, █
        let rows = wide.lines.filter { $0.contains("  ░░░░▒▒▒▒▓▓▓▓██ ") }
        XCTAssertEqual(rows.count, 8, wide.description)
        let narrow = F.render(d, width: 46, height: 10)
        XCTAssertEqual(narrow.lines.filter { $0.hasPrefix(" ░░▒▒▓▓█ ") }.count, 8, narrow.description)
        // 2×2 pixels a cell: the means 0.5, 2.5, 4.5, 6.5 of 7
        let small = F.render(d, width: 46, height: 6)
        XCTAssertEqual(small.lines.filter { $0.hasPrefix("  ░░▓▓██ ") }.count, 4, small.description)
        // too few rows for a picture: the inputs are neurons again
        let tiny = F.render(d, width: 46, height: 4)
        XCTAssertTrue(tiny.description.contains("more"), tiny.description)
        XCTAssertFalse(tiny.description.contains("█"))
    }

    /// A shortened layer shows the neurons with the largest |activity| (after the pinned ones),
    /// in index order, and says how many are left out.
    func testRepresentativesAreTheMostActive() {
        var d = F.diagram([4, 50, 2])
        for i in 0..<50 { d.layers[1][i].activity = 0.001 * Double(i) }
        d.layers[1][7].activity = 5
        d.layers[1][30].activity = -6
        d.layers[1][44].activity = 4
        let text = F.render(d, width: 60, height: 12).description
        for name in ["h₈ ", "h₃₁", "h₄₅", "h₄₈", "h₄₉", "h₅₀"] { XCTAssertTrue(text.contains(name), "\(name): \(text)") }
        XCTAssertFalse(text.contains("h₁ "), text)
        XCTAssertTrue(text.contains("⋮ 44 more"), text)
        // the focus comes first, whatever its activity
        d.focus = NeuronRef(layer: 1, index: 0)
        let focused = F.render(d, width: 60, height: 12).description
        XCTAssertTrue(focused.contains("h₁ ") && !focused.contains("h₄₈"), focused)
    }

    /// A chain-rule step of 784-128-64-10 puts thousands of edges on the path: at most
    /// `highlightedEdgeLimit` a gap are drawn, the active one among them.
    func testHighlightedEdgesAreCapped() {
        var d = F.diagram([784, 128, 64, 10])
        d.focus = NeuronRef(layer: 1, index: 63)
        d.edgeStates[.weight(layer: 0, to: 63, from: 391)] = .active
        for j in 0..<64 { d.edgeStates[.weight(layer: 1, to: j, from: 63)] = .path }
        for j in 0..<10 { for i in 0..<64 { d.edgeStates[.weight(layer: 2, to: j, from: i)] = .path } }
        let edges = d.chooseEdges(d.plan(area: Rect(width: 120, height: 30)))
        for l in 0..<3 {
            let gap = edges.filter { $0.layer == l }
            XCTAssertGreaterThan(gap.count, 0, "layer \(l)")
            XCTAssertLessThanOrEqual(gap.count, NetworkDiagram.highlightedEdgeLimit, "layer \(l)")
        }
        XCTAssertTrue(edges.contains { $0.layer == 0 && $0.source == 391 && $0.target == 63 && $0.state == .active })
        XCTAssertTrue(edges.allSatisfy { $0.state != .normal }, "nothing off the path")
        XCTAssertTrue(edges.filter { $0.layer == 1 }.allSatisfy { $0.source == 63 })
    }

    /// With nothing highlighted, a large network gets the few strongest weights between the
    /// neurons shown: no more than `strongestEdgeLimit` a gap, none weaker than one left out.
    func testStrongestEdgesWhenNothingIsHighlighted() {
        let d = F.diagram([64, 32, 10])
        let plan = d.plan(area: Rect(width: 80, height: 20))
        let edges = d.chooseEdges(plan)
        for l in 0..<2 {
            let gap = edges.filter { $0.layer == l }
            XCTAssertEqual(gap.count, NetworkDiagram.strongestEdgeLimit)
            let shown = { (c: Int) -> [Int] in plan.columns[c].slots.compactMap { if case .neuron(let i) = $0 { return i } else { return nil } } }
            let all = shown(l).flatMap { i in shown(l + 1).map { j in abs(F.weight(layer: l, to: j, from: i)) } }.sorted(by: >)
            XCTAssertEqual(gap.map { abs($0.weight) }.sorted(by: >), Array(all.prefix(NetworkDiagram.strongestEdgeLimit)))
        }
        // A small network keeps every edge.
        let small = F.diagram([3, 4, 2])
        XCTAssertEqual(small.chooseEdges(small.plan(area: Rect(width: 80, height: 20))).count, 3 * 4 + 4 * 2)
    }

    func testPreview() {
        guard ProcessInfo.processInfo.environment["DIAGRAM_PREVIEW"] != nil else { return }
        var out = ""
        for sizes in [[2, 2, 2], [3, 4, 1], [2, 8, 8, 1], [4, 5, 3], [2, 4, 4, 4, 4, 1], [64, 32, 10], [784, 128, 64, 10]] {
            for (w, h) in [(40, 10), (80, 16), (120, 30)] {
                for u in [true, false] {
                    var d = F.diagram(sizes, unicode: u, caption: ["input"] + Array(repeating: "hidden", count: sizes.count - 2) + ["output"])
                    d.focus = NeuronRef(layer: 1, index: sizes[1] / 2)
                    d.layers[1][sizes[1] / 2].state = .path
                    d.layers[sizes.count - 1][0].state = .path
                    d.edgeStates[.weight(layer: 0, to: sizes[1] / 2, from: 0)] = .active
                    d.edgeStates[.weight(layer: 1, to: 0, from: sizes[1] / 2)] = .path
                    out += "\(sizes) \(w)x\(h) unicode=\(u)\n" + F.render(d, width: w, height: h).lines.map { "|" + $0 }.joined(separator: "\n") + "\n\n"
                }
            }
        }
        try? out.write(toFile: "/tmp/diag/preview.txt", atomically: true, encoding: .utf8)
    }
}
