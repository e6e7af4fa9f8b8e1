import TutorFiles

/// The lesson menu: the lessons with their time, progress and score; the selected one's summary;
/// warnings about the progress file on one line; the keys.
public func view(_ model: MenuModel) -> Buffer {
    var buffer = Buffer(width: max(model.width, 1), height: max(model.height, 1))
    let text = model.text
    if model.width < TutorModel.minimumWidth || model.height < TutorModel.minimumHeight {
        drawCentered(UIText(model.language == .ja ? .ja : .en).enlarge(model.width, model.height), into: &buffer)
        return buffer
    }
    let rows = buffer.area.rows([.length(1), .fill, .length(1)])
    let titleStyle = Style(.title, attributes: [.reverse, .bold])
    buffer.fill(rows[0], with: Cell(" ", style: titleStyle))
    buffer.put(" backprop-tutor" + (model.unicode ? " · " : " | ") + text.menuTitle, x: 0, y: 0, style: titleStyle, clip: rows[0])

    let box = BoxStyle.standard(unicode: model.unicode)
    let summaryHeight = 5
    let body = rows[1].rows([.fill, .length(summaryHeight)])
    let panel = Panel(title: text.menuTitle, box: box)
    panel.render(into: &buffer, area: body[0])
    let inner = panel.inner(body[0]).inset(horizontal: 1, vertical: 0)
    if model.entries.isEmpty {
        buffer.put(text.noLessons, x: inner.x, y: inner.y, style: Style(.dim), clip: inner)
    } else {
        // keep the selected line in view
        let visible = max(1, inner.height - 1)
        let start = max(0, min(model.selected - visible / 2, model.entries.count - visible))
        let shown = model.entries.indices.dropFirst(start).prefix(visible)
        var tableRows = shown.map { k -> [String] in
            let marker = k == model.selected ? (model.unicode ? "▸" : ">") : " "
            var columns = model.entries[k].columns(k + 1, text)
            columns[0] = marker + String(repeating: " ", count: 3 - columns[0].count) + columns[0]
            return columns
        }
        // titles are cut so that time, progress and score always fit
        let probe = Table(header: text.menuHeader, rows: tableRows)
        let others = probe.columnWidths.enumerated().filter { $0.offset != 1 }.map(\.element).reduce(0, +) + 2 * 4
        let titleWidth = max(8, inner.width - others)
        for r in tableRows.indices { tableRows[r][1] = truncate(tableRows[r][1], width: titleWidth, unicode: model.unicode) }
        let styles = shown.map { k -> [Style?] in
            let done = model.entries[k].progress?.completed == true
            return [nil, nil, nil, Style(done ? .positive : model.entries[k].progress == nil ? .dim : .accent), nil]
        }
        var table = Table(header: ["   " + text.menuHeader[0]] + text.menuHeader.dropFirst(), rows: tableRows,
                          alignments: [.left, .left, .right, .left, .right], columnGap: 2, cellStyles: styles)
        table.selectedRow = model.selected - start
        table.render(into: &buffer, area: inner)
    }

    // the selected lesson's summary (or the progress warnings)
    let info = body[1].inset(horizontal: 1, vertical: 0)
    if model.entries.indices.contains(model.selected), let summary = model.entries[model.selected].listing.summary {
        let lines = wrap(summary.text(model.language), width: info.width)
        for (k, line) in lines.prefix(summaryHeight - 1).enumerated() {
            buffer.put(line, x: info.x, y: info.y + k, style: .plain, clip: info)
        }
    }
    if let warning = model.warnings.first {
        buffer.put(truncate(warning, width: info.width, unicode: model.unicode), x: info.x, y: info.bottom - 1,
                   style: Style(.warning, attributes: .bold), clip: info)
    }
    let keys = model.unicode ? text.menuKeys : text.menuKeys.map { ($0.0.replacingArrows(), $0.1) }
    KeyHints(keys).render(into: &buffer, area: rows[2].inset(left: 1))
    return buffer
}
