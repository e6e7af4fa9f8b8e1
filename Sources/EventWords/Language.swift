/// The language of the words (formulas are the same in both).
public enum Language: String, Sendable, CaseIterable {
    case en, ja
}
