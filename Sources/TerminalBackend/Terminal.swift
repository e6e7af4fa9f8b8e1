import CNcursesw
import CTerminalSignals
import TerminalUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, through ncursesw. The only type in the program that calls ncurses.
///
/// ```swift
/// guard let term = Terminal.start(theme: .default) else { … print plain output … }
/// defer { term.stop() }
/// term.draw(buffer)
/// if let key = term.readKey(timeoutMs: 100) { … }
/// ```
/// Not thread-safe: use it from one loop only.
public final class Terminal {
    /// True when the locale's character set is UTF-8; when false, draw with ASCII
    /// (`BoxStyle.ascii`, `unicode: false`) — non-ASCII cells are replaced by look-alikes or `?`.
    public let isUTF8: Bool
    /// The locale that was set up (name, UTF-8, whether C.UTF-8 was used as a fallback).
    public let locale: LocaleStatus
    /// Colours the terminal can show (0 when it has none).
    public let colorCount: Int
    /// Changing it repaints the next frame in the new colours.
    public var theme: Theme {
        didSet { invalidate() }
    }

    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    let defaultColorsWork: Bool
    var previous: Buffer?
    var pairs: [PairKey: Int16] = [:]
    var stopped = false

    struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// True when both stdin and stdout are terminals (otherwise do not start the screen).
    public static func isInteractive() -> Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Sets the locale, installs the handlers for SIGHUP, SIGINT, SIGQUIT and SIGTERM (see
    /// `interrupted`) and SIGCONT, and starts ncurses (which handles SIGTSTP and SIGWINCH itself).
    /// Returns nil when stdin/stdout is not a terminal or ncurses cannot start (e.g. unknown
    /// TERM); the terminal is left untouched in that case.
    public static func start(theme: Theme) -> Terminal? {
        guard isInteractive() else { return nil }
        let locale = LocaleSetup.configure()
        // before newterm: the handlers save the shell's terminal modes for an emergency restore
        bp_signals_install(STDOUT_FILENO)
        guard let screen = bp_newterm(), let window = bp_stdscr() else {
            bp_signals_finish()
            return nil
        }
        bp_signals_set_restore_sequence(restoreSequence())
        return Terminal(screen: screen, window: window, locale: locale, theme: theme)
    }

    /// What endwin sends, from the terminal's own description: attributes off, cursor visible,
    /// keypad off, alternate screen off.
    private static func restoreSequence() -> String {
        ["sgr0", "cnorm", "rmkx", "rmcup"].map { name -> String in
            guard let p = tigetstr(name), Int(bitPattern: p) != -1 else { return "" }
            return String(cString: p)
        }.joined()
    }

    /// True once SIGHUP, SIGINT, SIGQUIT or SIGTERM has arrived: the loop should stop at once,
    /// save what it has to, and call `stop()`, which restores the terminal and then ends the
    /// process with that signal (exit status 129, 130, 131, 143). Should the loop take longer
    /// than a second, the signal handler restores the terminal and ends the process itself.
    public var interrupted: Bool { bp_signal_pending() != 0 }

    /// Home and End send different sequences in different terminals (xterm `ESC O H`, the VT220
    /// family, tmux and screen `ESC [ 1 ~`, rxvt `ESC [ 7 ~`), and a terminal's TERM does not always
    /// name the one it sends: accept them all, so Home always reaches the start of the run.
    private static func defineOtherHomeAndEndKeys() {
        for home in ["\u{1B}[1~", "\u{1B}[7~", "\u{1B}[H", "\u{1B}OH"] { _ = define_key(home, KEY_HOME) }
        for end in ["\u{1B}[4~", "\u{1B}[8~", "\u{1B}[F", "\u{1B}OF"] { _ = define_key(end, KEY_END) }
    }

    private init(screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>, locale: LocaleStatus, theme: Theme) {
        self.screen = screen
        self.window = window
        self.locale = locale
        self.isUTF8 = locale.isUTF8
        self.theme = theme
        cbreak()
        noecho()
        keypad(window, true)
        Self.defineOtherHomeAndEndKeys()
        _ = curs_set(0)
        _ = set_escdelay(25)
        var colors = 0
        var defaultsWork = false
        // colours are started even for the mono theme, so that a theme switch can bring them in
        if has_colors() {
            start_color()
            defaultsWork = use_default_colors() == OK
            colors = Int(bp_colors())
        }
        self.colorCount = colors
        self.defaultColorsWork = defaultsWork
    }

    deinit { stop() }

    /// The terminal size in cells.
    public var size: (width: Int, height: Int) {
        (Int(max(0, getmaxx(window))), Int(max(0, getmaxy(window))))
    }

    /// The whole screen as a rectangle at (0, 0).
    public var area: Rect {
        let s = size
        return Rect(width: s.width, height: s.height)
    }

    /// Waits up to `timeoutMs` milliseconds (forever when negative) for a key. Returns nil on
    /// timeout or for a key the tutor does not use. After `.resize`, ask `size` again.
    /// After a terminating signal it returns nil at once (see `interrupted`); after the process
    /// was stopped and continued (SIGSTOP or SIGTSTP, then SIGCONT) it puts the terminal back
    /// into the screen's modes and returns `.resize`, so that the whole screen is drawn again.
    public func readKey(timeoutMs: Int) -> Key? {
        guard !stopped, !interrupted else { return nil }
        if bp_signal_take_continued() != 0 { return continued() }
        wtimeout(window, Int32(clamping: timeoutMs))
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if result == ERR { return bp_signal_take_continued() != 0 ? continued() : nil }
        let key = KeyMapping.key(code: code, isKeyCode: result == KEY_CODE_YES)
        if key == .resize { previous = nil }
        return key
    }

    private func continued() -> Key {
        _ = reset_prog_mode()
        invalidate()
        return .resize
    }

    /// Forgets the last frame, so the next `draw` repaints everything (e.g. after Ctrl-L).
    public func invalidate() {
        previous = nil
        if !stopped { _ = clearok(window, true) }
    }

    /// Gives the terminal back (endwin) and puts back the signal handlers there were before.
    /// After a terminating signal (`interrupted`) the process then dies of that signal, here.
    /// Safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        _ = curs_set(1)
        endwin()
        delscreen(screen)
        bp_signals_finish()
    }
}
