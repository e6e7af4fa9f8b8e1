/// A text with placeholders: `The output is {out.o1:.4f}.` Braces are written `{{` and `}}`.
public struct Template: Sendable, Equatable {
    public enum Piece: Sendable, Equatable {
        case text(String)
        case value(Placeholder)
    }

    public var pieces: [Piece]

    /// The placeholders, in order.
    public var placeholders: [Placeholder] {
        pieces.compactMap { if case .value(let p) = $0 { return p } else { return nil } }
    }

    /// Splits a text into literal pieces and placeholders; names are not checked here.
    public static func parse(_ text: String) -> Result<Template, TemplateError> {
        var pieces: [Piece] = []
        var literal = ""
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "{" {
                if i + 1 < chars.count, chars[i + 1] == "{" {
                    literal.append("{")
                    i += 2
                    continue
                }
                guard let close = chars[(i + 1)...].firstIndex(of: "}") else {
                    return .failure(TemplateError(offset: i, source: "{", message: "\"{\" is not closed; write {{ for a brace"))
                }
                let body = String(chars[(i + 1)..<close])
                if body.contains("{") {
                    return .failure(TemplateError(offset: i, source: "{" + body,
                                                  message: "\"{\" is not closed; write {{ for a brace"))
                }
                let parts = body.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(parts[0]).trimmingSpaces
                let spec = parts.count > 1 ? String(parts[1]).trimmingSpaces : ""
                guard !name.isEmpty else {
                    return .failure(TemplateError(offset: i, source: "{" + body + "}", message: "empty placeholder {\(body)}"))
                }
                guard let format = ValueFormat(spec: spec) else {
                    return .failure(TemplateError(offset: i, source: "{" + body + "}",
                                                  message: "unknown format \"\(spec)\" in {\(body)}; use .4f, .2e, d or .1%"))
                }
                if !literal.isEmpty { pieces.append(.text(literal)); literal = "" }
                pieces.append(.value(Placeholder(name: name, format: format, source: "{" + body + "}")))
                i = close + 1
            } else if c == "}" {
                if i + 1 < chars.count, chars[i + 1] == "}" {
                    literal.append("}")
                    i += 2
                    continue
                }
                return .failure(TemplateError(offset: i, source: "}", message: "\"}\" without \"{\"; write }} for a brace"))
            } else {
                literal.append(c)
                i += 1
            }
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        return .success(Template(pieces: pieces))
    }

    /// The text with each placeholder replaced by `value(placeholder)`.
    public func render(_ value: (Placeholder) -> String) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let s): out += s
            case .value(let p): out += value(p)
            }
        }
        return out
    }
}

/// `{name:format}` in a text.
public struct Placeholder: Sendable, Equatable {
    /// As written: `grad.w5`.
    public var name: String
    public var format: ValueFormat
    /// The placeholder as written in the text, braces included (to find its line).
    public var source: String
}

/// A malformed placeholder; `source` is the text to look for in the file.
public struct TemplateError: Error, Equatable, Sendable {
    public var offset: Int
    public var source: String
    public var message: String
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }

    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
