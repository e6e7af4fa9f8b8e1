/// Reads the bilingual texts of a lesson (`narration_en` + `narration_ja`…) and checks their
/// placeholders against the network: a name that names nothing is an error at its own line.
struct LessonTexts {
    let context: ParseContext
    /// The file's lines, to find the line and column of a placeholder inside a multi-line string.
    let lines: [Substring]
    let names: ValueNames

    init(context: ParseContext, text: String, names: ValueNames) {
        self.context = context
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        self.names = names
    }

    /// `<base>_en` and `<base>_ja`, both or neither (`required`: both).
    func pair(_ r: TableReader, _ base: String, what: String, required: Bool) throws(FileError) -> Localized? {
        let en = try r.string(base + "_en"), ja = try r.string(base + "_ja")
        switch (en, ja) {
        case let (en?, ja?):
            for (key, text) in [(base + "_en", en), (base + "_ja", ja)] {
                if text.allSatisfy(\.isWhitespace) { throw r.error(key, "\(what): \(key) is empty") }
                _ = try check(text, r, key)
            }
            return Localized(en: en, ja: ja)
        case (nil, nil):
            guard !required else {
                throw r.error("", "\(what): missing \(base)_en and \(base)_ja; every text is written in English and Japanese")
            }
            return nil
        case (_?, nil):
            throw r.error(base + "_en", "\(what): \(base)_ja is missing; every text is written in English and Japanese")
        case (nil, _?):
            throw r.error(base + "_ja", "\(what): \(base)_en is missing; every text is written in English and Japanese")
        }
    }

    /// The names of the text's placeholders; a bad placeholder is an error at its line and column.
    func check(_ text: String, _ r: TableReader, _ key: String) throws(FileError) -> [ValueName] {
        let template: Template
        switch Template.parse(text) {
        case .success(let t): template = t
        case .failure(let e): throw place(e.source, r, key, e.message)
        }
        var out: [ValueName] = []
        for p in template.placeholders {
            switch names.parse(p.name) {
            case .success(let v): out.append(v)
            case .failure(let e): throw place(p.source, r, key, e.message)
            }
        }
        return out
    }

    /// An error at the first place at or after the key's line where `source` is written.
    func place(_ source: String, _ r: TableReader, _ key: String, _ message: String) -> FileError {
        var error = r.error(key, message)
        guard let start = error.line else { return error }
        for index in (start - 1)..<lines.count {
            let line = lines[index]
            if let range = line.range(of: source) {
                error.line = index + 1
                error.column = line.distance(from: line.startIndex, to: range.lowerBound) + 1
                return error
            }
        }
        return error
    }
}
