/// Reads `[lesson]` and its `[[scene]]`s (see lessons/FORMAT.md).
enum LessonSection {
    static let keys = ["id", "title_en", "title_ja", "summary_en", "summary_ja", "minutes", "order", "compare", "compare_epochs"]

    static func read(_ r: TableReader, scenes: [TableReader], texts: LessonTexts) throws(FileError) -> Lesson {
        guard let id = try r.string("id") else { throw r.error("", "missing key \"id\" in [lesson]") }
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            throw r.error("id", "lesson.id must be lowercase letters, digits and -, got \"\(id)\"")
        }
        guard let title = try texts.pair(r, "title", what: "[lesson]", required: true) else {
            throw r.error("", "missing title_en and title_ja in [lesson]")
        }
        let summary = try texts.pair(r, "summary", what: "[lesson]", required: false)
        let minutes = try r.integer("minutes")
        if let m = minutes, m < 1 { throw r.error("minutes", "lesson.minutes must be at least 1, got \(m)") }
        let order = try r.integer("order")
        guard !scenes.isEmpty else {
            throw r.error("", "a lesson needs at least one [[scene]]")
        }
        var list: [LessonScene] = []
        for (n, scene) in scenes.enumerated() {
            list.append(try SceneSection.read(scene, number: n + 1, texts: texts))
        }
        return Lesson(id: id, title: title, summary: summary, minutes: minutes, order: order, scenes: list)
    }
}
