import TutorFiles

/// One line of the lesson menu (and of `backprop-tutor lessons`).
/// It holds the lesson's listing only: the lesson itself is parsed when it is opened.
public struct MenuEntry: Sendable {
    public var listing: LessonListing
    public var progress: LessonProgress?

    public init(listing: LessonListing, progress: LessonProgress?) {
        self.listing = listing
        self.progress = progress
    }

    public var id: String { listing.id }

    /// "not started", "scene 3/9" or "done".
    public func status(_ text: LessonText) -> String {
        guard let p = progress else { return text.notStarted }
        if p.completed { return text.done }
        return text.inProgress(min(p.scene, listing.sceneCount - 1) + 1, listing.sceneCount)
    }

    /// "2/3" (quizzes answered right / quizzes in the lesson); "–" without quizzes.
    public func score(_ text: LessonText) -> String {
        let right = progress.map { listing.score($0).correct } ?? 0
        return text.score(right, listing.quizCount)
    }

    /// The columns: number, title, minutes, status, score.
    public func columns(_ number: Int, _ text: LessonText) -> [String] {
        ["\(number)", listing.title.text(text.language), text.minutes(listing.minutes), status(text), score(text)]
    }
}

/// The lesson menu: the list, the selected line, and what to open.
public struct MenuModel: Sendable {
    public var entries: [MenuEntry]
    public var selected = 0
    public var language: LessonLanguage
    public var unicode: Bool
    public var theme: Theme
    public var width: Int
    public var height: Int
    /// Warnings about the progress file, shown on one line.
    public var warnings: [String]
    /// Set by Enter: the index of the lesson to open (the caller opens it and clears this).
    public var open: Int?
    public var quit = false

    public init(entries: [MenuEntry], language: LessonLanguage, unicode: Bool, theme: Theme, width: Int, height: Int,
                warnings: [String] = []) {
        self.entries = entries
        self.language = language
        self.unicode = unicode
        self.theme = theme
        self.width = width
        self.height = height
        self.warnings = warnings
        // start on the first lesson not done
        selected = entries.firstIndex { $0.progress?.completed != true } ?? 0
    }

    public var text: LessonText { LessonText(language) }

    /// The plain-text list printed by `backprop-tutor lessons`.
    public static func plainList(_ entries: [MenuEntry], language: LessonLanguage) -> String {
        let text = LessonText(language)
        let table = Table(header: text.menuHeader, rows: entries.enumerated().map { $0.element.columns($0.offset + 1, text) },
                          alignments: [.right, .left, .right, .left, .right], columnGap: 2)
        let widths = table.columnWidths
        var buffer = Buffer(width: widths.reduce(0, +) + 2 * (widths.count - 1), height: entries.count + 1)
        table.render(into: &buffer, area: buffer.area)
        return buffer.lines.map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n")
    }
}

public func update(_ model: inout MenuModel, _ msg: TutorMsg) {
    switch msg {
    case .resize(let w, let h):
        model.width = w
        model.height = h
    case .tick:
        break
    case .key(let key):
        switch key {
        case .up, .character("k"), .backTab, .pageUp:
            model.selected = max(0, model.selected - 1)
        case .down, .character("j"), .tab, .pageDown:
            model.selected = min(max(0, model.entries.count - 1), model.selected + 1)
        case .home: model.selected = 0
        case .end: model.selected = max(0, model.entries.count - 1)
        case .enter, .right, .character(" "):
            if !model.entries.isEmpty { model.open = model.selected }
        case .character(let c) where c.wholeNumberValue.map { $0 >= 1 && $0 <= model.entries.count } == true:
            model.selected = c.wholeNumberValue! - 1
        case .character("q"), .ctrlC:
            model.quit = true
        default:
            break
        }
    }
}
