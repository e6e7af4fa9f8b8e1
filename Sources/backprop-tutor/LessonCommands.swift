import ArgumentParser
import EventWords
import Foundation
import TerminalUI
import TutorFiles

/// Where the lessons come from: the built-in ones, plus (or, with --only, instead of them) a
/// teacher's folder.
struct LessonSource: ParsableArguments {
    @Option(name: .customLong("lessons"), help: ArgumentHelp(
        "A folder of lesson files to add to the built-in lessons (a lesson with a built-in lesson's id replaces it).",
        valueName: "dir"))
    var directory: String?

    @Flag(help: "List only the lessons of the --lessons folder, without the built-in ones.")
    var only = false

    func validate() throws {
        if only && directory == nil { throw ValidationError("--only needs --lessons DIR") }
    }

    /// The lessons in list order, and the folder's broken files (file:line: message). A folder
    /// that cannot be read is an error (message, exit code 2).
    func load() throws -> LessonCourse {
        do {
            return try LessonCourse.load(folder: directory, only: only)
        } catch {
            printError("backprop-tutor: \(error)")
            throw ExitCode(2)
        }
    }
}

extension LessonCourse {
    /// The broken files, one `file:line: message` each, and the skipped network files.
    func problemLines(_ language: LessonLanguage) -> [String] {
        problems.map(\.description) + skipped.map {
            language == .ja ? "\($0): [lesson] の表がないネットワークファイルなので、一覧には入れません（backprop-tutor open で開けます）"
                : "\($0): a network file without a [lesson] table, not listed (open it with backprop-tutor open)"
        }
    }

    /// One line for the menu: how many broken files, and the first.
    func menuWarning(_ language: LessonLanguage) -> String? {
        guard let first = problems.first else { return nil }
        // the count first: the line is cut at the screen's width
        let n = problems.count
        switch language {
        case .en:
            return n == 1 ? "not listed: \(first)"
                : "\(n) lesson files not listed (all printed before the menu started); the first: \(first)"
        case .ja:
            return n == 1 ? "一覧にないレッスン：\(first)"
                : "一覧にないレッスンファイルが \(n) 個（メニューの前にすべて表示しました）。最初のものは \(first) です"
        }
    }
}

extension ScreenOptions {
    var lessonLanguage: LessonLanguage { language == .ja ? .ja : .en }
}

/// `backprop-tutor` with no arguments: the lesson menu.
struct Menu: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Choose a lesson: title, length, progress and quiz score (the default command).",
        discussion: "Progress is saved per user in $XDG_STATE_HOME/backprop-tutor/ (~/.local/state/backprop-tutor/)."
    )

    @OptionGroup var screenOptions: ScreenOptions
    @ParentCommand var root: BackpropTutor
    var screen: ScreenOptions { screenOptions.over(root.common) }
    @OptionGroup var source: LessonSource

    @Flag(name: .customLong("reset-progress"), help: "Clear the saved progress of every lesson first.")
    var resetProgress = false

    @Option(help: ArgumentHelp("Presenter mode: move to the next scene every SECONDS, stopping at each quiz until it is answered.",
                               valueName: "seconds"))
    var autoplay: Double?

    func validate() throws {
        if let autoplay, !(autoplay > 0 && autoplay.isFinite) {
            throw ValidationError("--autoplay must be a positive number of seconds, got \(autoplay)")
        }
    }

    func run() throws {
        let catalog = try source.load()
        let language = screen.lessonLanguage
        for line in catalog.problemLines(language) { printError(line) }
        let store = ProgressStore()
        var warnings: [ProgressWarning] = []
        if resetProgress { warnings += store.reset() }
        let (saved, loadWarnings) = store.load()
        warnings += loadWarnings
        for w in warnings { printError(w.text(language)) }
        let entries = catalog.listings.map { MenuEntry(listing: $0, progress: saved.lessons[$0.id]) }
        let terminal = try startTerminal(screen)
        defer { terminal.stop() }
        let size = terminal.size
        var menu = MenuModel(entries: entries, language: language, unicode: terminal.isUTF8 && !screen.ascii,
                             theme: terminal.theme, width: size.width, height: size.height,
                             warnings: [screen.languageNotice?.dropPrefix, catalog.menuWarning(language)].compactMap { $0 }
                                 + warnings.map { $0.text(language) })
        runMenuLoop(terminal, menu: &menu, catalog: catalog, store: store, autoplay: autoplay)
    }
}

/// `backprop-tutor lessons`: the menu's list as plain text.
struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the lessons with their length, progress and quiz score.")

    @Option(help: "Language of the words: en or ja (default: from the locale).")
    var lang: LanguageOption?

    @OptionGroup var source: LessonSource
    @ParentCommand var root: BackpropTutor

    /// The list on standard output; under it, on standard error, each broken lesson file
    /// (file:line: message), and then exit code 2.
    func run() throws {
        let course = try source.load()
        let language: LessonLanguage = ((lang ?? root.common.lang)?.language ?? Language.fromEnvironment()) == .ja ? .ja : .en
        let (saved, warnings) = ProgressStore().load()
        for w in warnings { printError(w.text(language)) }
        let entries = course.listings.map { MenuEntry(listing: $0, progress: saved.lessons[$0.id]) }
        // written at once, so that the problems come under the list even on one terminal
        FileHandle.standardOutput.write(Data((MenuModel.plainList(entries, language: language) + "\n").utf8))
        for line in course.problemLines(language) { printError(line) }
        if !course.problems.isEmpty { throw ExitCode(2) }
    }
}

/// `open LESSON-FILE`: the lesson screen straight away, resuming where the lesson was left.
func openLesson(_ file: NetworkFile, screen: ScreenOptions, autoplay: Double?) throws {
    let store = ProgressStore()
    let language = screen.lessonLanguage
    let (saved, warnings) = store.progress(for: file.lesson!.id)
    for w in warnings { printError(w.text(language)) }
    let terminal = try startTerminal(screen)
    defer { terminal.stop() }
    let unicode = terminal.isUTF8 && !screen.ascii
    let made = try orExit(stopping: terminal) { () throws(FileError) in
        try LessonPlayer(file: file, language: language, ascii: !unicode, progress: saved)
    }
    guard let player = made else { return }
    let size = terminal.size
    var model = LessonModel(player: player, width: size.width, height: size.height, unicode: unicode,
                            theme: terminal.theme, autoplayInterval: autoplay)
    model.status = screen.languageNotice?.dropPrefix ?? warnings.first?.text(language)
    runLessonLoop(terminal, model: &model, store: store)
}

/// A built-in lesson by id ("chain-rule"), file name ("04-chain-rule") or number ("4"), else a
/// file; only that lesson is parsed.
func loadLessonOrFile(_ name: String) throws -> NetworkFile {
    if !FileManager.default.fileExists(atPath: name), !name.contains("/"), let listing = BuiltinLessons.listing(named: name) {
        do { return try BuiltinLessons.load(listing) } catch { printError("\(error)"); throw ExitCode(2) }
    }
    return try loadOrExit(name)
}
