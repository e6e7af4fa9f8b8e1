import CNcursesw

/// The result of setting the locale before ncurses starts.
public struct LocaleStatus: Sendable, Equatable {
    /// The locale now in effect (e.g. "C.UTF-8"), as setlocale reports it.
    public var name: String
    /// True when the character set is UTF-8, so wide and box-drawing characters can be shown.
    public var isUTF8: Bool
    /// True when the environment's locale is not installed and C.UTF-8 was used instead.
    public var usedFallback: Bool
}

public enum LocaleSetup {
    /// `setlocale(LC_ALL, "")`; when that fails (e.g. LANG=ja_JP.UTF-8 on a machine with only C
    /// and C.UTF-8), `setlocale(LC_ALL, "C.UTF-8")` for the character set. The interface language
    /// must come from `preferredLanguage(environment:)`, not from this.
    public static func configure() -> LocaleStatus {
        var usedFallback = false
        var name = bp_setlocale_from_environment().map { String(cString: $0) }
        if name == nil {
            name = bp_setlocale("C.UTF-8").map { String(cString: $0) }
            usedFallback = name != nil
        }
        let codeset = bp_codeset().map { String(cString: $0) } ?? ""
        return LocaleStatus(name: name ?? "C", isUTF8: isUTF8Codeset(codeset), usedFallback: usedFallback)
    }

    /// True for "UTF-8", "utf8" and the like.
    public static func isUTF8Codeset(_ codeset: String) -> Bool {
        let c = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        return c == "utf8"
    }

    /// "ja" when the first set of LC_ALL, LC_MESSAGES, LANG names Japanese; otherwise "en".
    public static func preferredLanguage(environment: [String: String]) -> String {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = environment[key], !v.isEmpty { return v.lowercased().hasPrefix("ja") ? "ja" : "en" }
        }
        return "en"
    }
}
