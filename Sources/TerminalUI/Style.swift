/// What a piece of text means on screen; a `Theme` turns a role into colours and attributes.
public enum ColorRole: Int, CaseIterable, Hashable, Sendable {
    case text, dim, accent, positive, negative, highlight, border, title, keyHint, warning
    // The playground's two classes, 0 orange and 1 blue: heatmap shades from an unsure grey
    // through low, mid, high confidence, and the brighter colours of the data points.
    case heatNeutral, heat0Low, heat0Mid, heat0High, heat1Low, heat1Mid, heat1High, class0, class1
}

/// Text attributes that every terminal understands, with or without colour.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let reverse = Attributes(rawValue: 1 << 1)
    public static let underline = Attributes(rawValue: 1 << 2)
    public static let dim = Attributes(rawValue: 1 << 3)
}

/// How to draw text: foreground role, optional background role, attributes.
public struct Style: Hashable, Sendable {
    public var foreground: ColorRole
    public var background: ColorRole?
    public var attributes: Attributes

    public init(_ foreground: ColorRole = .text, background: ColorRole? = nil, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()

    public static func role(_ role: ColorRole) -> Style { Style(role) }

    public func with(_ extra: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    public var bold: Style { with(.bold) }
}
