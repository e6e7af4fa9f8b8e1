import ArgumentParser
import EventWords
import Foundation
import TerminalUI
import TutorFiles

/// The lessons to list, and how to get one's whole file when it is opened.
struct LessonCatalog {
    var listings: [LessonListing]
    var open: @Sendable (LessonListing) throws(FileError) -> NetworkFile
}

/// Where the lessons come from: the built-in ones, or a teacher's folder.
struct LessonSource: ParsableArguments {
    @Option(name: .customLong("lessons"), help: ArgumentHelp("A folder of lesson files to list instead of the built-in lessons.", valueName: "dir"))
    var directory: String?

    /// The lessons in list order. Built-in lessons are listed from what was written at build
    /// time and parsed when opened; a folder's files are all checked first (error, file:line, exit 2).
    func load() throws -> LessonCatalog {
        guard let directory else {
            return LessonCatalog(listings: BuiltinLessons.listings) { listing throws(FileError) in
                try BuiltinLessons.load(listing)
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            printError("backprop-tutor: \(directory): no such folder")
            throw ExitCode(2)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var files: [String: NetworkFile] = [:]
        var listings: [LessonListing] = []
        for name in names.sorted() where name.hasSuffix(".toml") {
            let file = try loadOrExit((directory as NSString).appendingPathComponent(name))
            if let listing = LessonListing(file), !listings.contains(where: { $0.id == listing.id }) {
                listings.append(listing)
                files[listing.path] = file
            }
        }
        let parsed = files
        return LessonCatalog(listings: listings.sorted(by: LessonListing.inListOrder)) { listing in parsed[listing.path]! }
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
        let store = ProgressStore()
        var warnings: [ProgressWarning] = []
        if resetProgress { warnings += store.reset() }
        let (saved, loadWarnings) = store.load()
        warnings += loadWarnings
        let language = screen.lessonLanguage
        for w in warnings { printError(w.text(language)) }
        let entries = catalog.listings.map { MenuEntry(listing: $0, progress: saved.lessons[$0.id]) }
        let terminal = try startTerminal(screen.chosenTheme())
        defer { terminal.stop() }
        let size = terminal.size
        var menu = MenuModel(entries: entries, language: language, unicode: terminal.isUTF8 && !screen.ascii,
                             theme: terminal.theme, width: size.width, height: size.height,
                             warnings: warnings.map { $0.text(language) })
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

    func run() throws {
        let listings = try source.load().listings
        let language: LessonLanguage = ((lang ?? root.common.lang)?.language ?? Language.fromEnvironment()) == .ja ? .ja : .en
        let (saved, warnings) = ProgressStore().load()
        for w in warnings { printError(w.text(language)) }
        let entries = listings.map { MenuEntry(listing: $0, progress: saved.lessons[$0.id]) }
        print(MenuModel.plainList(entries, language: language))
    }
}

/// `open LESSON-FILE`: the lesson screen straight away, resuming where the lesson was left.
func openLesson(_ file: NetworkFile, screen: ScreenOptions, autoplay: Double?) throws {
    let store = ProgressStore()
    let language = screen.lessonLanguage
    let (saved, warnings) = store.progress(for: file.lesson!.id)
    for w in warnings { printError(w.text(language)) }
    let terminal = try startTerminal(screen.chosenTheme())
    defer { terminal.stop() }
    let unicode = terminal.isUTF8 && !screen.ascii
    guard let player = LessonPlayer(file: file, language: language, ascii: !unicode, progress: saved) else { return }
    let size = terminal.size
    var model = LessonModel(player: player, width: size.width, height: size.height, unicode: unicode,
                            theme: terminal.theme, autoplayInterval: autoplay)
    model.status = warnings.first?.text(language)
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
