import ArgumentParser
import EventWords
import Foundation
import TerminalUI
import TutorFiles

/// Where the lessons come from: the built-in ones, or a teacher's folder.
struct LessonSource: ParsableArguments {
    @Option(name: .customLong("lessons"), help: ArgumentHelp("A folder of lesson files to list instead of the built-in lessons.", valueName: "dir"))
    var directory: String?

    /// The lessons in list order, every file checked first (its error, file:line, and exit 2).
    func load() throws -> [NetworkFile] {
        guard let directory else {
            do { return try BuiltinLessons.lessons() } catch { printError("\(error)"); throw ExitCode(2) }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            printError("backprop-tutor: \(directory): no such folder")
            throw ExitCode(2)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var files: [(order: Int, name: String, file: NetworkFile)] = []
        for name in names.sorted() where name.hasSuffix(".toml") {
            let file = try loadOrExit((directory as NSString).appendingPathComponent(name))
            if let lesson = file.lesson, !files.contains(where: { $0.file.lesson?.id == lesson.id }) {
                files.append((lesson.order ?? Int.max, name, file))
            }
        }
        return files.sorted { ($0.order, $0.name) < ($1.order, $1.name) }.map(\.file)
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
        let files = try source.load()
        let store = ProgressStore()
        var warnings: [ProgressWarning] = []
        if resetProgress { warnings += store.reset() }
        let (saved, loadWarnings) = store.load()
        warnings += loadWarnings
        let language = screen.lessonLanguage
        for w in warnings { printError(w.text(language)) }
        let entries = files.map { MenuEntry(file: $0, progress: saved.lessons[$0.lesson!.id]) }
        let terminal = try startTerminal(screen.chosenTheme())
        defer { terminal.stop() }
        let size = terminal.size
        var menu = MenuModel(entries: entries, language: language, unicode: terminal.isUTF8 && !screen.ascii,
                             theme: terminal.theme, width: size.width, height: size.height,
                             warnings: warnings.map { $0.text(language) })
        runMenuLoop(terminal, menu: &menu, store: store, autoplay: autoplay)
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
        let files = try source.load()
        let language: LessonLanguage = ((lang ?? root.common.lang)?.language ?? Language.fromEnvironment()) == .ja ? .ja : .en
        let (saved, warnings) = ProgressStore().load()
        for w in warnings { printError(w.text(language)) }
        let entries = files.map { MenuEntry(file: $0, progress: saved.lessons[$0.lesson!.id]) }
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

/// A built-in lesson by id ("chain-rule"), file name ("04-chain-rule") or number ("4"), else a file.
func loadLessonOrFile(_ name: String) throws -> NetworkFile {
    if !FileManager.default.fileExists(atPath: name), !name.contains("/"),
       let lessons = try? BuiltinLessons.lessons() {
        let stem = name.hasSuffix(".toml") ? String(name.dropLast(5)) : name
        let number = Int(stem)
        if let file = lessons.first(where: { f in
            f.lesson?.id == stem || (f.path as NSString).lastPathComponent == stem + ".toml"
                || (number != nil && f.lesson?.order == number)
        }) {
            return file
        }
    }
    return try loadOrExit(name)
}
