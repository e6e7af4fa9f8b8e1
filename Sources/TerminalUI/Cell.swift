/// One column of one row on screen.
///
/// `symbol` is a single grapheme. A wide character (kanji, kana, full-width punctuation, most
/// emoji) sits in the cell where it starts; the cell to its right is a *continuation* cell whose
/// symbol is empty, so every row always has exactly `width` cells.
public struct Cell: Hashable, Sendable {
    public private(set) var symbol: String
    public var style: Style
    /// Columns the symbol occupies, measured once here: a redraw sets every cell at least once,
    /// and measuring a grapheme each time would cost most of a frame.
    public let width: Int

    public init(_ symbol: String = " ", style: Style = .plain) {
        self.symbol = symbol
        self.style = style
        if symbol.isEmpty {
            width = 0
        } else if symbol.utf8.count == 1 {
            width = 1   // ASCII
        } else {
            width = max(1, displayWidth(of: symbol))
        }
    }

    /// A cell whose width the caller already knows (it must be what `init(_:style:)` would
    /// measure): skips measuring in the loops that write many cells.
    init(_ symbol: String, style: Style, width: Int) {
        self.symbol = symbol
        self.style = style
        self.width = width
    }

    /// A cell that `put` would write for a one-column grapheme, or nil for anything else (wide,
    /// zero-width, tab or several graphemes): lets border and chart loops set cells directly.
    static func narrow(_ symbol: String, style: Style) -> Cell? {
        var graphemes = symbol.makeIterator()
        guard let ch = graphemes.next(), graphemes.next() == nil, ch != "\t", displayWidth(of: ch) == 1 else { return nil }
        return Cell(symbol, style: style, width: 1)
    }

    public static let blank = Cell()
    public static let continuation = Cell("")

    public var isContinuation: Bool { width == 0 }
    public var foreground: ColorRole { style.foreground }
    public var background: ColorRole? { style.background }
    public var attributes: Attributes { style.attributes }
}
