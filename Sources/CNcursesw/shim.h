#ifndef BACKPROP_TUTOR_CNCURSESW_SHIM_H
#define BACKPROP_TUTOR_CNCURSESW_SHIM_H

// The wide-character API (cchar_t, setcchar, mvadd_wch, wget_wch) is only visible with this
// defined before curses.h.
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <stdio.h>
#include <langinfo.h>
#include <locale.h>
#include <unistd.h>

// Attribute macros are not imported into Swift; these accessors are.
static inline attr_t bp_attr_normal(void) { return WA_NORMAL; }
static inline attr_t bp_attr_bold(void) { return WA_BOLD; }
static inline attr_t bp_attr_reverse(void) { return WA_REVERSE; }
static inline attr_t bp_attr_underline(void) { return WA_UNDERLINE; }
static inline attr_t bp_attr_dim(void) { return WA_DIM; }

// Globals that Swift 6 refuses as shared mutable state.
static inline int bp_colors(void) { return COLORS; }
static inline int bp_color_pairs(void) { return COLOR_PAIRS; }
static inline WINDOW *bp_stdscr(void) { return stdscr; }

// newterm on the process's stdin/stdout; NULL when the terminal cannot be set up
// (unlike initscr, which exits the process).
static inline SCREEN *bp_newterm(void) { return newterm(NULL, stdout, stdin); }

// Locale: set it from the environment and say whether the character set is UTF-8.
static inline const char *bp_setlocale_from_environment(void) { return setlocale(LC_ALL, ""); }
static inline const char *bp_setlocale(const char *name) { return setlocale(LC_ALL, name); }
static inline const char *bp_codeset(void) { return nl_langinfo(CODESET); }

#endif
