import ArgumentParser
import BackpropEngine
import EventWords
import Foundation
import TerminalBackend
import TerminalUI
import TutorFiles

enum ThemeName: String, ExpressibleByArgument, CaseIterable {
    case `default`, light, mono, projector
    var theme: Theme { Theme.named(rawValue) ?? .default }
}

/// Options every screen shares: theme, ASCII drawing, language.
struct ScreenOptions: ParsableArguments {
    @Option(help: "Colours: default, light, mono (no colour; also when NO_COLOR is set) or projector (high contrast).")
    var theme: ThemeName?

    @Flag(help: "Draw with ASCII characters only (automatic when the locale is not UTF-8).")
    var ascii = false

    @Option(help: "Language of the words: en or ja (default: from the locale).")
    var lang: LanguageOption?

    /// The language asked for, by `--lang` or the locale.
    var requestedLanguage: Language { lang?.language ?? Language.fromEnvironment() }

    /// The screen's language. Japanese cannot be drawn without a UTF-8 locale (every character
    /// would come out as `??`), so the screen then falls back to English and says why.
    var language: Language { requestedLanguage == .ja && !terminalIsUTF8() ? .en : requestedLanguage }

    /// Why the screen is not in the language asked for, or nil.
    var languageNotice: String? {
        language == requestedLanguage ? nil
            : "backprop-tutor: Japanese needs a UTF-8 locale (e.g. LANG=ja_JP.UTF-8): showing English."
    }

    func chosenTheme() -> Theme {
        Theme.forEnvironment(ProcessInfo.processInfo.environment, preferred: (theme ?? .default).theme)
    }

    /// These options with those given before the subcommand filled in where these are not given.
    func over(_ common: CommonOptions) -> ScreenOptions {
        var merged = self
        merged.lang = lang ?? common.lang
        merged.theme = theme ?? common.theme
        merged.ascii = ascii || common.ascii
        return merged
    }
}

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Step through training on the screen: forward pass, loss, chain rule, updates — and back."
    )

    @Argument(help: "A network or lesson file (TOML), or a built-in lesson (chain-rule, 04-chain-rule or 4).")
    var file: String

    @OptionGroup var screenOptions: ScreenOptions
    @ParentCommand var root: BackpropTutor
    var screen: ScreenOptions { screenOptions.over(root.common) }

    @Option(help: ArgumentHelp("Lesson files: presenter mode, the next scene every SECONDS (stopping at each quiz).",
                               valueName: "seconds"))
    var autoplay: Double?

    func run() throws {
        // the file is loaded and checked before the terminal is touched
        let file = try loadLessonOrFile(file)
        if file.lesson != nil {
            try openLesson(file, screen: screen, autoplay: autoplay.flatMap { $0 > 0 ? $0 : nil })
            return
        }
        let timeline = try orExit { () throws(FileError) in try file.timeline() }
        let terminal = try startTerminal(screen)
        defer { terminal.stop() }
        let size = terminal.size
        var model = TutorModel(file: file, timeline: timeline, width: size.width, height: size.height, language: screen.language,
                               unicode: terminal.isUTF8 && !screen.ascii, theme: terminal.theme)
        runLoop(terminal, model: &model)
    }
}

extension String {
    /// A standard-error message as a screen shows it, without the "backprop-tutor: " in front.
    var dropPrefix: String { hasPrefix("backprop-tutor: ") ? String(dropFirst("backprop-tutor: ".count)) : self }
}

/// Starts the screen, or explains why it cannot (exit code 2).
func startTerminal(_ screen: ScreenOptions) throws -> Terminal {
    let theme = screen.chosenTheme()
    guard Terminal.isInteractive() else {
        printError("backprop-tutor: the tutor screen needs a terminal, but input or output is not one. "
            + "For text, use `backprop-tutor trace FILE` (every step) or `backprop-tutor train FILE` (loss curve).")
        throw ExitCode(2)
    }
    // on standard error it stays readable after the screen closes; screens also show it
    if let notice = screen.languageNotice { printError(notice) }
    guard let terminal = Terminal.start(theme: theme) else {
        let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
        printError("backprop-tutor: cannot start the screen for TERM=\(term). "
            + "Try TERM=xterm-256color, or use `backprop-tutor trace FILE`.")
        throw ExitCode(2)
    }
    return terminal
}

/// One loop owns all input and output: draw, wait for a key or the next autoplay tick, update.
func runLoop(_ terminal: Terminal, model: inout TutorModel) {
    var nextTick = ContinuousClock.now
    while !model.quit && !terminal.interrupted {
        if terminal.theme != model.theme { terminal.theme = model.theme }
        terminal.draw(view(model))
        var timeout = 1000
        if model.autoplay {
            let remaining = nextTick - ContinuousClock.now
            timeout = max(0, Int(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000))
        }
        if let key = terminal.readKey(timeoutMs: timeout) {
            if key == .resize {
                let size = terminal.size
                update(&model, .resize(width: size.width, height: size.height))
            } else {
                update(&model, .key(key))
            }
        }
        if model.autoplay && ContinuousClock.now >= nextTick {
            update(&model, .tick)
            nextTick = ContinuousClock.now + .milliseconds(Int(model.autoplayInterval * 1000))
        } else if !model.autoplay {
            nextTick = ContinuousClock.now
        }
    }
}
