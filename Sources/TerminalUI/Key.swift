/// A key press or terminal event, independent of any terminal library.
/// The backend turns raw key codes into these; the app reacts to them.
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case insert, delete
    case tab, backTab, enter, backspace, escape
    /// The terminal changed size; ask the backend for the new size.
    case resize
    case ctrlC
    /// F1 … F12 (and beyond, when the terminal reports them).
    case function(Int)
}
