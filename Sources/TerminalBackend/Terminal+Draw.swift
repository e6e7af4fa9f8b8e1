import CNcursesw
import TerminalUI

extension Terminal {
    /// Shows `buffer`, writing only the cells that differ from the previous frame (everything
    /// after a resize or `invalidate()`). The buffer should be the size of the terminal; cells
    /// beyond the screen are dropped.
    public func draw(_ buffer: Buffer) {
        guard !stopped else { return }
        let full = previous.map { $0.width != buffer.width || $0.height != buffer.height } ?? true
        if full { werase(window) }
        let (screenWidth, screenHeight) = size
        let width = min(buffer.width, screenWidth), height = min(buffer.height, screenHeight)
        for y in 0..<height {
            for x in 0..<width {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                if !full, let old = previous, old[x, y] == cell,
                   cell.width < 2 || old[x + 1, y] == buffer[x + 1, y] {
                    continue
                }
                put(cell, x: x, y: y, lastColumn: x == width - 1)
            }
        }
        previous = buffer
        wnoutrefresh(window)
        doupdate()
    }

    private func put(_ cell: Cell, x: Int, y: Int, lastColumn: Bool) {
        var symbol = cell.symbol
        if !isUTF8 { symbol = AsciiFallback.symbol(symbol) }
        if cell.width == 2 && lastColumn { symbol = " " }  // a wide character cannot start in the last column
        let (attributes, pair) = appearance(of: cell.style)
        if symbol.utf8.count == 1, symbol.utf8.first! >= 0x20, symbol.utf8.first! < 0x7F {
            var ch = cchar_t()
            var wide: [wchar_t] = [wchar_t(symbol.utf8.first!), 0]
            setcchar(&ch, &wide, attributes, pair, nil)
            mvwadd_wch(window, Int32(y), Int32(x), &ch)
            return
        }
        var columns = 0
        for ch in symbol {  // ASCII fallback may give "??" for one wide cell
            var wide = ch.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) } + [0]
            var cc = cchar_t()
            setcchar(&cc, &wide, attributes, pair, nil)
            mvwadd_wch(window, Int32(y), Int32(x + columns), &cc)
            columns += max(1, displayWidth(of: ch))
        }
    }

    /// ncurses attributes and colour pair for a style under the theme.
    private func appearance(of style: Style) -> (attr_t, Int16) {
        let role = theme[style.foreground]
        var attributes = style.attributes.union(role.attributes)
        let fg = colorNumber(role.color)
        var bg: Int16 = -1
        if let b = style.background {
            bg = colorNumber(theme[b].color)
            if bg == -1 { attributes.insert(.reverse) }  // no colour for the background: show it reversed
        }
        var attrs = bp_attr_normal()
        if attributes.contains(.bold) { attrs |= bp_attr_bold() }
        if attributes.contains(.reverse) { attrs |= bp_attr_reverse() }
        if attributes.contains(.underline) { attrs |= bp_attr_underline() }
        if attributes.contains(.dim) { attrs |= bp_attr_dim() }
        return (attrs, pair(foreground: fg, background: bg))
    }

    private func colorNumber(_ color: TerminalColor) -> Int16 {
        ColorMapping.colorNumber(color, colorCount: colorCount)
    }

    /// The colour pair for these colours, made on first use; 0 (the default pair) when there
    /// are no colours or no pairs left.
    private func pair(foreground: Int16, background: Int16) -> Int16 {
        guard colorCount > 0, foreground != -1 || background != -1 else { return 0 }
        var fg = foreground, bg = background
        if !defaultColorsWork {
            if fg == -1 { fg = 7 }
            if bg == -1 { bg = 0 }
        }
        let key = PairKey(foreground: fg, background: bg)
        if let p = pairs[key] { return p }
        let next = pairs.count + 1
        guard next < min(Int(bp_color_pairs()), Int(Int16.max)) else { return 0 }
        init_pair(Int16(next), fg, bg)
        pairs[key] = Int16(next)
        return Int16(next)
    }
}
