/// One column of one row on screen.
///
/// `symbol` is a single grapheme. A wide character (kanji, kana, full-width punctuation, most
/// emoji) sits in the cell where it starts; the cell to its right is a *continuation* cell whose
/// symbol is empty, so every row always has exactly `width` cells.
public struct Cell: Hashable, Sendable {
    public var symbol: String
    public var style: Style

    public init(_ symbol: String = " ", style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    public static let blank = Cell()
    public static let continuation = Cell("")

    public var isContinuation: Bool { symbol.isEmpty }
    public var foreground: ColorRole { style.foreground }
    public var background: ColorRole? { style.background }
    public var attributes: Attributes { style.attributes }
    /// Columns this cell's symbol occupies (0 for a continuation cell).
    public var width: Int { symbol.isEmpty ? 0 : max(1, displayWidth(of: symbol)) }
}
