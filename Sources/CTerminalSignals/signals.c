#include "CTerminalSignals.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

static const int terminating[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM };
enum { terminatingCount = sizeof terminating / sizeof terminating[0] };

static struct sigaction previous[terminatingCount];
static struct sigaction previousAlarm, previousCont;
static int installed[terminatingCount];
static int installedCont;

static volatile sig_atomic_t pending = 0;
static volatile sig_atomic_t continued = 0;
static volatile sig_atomic_t restoring = 0;

static int terminalFd = -1;
static int haveModes = 0;
static struct termios savedModes;
static char restoreBytes[512];
static size_t restoreLength = 0;

// Dies of `sig` with its default action; a quit does not leave a core file behind
// (Ctrl-\ in a tutor is a way out, not a request for a crash dump).
static void die_of(int sig) {
    if (sig == SIGQUIT) {
        struct rlimit none = { 0, 0 };
        setrlimit(RLIMIT_CORE, &none);
    }
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);   // not reached: the default action of every signal here ends the process
}

// Async-signal-safe: write(2) and tcsetattr(3) only. Errors are ignored (the terminal may be
// gone already: SIGHUP from a closed window).
static void emergency_restore(void) {
    if (restoring) return;
    restoring = 1;
    if (terminalFd >= 0) {
        size_t done = 0;
        while (done < restoreLength) {
            ssize_t n = write(terminalFd, restoreBytes + done, restoreLength - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            done += (size_t)n;
        }
        if (haveModes) tcsetattr(terminalFd, TCSANOW, &savedModes);
    }
}

static void on_terminating(int sig) {
    if (pending != 0) {
        // a second signal: do not wait for the loop any longer
        emergency_restore();
        die_of(pending);
    }
    pending = sig;
    alarm(1);   // the deadline for the loop to restore the terminal itself
}

static void on_alarm(int sig) {
    (void)sig;
    if (pending == 0) return;
    emergency_restore();
    die_of(pending);
}

static void on_continue(int sig) {
    (void)sig;
    continued = 1;
}

static void catch_signal(int sig, void (*handler)(int), struct sigaction *old) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    for (int k = 0; k < terminatingCount; k++) sigaddset(&action.sa_mask, terminating[k]);
    sigaddset(&action.sa_mask, SIGALRM);
    // no SA_RESTART: a signal interrupts the wait for a key, so the loop sees it at once
    action.sa_flags = 0;
    sigaction(sig, &action, old);
}

void bp_signals_install(int fd) {
    pending = 0;
    continued = 0;
    restoring = 0;
    terminalFd = fd;
    haveModes = tcgetattr(fd, &savedModes) == 0;
    for (int k = 0; k < terminatingCount; k++) {
        struct sigaction current;
        sigaction(terminating[k], NULL, &current);
        installed[k] = current.sa_handler != SIG_IGN;
        if (installed[k]) catch_signal(terminating[k], on_terminating, &previous[k]);
    }
    catch_signal(SIGALRM, on_alarm, &previousAlarm);
    struct sigaction current;
    sigaction(SIGCONT, NULL, &current);
    installedCont = current.sa_handler == SIG_DFL;
    if (installedCont) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_continue;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGCONT, &action, &previousCont);
    }
}

void bp_signals_set_restore_sequence(const char *bytes) {
    size_t n = strlen(bytes);
    if (n > sizeof restoreBytes - 1) n = sizeof restoreBytes - 1;
    memcpy(restoreBytes, bytes, n);
    restoreLength = n;
}

int bp_signal_pending(void) { return pending; }

int bp_signal_take_continued(void) {
    if (!continued) return 0;
    continued = 0;
    return 1;
}

void bp_signals_finish(void) {
    alarm(0);
    if (pending != 0) die_of(pending);
    for (int k = 0; k < terminatingCount; k++) {
        if (installed[k]) sigaction(terminating[k], &previous[k], NULL);
        installed[k] = 0;
    }
    sigaction(SIGALRM, &previousAlarm, NULL);
    if (installedCont) sigaction(SIGCONT, &previousCont, NULL);
    installedCont = 0;
    terminalFd = -1;
}
