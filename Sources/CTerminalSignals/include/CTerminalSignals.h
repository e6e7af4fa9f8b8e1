// Terminating signals while the screen is up (SIGHUP, SIGINT, SIGQUIT, SIGTERM) and SIGCONT.
//
// A handler only records the signal; the program's loop sees it (`bp_signal_pending`), saves
// what it has to save, gives the terminal back through ncurses (endwin) and then dies of the same
// signal (`bp_signals_finish`), so its exit status is 128 + the signal (129 HUP, 130 INT, 131 QUIT,
// 143 TERM), as a shell expects. Should the loop not get there within a second (busy training),
// or a second signal come, the terminal is restored from the handler itself, with only
// async-signal-safe calls (write of the terminal's exit sequence, tcsetattr of the saved modes),
// and the process dies at once.
#ifndef BACKPROP_CTERMINALSIGNALS_H
#define BACKPROP_CTERMINALSIGNALS_H

/// Saves the terminal modes of `fd` (call before ncurses changes them) and installs the handlers.
/// A signal the parent set to be ignored (nohup) stays ignored.
void bp_signals_install(int fd);

/// The bytes that take the terminal out of the screen (attributes off, keypad off, cursor
/// visible, alternate screen off), for the handler's emergency restore. Copied; at most 511 bytes.
void bp_signals_set_restore_sequence(const char *bytes);

/// The terminating signal received since `bp_signals_install`, or 0.
int bp_signal_pending(void);

/// 1 once after each SIGCONT (the process was stopped and continued: repaint), else 0.
int bp_signal_take_continued(void);

/// After the terminal has been given back: dies of the pending signal if there is one; otherwise
/// puts back the handlers that were there before `bp_signals_install`.
void bp_signals_finish(void);

#endif
