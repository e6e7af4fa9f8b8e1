/// A colour the terminal can show: its own default, or an xterm 256-colour index
/// (0–15 are the basic colours; the backend approximates when the terminal has fewer).
public enum TerminalColor: Hashable, Sendable {
    case terminalDefault
    case indexed(UInt8)

    public static let black = TerminalColor.indexed(0), red = TerminalColor.indexed(1)
    public static let green = TerminalColor.indexed(2), yellow = TerminalColor.indexed(3)
    public static let blue = TerminalColor.indexed(4), magenta = TerminalColor.indexed(5)
    public static let cyan = TerminalColor.indexed(6), white = TerminalColor.indexed(7)
}

/// How one colour role looks: a foreground colour and attributes that are always added.
/// When a role is used as a *background*, its foreground colour is used for the background.
public struct RoleAppearance: Hashable, Sendable {
    public var color: TerminalColor
    public var attributes: Attributes
    public init(_ color: TerminalColor, _ attributes: Attributes = []) {
        self.color = color
        self.attributes = attributes
    }
}

/// Colours and attributes for every `ColorRole`.
public struct Theme: Hashable, Sendable {
    public var name: String
    /// The roles in `ColorRole` order.
    public private(set) var appearances: [RoleAppearance]

    public init(name: String, _ table: [ColorRole: RoleAppearance]) {
        self.name = name
        self.appearances = ColorRole.allCases.map { table[$0] ?? RoleAppearance(.terminalDefault) }
    }

    public subscript(role: ColorRole) -> RoleAppearance {
        get { appearances[role.rawValue] }
        set { appearances[role.rawValue] = newValue }
    }

    /// True when any role asks for a colour (false for `.mono`).
    public var usesColor: Bool { appearances.contains { $0.color != .terminalDefault } }

    /// Positive in blue and negative in orange, a pair that stays distinct for red–green colour
    /// blindness (and in `.mono`, positive is bold and negative underlined, as before).
    public func colorBlindSafe() -> Theme {
        guard usesColor else { return self }
        var t = self
        t.name = name + "-cb"
        t[.positive].color = .indexed(name == "light" ? 25 : 39)    // blue
        t[.negative].color = .indexed(name == "light" ? 166 : 208)  // orange
        return t
    }

    public static let all: [Theme] = [.default, .light, .mono, .projector]

    /// The theme with this name ("default", "light", "mono", "projector"; "-cb" suffix for the
    /// colour-blind-safe variant), or nil.
    public static func named(_ name: String) -> Theme? {
        if name.hasSuffix("-cb") { return named(String(name.dropLast(3)))?.colorBlindSafe() }
        return all.first { $0.name == name }
    }

    /// `.mono` when NO_COLOR is set to anything non-empty (https://no-color.org), else `preferred`.
    public static func forEnvironment(_ environment: [String: String], preferred: Theme = .default) -> Theme {
        if let v = environment["NO_COLOR"], !v.isEmpty { return .mono }
        return preferred
    }

    /// For a dark terminal background.
    public static let `default` = Theme(name: "default", [
        .text: RoleAppearance(.terminalDefault),
        .dim: RoleAppearance(.indexed(245)),
        .accent: RoleAppearance(.indexed(81)),
        .positive: RoleAppearance(.indexed(114)),
        .negative: RoleAppearance(.indexed(203)),
        .highlight: RoleAppearance(.indexed(221), [.bold]),
        .border: RoleAppearance(.indexed(240)),
        .title: RoleAppearance(.indexed(117), [.bold]),
        .keyHint: RoleAppearance(.indexed(180), [.bold]),
        .warning: RoleAppearance(.indexed(214), [.bold]),
        .heatNeutral: RoleAppearance(.indexed(238)),
        .heat0Low: RoleAppearance(.indexed(94)), .heat0Mid: RoleAppearance(.indexed(130)),
        .heat0High: RoleAppearance(.indexed(166)),
        .heat1Low: RoleAppearance(.indexed(24)), .heat1Mid: RoleAppearance(.indexed(25)),
        .heat1High: RoleAppearance(.indexed(26)),
        .class0: RoleAppearance(.indexed(214), [.bold]), .class1: RoleAppearance(.indexed(45), [.bold]),
    ])

    /// For a light terminal background: darker, saturated colours.
    public static let light = Theme(name: "light", [
        .text: RoleAppearance(.terminalDefault),
        .dim: RoleAppearance(.indexed(243)),
        .accent: RoleAppearance(.indexed(25)),
        .positive: RoleAppearance(.indexed(28)),
        .negative: RoleAppearance(.indexed(160)),
        .highlight: RoleAppearance(.indexed(90), [.bold]),
        .border: RoleAppearance(.indexed(248)),
        .title: RoleAppearance(.indexed(24), [.bold]),
        .keyHint: RoleAppearance(.indexed(94), [.bold]),
        .warning: RoleAppearance(.indexed(130), [.bold]),
        .heatNeutral: RoleAppearance(.indexed(255)),
        .heat0Low: RoleAppearance(.indexed(223)), .heat0Mid: RoleAppearance(.indexed(216)),
        .heat0High: RoleAppearance(.indexed(209)),
        .heat1Low: RoleAppearance(.indexed(153)), .heat1Mid: RoleAppearance(.indexed(111)),
        .heat1High: RoleAppearance(.indexed(69)),
        .class0: RoleAppearance(.indexed(166), [.bold]), .class1: RoleAppearance(.indexed(25), [.bold]),
    ])

    /// No colour at all, attributes only (used when NO_COLOR is set).
    public static let mono = Theme(name: "mono", [
        .text: RoleAppearance(.terminalDefault),
        .dim: RoleAppearance(.terminalDefault, [.dim]),
        .accent: RoleAppearance(.terminalDefault, [.bold]),
        .positive: RoleAppearance(.terminalDefault, [.bold]),
        .negative: RoleAppearance(.terminalDefault, [.underline]),
        .highlight: RoleAppearance(.terminalDefault, [.reverse]),
        .border: RoleAppearance(.terminalDefault),
        .title: RoleAppearance(.terminalDefault, [.bold]),
        .keyHint: RoleAppearance(.terminalDefault, [.bold]),
        .warning: RoleAppearance(.terminalDefault, [.bold, .underline]),
        .class0: RoleAppearance(.terminalDefault, [.bold]), .class1: RoleAppearance(.terminalDefault, [.bold]),
    ])

    /// High contrast for a projector: basic bright colours, everything bold.
    public static let projector = Theme(name: "projector", [
        .text: RoleAppearance(.terminalDefault, [.bold]),
        .dim: RoleAppearance(.indexed(250), [.bold]),
        .accent: RoleAppearance(.indexed(14), [.bold]),
        .positive: RoleAppearance(.indexed(10), [.bold]),
        .negative: RoleAppearance(.indexed(9), [.bold]),
        .highlight: RoleAppearance(.indexed(11), [.bold, .reverse]),
        .border: RoleAppearance(.indexed(15), [.bold]),
        .title: RoleAppearance(.indexed(11), [.bold]),
        .keyHint: RoleAppearance(.indexed(14), [.bold]),
        .warning: RoleAppearance(.indexed(11), [.bold, .underline]),
        .heatNeutral: RoleAppearance(.indexed(238), [.bold]),
        .heat0Low: RoleAppearance(.indexed(94), [.bold]), .heat0Mid: RoleAppearance(.indexed(130), [.bold]),
        .heat0High: RoleAppearance(.indexed(166), [.bold]),
        .heat1Low: RoleAppearance(.indexed(24), [.bold]), .heat1Mid: RoleAppearance(.indexed(25), [.bold]),
        .heat1High: RoleAppearance(.indexed(26), [.bold]),
        .class0: RoleAppearance(.indexed(214), [.bold]), .class1: RoleAppearance(.indexed(45), [.bold]),
    ])
}
