// accept4, pipe2 and pidfd_open are GNU/Linux extensions; the header declares plain wrappers so
// Swift can call them. The terminal's raw mode and its signal handlers are at the end.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "CSystemLinux.h"

int csystem_accept4(int fd, int flags) {
    return accept4(fd, NULL, NULL, flags);
}

int csystem_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

int csystem_pidfd_open(int pid) {
    return (int)syscall(SYS_pidfd_open, pid, 0);
}

// The terminal's raw mode. The signal handlers must restore the terminal without running Swift code,
// so the saved settings and the handlers live here; they only call async-signal-safe functions.
static struct termios csystem_saved_termios;
static int csystem_terminal_fd = -1;
static int csystem_notify_fd = -1;
static int csystem_output_fd = -1;
static volatile sig_atomic_t csystem_raw_on = 0;
static const int csystem_fatal_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static int csystem_apply_raw(void) {
    struct termios raw = csystem_saved_termios;
    raw.c_iflag &= ~(tcflag_t)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
    raw.c_cflag |= CS8;
    raw.c_lflag &= ~(tcflag_t)(ECHO | ICANON | IEXTEN | ISIG);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    return tcsetattr(csystem_terminal_fd, TCSADRAIN, &raw);
}

// Bracketed paste: the terminal wraps pasted text in ESC [ 200 ~ ... ESC [ 201 ~ while it is on.
static void csystem_bracketed_paste(int on) {
    const char *sequence = on ? "\033[?2004h" : "\033[?2004l";
    if (csystem_output_fd >= 0) {
        ssize_t ignored = write(csystem_output_fd, sequence, strlen(sequence));
        (void)ignored;
    }
}

static void csystem_leave_raw(void) {
    tcsetattr(csystem_terminal_fd, TCSADRAIN, &csystem_saved_termios);
    csystem_bracketed_paste(0);
}

static void csystem_notify(char byte) {
    if (csystem_notify_fd >= 0) {
        ssize_t ignored = write(csystem_notify_fd, &byte, 1);
        (void)ignored;
    }
}

static void csystem_set_handler(int number, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(number, &action, NULL);
}

static void csystem_on_fatal(int number) {
    int saved_errno = errno;
    if (csystem_raw_on) csystem_leave_raw();
    csystem_set_handler(number, SIG_DFL);
    raise(number);   // Delivered when the handler returns: the process ends by this signal.
    errno = saved_errno;
}

static void csystem_on_stop(int number) {
    int saved_errno = errno;
    if (csystem_raw_on) csystem_leave_raw();
    csystem_set_handler(SIGTSTP, SIG_DFL);
    raise(SIGTSTP);   // Stops when the handler returns.
    (void)number;
    errno = saved_errno;
}

static void csystem_on_continue(int number) {
    int saved_errno = errno;
    if (csystem_raw_on) {
        csystem_apply_raw();
        csystem_bracketed_paste(1);
        csystem_set_handler(SIGTSTP, csystem_on_stop);
        csystem_notify('C');
    }
    (void)number;
    errno = saved_errno;
}

static void csystem_on_resize(int number) {
    int saved_errno = errno;
    csystem_notify('W');
    (void)number;
    errno = saved_errno;
}

int csystem_terminal_enter_raw(int fd, int output_fd, int notify_fd) {
    if (tcgetattr(fd, &csystem_saved_termios) != 0) return -1;
    csystem_terminal_fd = fd;
    csystem_notify_fd = notify_fd;
    csystem_output_fd = output_fd;
    for (size_t i = 0; i < sizeof csystem_fatal_signals / sizeof csystem_fatal_signals[0]; i++) {
        csystem_set_handler(csystem_fatal_signals[i], csystem_on_fatal);
    }
    csystem_set_handler(SIGTSTP, csystem_on_stop);
    csystem_set_handler(SIGCONT, csystem_on_continue);
    csystem_set_handler(SIGWINCH, csystem_on_resize);
    if (csystem_apply_raw() != 0) {
        int saved_errno = errno;
        csystem_terminal_restore();
        errno = saved_errno;
        return -1;
    }
    csystem_raw_on = 1;
    csystem_bracketed_paste(1);
    return 0;
}

int csystem_terminal_restore(void) {
    int result = 0;
    if (csystem_raw_on) {
        csystem_raw_on = 0;
        result = tcsetattr(csystem_terminal_fd, TCSADRAIN, &csystem_saved_termios);
        csystem_bracketed_paste(0);
    }
    for (size_t i = 0; i < sizeof csystem_fatal_signals / sizeof csystem_fatal_signals[0]; i++) {
        csystem_set_handler(csystem_fatal_signals[i], SIG_DFL);
    }
    csystem_set_handler(SIGTSTP, SIG_DFL);
    csystem_set_handler(SIGCONT, SIG_DFL);
    csystem_set_handler(SIGWINCH, SIG_DFL);
    csystem_notify_fd = -1;
    csystem_output_fd = -1;
    return result;
}

void csystem_terminal_suspend(void) {
    raise(SIGTSTP);
}
