import BackpropEngine
import EventWords

/// The layer view (`v`): the current event as one matrix operation of the whole batch.
///
/// ```
/// ┌ layer view · FORWARD ──────────────────────────────────────────────┐
/// │ Z⁽¹⁾ = A⁽⁰⁾ · W⁽¹⁾ᵀ + b⁽¹⁾        (1×2) · (2×2)ᵀ + (1×2) → (1×2)     │
/// │ NumPy  Z1 = A0 @ W1.T + b1                                         │
/// │ selected Z⁽¹⁾[1,1] = 0.3775: its one-number formula is in the step │
/// │                                                                    │
/// │ A⁽⁰⁾ 1×2          W⁽¹⁾ᵀ 2×2           b⁽¹⁾ 1×2          Z⁽¹⁾ 1×2    │
/// │ 0.0500 0.1000 ·  0.1500 0.2500  +  0.3500 0.3500  =  0.3775 0.3925  │
/// │                  0.2000 0.3000                                     │
/// └────────────────────────────────────────────────────────────────────┘
/// ```
func drawLayerPanel(_ s: ScreenState, into buffer: inout Buffer, area: Rect, box: BoxStyle) {
    let phase = s.event.map { s.words.phaseName($0.phase) }
    let dot = s.model.unicode ? " · " : " - "
    let panel = Panel(title: s.text.layerView + (phase.map { dot + $0 } ?? ""), box: box)
    panel.render(into: &buffer, area: area)
    let inner = panel.inner(area).inset(horizontal: 1, vertical: 0)
    guard !inner.isEmpty else { return }
    guard let trace = s.trace, let k = s.eventIndex,
          let op = LayerOperation.make(trace: trace, event: k, unicode: s.model.unicode, articleNames: s.model.numpyArticle)?
            .hiding(s.model.hidden) else {
        TextBlock(s.text.layerIntro).render(into: &buffer, area: inner)
        return
    }
    let unicode = s.model.unicode
    // The text above the matrices: the formula and its shapes, the NumPy line, the selected cell.
    // Each gets one line; second lines and a blank only while the tallest matrix still fits as
    // numbers (its rows, its title, and the legend's row).
    let together = op.formula + "   " + op.shapes
    let oneLine = displayWidth(of: together) <= inner.width
    let label = "NumPy  "
    let numpyLines = wrap(op.numpy, width: max(10, inner.width - displayWidth(of: label)))
    var selection: [String] = []
    if let cell = op.cell {
        let name = op.result.name + "[\(cell.row + 1),\(cell.column + 1)]"
        let number = op.result.value(row: cell.row, column: cell.column)
        let value = number.isNaN ? "?" : s.words.format(number)   // hidden until a quiz is answered
        var line = s.text.selectedCell(name, value, unicode: unicode)
        // a per-sample gradient: the cell sums the samples' terms, the step panel explains one
        if op.kind == .weightGradient, trace.batchCount > 1, !number.isNaN, let event = s.event, let sample = event.sample,
           case .weightGradient(_, _, let term) = event.kind {
            line = s.text.sampleTerm(name, value, samples: trace.batchCount, sample: sample + 1, term: s.words.format(term))
        }
        selection = wrap(line, width: inner.width)
    }
    let tallest = ([op.result] + op.terms + (op.extra.map { [$0] } ?? [])).map(\.rows).max() ?? 1
    var spare = inner.height - (tallest + 2) - 1 - 1 - (selection.isEmpty ? 0 : 1)
    func take(_ wanted: Bool) -> Bool {
        guard wanted, spare > 0 else { return false }
        spare -= 1
        return true
    }
    let splitFormula = !oneLine && take(true)
    let secondSelection = take(selection.count > 1)
    let blank = take(true)
    let secondNumPy = take(numpyLines.count > 1)

    var y = inner.y
    let formulaStyle = Style(.accent, attributes: .bold)
    if oneLine || !splitFormula {
        let x = buffer.put(op.formula, x: inner.x, y: y, style: formulaStyle, clip: inner)
        if oneLine { buffer.put("   " + op.shapes, x: x, y: y, style: Style(.dim), clip: inner) }
        y += 1
    } else {
        buffer.put(op.formula, x: inner.x, y: y, style: formulaStyle, clip: inner)
        buffer.put(truncate(op.shapes, width: inner.width, unicode: unicode), x: inner.x, y: y + 1, style: Style(.dim), clip: inner)
        y += 2
    }
    for (n, line) in numpyLines.prefix(secondNumPy ? 2 : 1).enumerated() where y < inner.bottom {
        if n == 0 { buffer.put(label, x: inner.x, y: y, style: Style(.dim), clip: inner) }
        let shown = !secondNumPy && numpyLines.count > 1 ? line + (unicode ? " …" : " ...") : line
        buffer.put(shown, x: inner.x + displayWidth(of: label), y: y, style: Style(.text), clip: inner)
        y += 1
    }
    if !selection.isEmpty {
        let lines = secondSelection ? Array(selection.prefix(2))
            : [truncate(selection.joined(separator: " "), width: inner.width, unicode: unicode)]
        for text in lines where y < inner.bottom {
            buffer.put(text, x: inner.x, y: y, style: Style(.highlight), clip: inner)
            y += 1
        }
    }
    if blank { y += 1 }
    let legendRow = inner.bottom - 1
    let rows = Rect(x: inner.x, y: y, width: inner.width, height: max(0, legendRow - y))
    let heat = drawMatrices(op, s, into: &buffer, area: rows)
    if heat && legendRow >= y {
        buffer.put(truncate(s.text.heatLegend(unicode: unicode), width: inner.width, unicode: unicode),
                   x: inner.x, y: legendRow, style: Style(.dim), clip: inner)
    }
}

/// One item of the row of matrices: a matrix, or the operator text between two.
private enum RowItem {
    case matrix(LayerTerm)
    case text(String)
}

/// Draws the operands, the operators and the result side by side; returns whether any matrix
/// is a heatmap (for the legend). When the numbers do not fit in one row but two rows of them fit
/// the height, the result goes on a second row (`= Z⁽¹⁾ …`), so that the grids stay numbers.
private func drawMatrices(_ op: LayerOperation, _ s: ScreenState, into buffer: inout Buffer, area: Rect) -> Bool {
    guard !area.isEmpty else { return false }
    let unicode = s.model.unicode
    var operands: [RowItem] = []
    for (k, term) in op.terms.enumerated() {
        if k > 0 { operands.append(.text(k - 1 < op.operators.count ? op.operators[k - 1] : " ")) }
        operands.append(.matrix(term))
    }
    if !op.suffix.isEmpty { operands.append(.text(op.suffix)) }
    var results: [RowItem] = [.text(op.kind == .update ? LayerNotation(unicode: unicode).arrow : "="), .matrix(op.result)]
    if let extra = op.extra { results.append(.text(" ")); results.append(.matrix(extra)) }
    let all = operands + results
    func height(_ items: [RowItem]) -> Int {
        items.map { if case .matrix(let t) = $0 { return t.rows + 1 } else { return 1 } }.max() ?? 1
    }
    let first = height(operands), second = height(results)
    if gridWidth(all, s) > area.width, first + 1 + second <= area.height,
       max(gridWidth(operands, s), gridWidth(results, s)) <= area.width {
        let top = Rect(x: area.x, y: area.y, width: area.width, height: first)
        let bottom = Rect(x: area.x, y: area.y + first + 1, width: area.width, height: area.height - first - 1)
        let heatTop = drawRow(operands, s, into: &buffer, area: top)
        let heatBottom = drawRow(results, s, into: &buffer, area: bottom)
        return heatTop || heatBottom
    }
    return drawRow(all, s, into: &buffer, area: area)
}

/// The width of the items with every matrix as a grid of numbers (Int.max when one is too large).
private func gridWidth(_ items: [RowItem], _ s: ScreenState) -> Int {
    var total = 0
    for item in items {
        switch item {
        case .text(let t): total += displayWidth(of: t) + 2
        case .matrix(let term):
            guard term.rows * term.columns <= 400 else { return Int.max }
            let cellWidth = (0..<term.rows).flatMap { r in (0..<term.columns).map { c -> Int in
                let v = term.value(row: r, column: c)
                return v.isNaN ? 1 : displayWidth(of: s.words.format(v))
            } }.max() ?? 1
            let title = term.name + " \(term.rows)x\(term.columns)"
            total += MatrixBlock.gridSize(term, cellWidth: cellWidth, title: title).width
        }
    }
    return total
}

/// One row of matrices and operators across `area`.
private func drawRow(_ items: [RowItem], _ s: ScreenState, into buffer: inout Buffer, area: Rect) -> Bool {
    let unicode = s.model.unicode

    let sizes = s.network.layerSizes
    let picture = NetworkDiagram.InputImage.square(inputs: sizes[0])
    // Each matrix: a grid if its numbers fit, else a heatmap (or pictures) sharing the room left.
    struct Plan { var block: MatrixBlock; var width: Int; var flexible: Bool; var natural: Int }
    var plans: [Plan?] = []
    var flexibles: [(Int, MatrixBlock)] = []
    for item in items {
        guard case .matrix(let term) = item else { plans.append(nil); continue }
        let title = term.name + " \(term.rows)\(unicode ? "×" : "x")\(term.columns)"
        var grid: (MatrixBlock, Int)? = nil
        if term.rows * term.columns <= 400 && term.rows + 1 <= area.height {
            let texts = (0..<term.rows).flatMap { r in (0..<term.columns).map { c -> String in
                let v = term.value(row: r, column: c)
                return v.isNaN ? "?" : s.words.format(v)
            } }
            let cellWidth = texts.map { displayWidth(of: $0) }.max() ?? 1
            let size = MatrixBlock.gridSize(term, cellWidth: cellWidth, title: title)
            grid = (MatrixBlock(term: term, body: .grid(texts: texts, cellWidth: cellWidth), unicode: unicode), size.width)
        }
        let flexibleBlock: MatrixBlock
        if term.weightsOfLayer == 1, let picture, area.height >= 5 {
            let labels = (0..<term.matrix.rows).map { s.words.name(of: NeuronRef(layer: 1, index: $0)) }
            var t = term
            t.highlight = term.highlightedMatrixRow.map { .row($0) } ?? .none
            t.transposed = false
            flexibleBlock = MatrixBlock(term: t, body: .images(width: picture.width, height: picture.height, labels: labels), unicode: unicode)
        } else {
            flexibleBlock = MatrixBlock(term: term, body: .heatmap, unicode: unicode)
        }
        let natural = max(displayWidth(of: flexibleBlock.title), min(term.columns * 2, 60))
        if let grid {
            plans.append(Plan(block: grid.0, width: grid.1, flexible: false, natural: natural))
        } else {
            plans.append(Plan(block: flexibleBlock, width: natural, flexible: true, natural: natural))
        }
        // keep the heatmap at hand for when the grids do not fit
        if grid != nil { flexibles.append((plans.count - 1, flexibleBlock)) }
    }
    func textWidth(_ t: String) -> Int { displayWidth(of: t) + 2 }
    let operatorsWidth = items.reduce(0) { total, item in
        if case .text(let t) = item { return total + textWidth(t) } else { return total }
    }
    // Too wide: the widest grids become heatmaps, then the heatmaps share what is left.
    func total() -> Int { plans.reduce(0) { $0 + ($1?.width ?? 0) } + operatorsWidth }
    while total() > area.width {
        guard let widest = plans.indices.filter({ plans[$0].map { !$0.flexible } ?? false })
            .max(by: { plans[$0]!.width < plans[$1]!.width }),
              let replacement = flexibles.first(where: { $0.0 == widest }) else { break }
        plans[widest] = Plan(block: replacement.1, width: plans[widest]!.natural, flexible: true, natural: plans[widest]!.natural)
    }
    let fixed = plans.reduce(0) { $0 + (($1.map { $0.flexible } ?? true) ? 0 : $1!.width) } + operatorsWidth
    let naturals = plans.reduce(0) { $0 + (($1?.flexible ?? false) ? $1!.natural : 0) }
    let room = max(0, area.width - fixed)
    if naturals > room {
        for k in plans.indices where plans[k]?.flexible == true {
            plans[k]!.width = max(4, plans[k]!.natural * room / max(1, naturals))
        }
    }
    // Draw, operators on the middle row of the shortest body.
    let bodyRows = plans.compactMap { $0 }.map { min($0.block.term.rows, area.height - 1) }.min() ?? 1
    let operatorY = area.y + 1 + max(0, (bodyRows - 1) / 2)
    var x = area.x
    var heat = false
    for (k, item) in items.enumerated() {
        switch item {
        case .text(let t):
            buffer.put(" " + t + " ", x: x, y: operatorY, style: Style(.accent, attributes: .bold), clip: area)
            x += textWidth(t)
        case .matrix:
            guard let plan = plans[k] else { continue }
            let width = min(plan.width, area.right - x)
            guard width > 0 else { return heat }
            plan.block.render(into: &buffer, area: Rect(x: x, y: area.y, width: width, height: area.height))
            if case .grid = plan.block.body {} else { heat = true }
            x += plan.width
        }
    }
    return heat
}
