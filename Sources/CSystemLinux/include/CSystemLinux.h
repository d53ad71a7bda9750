#ifndef CSYSTEMLINUX_H
#define CSYSTEMLINUX_H
// Linux system headers that Swift's Glibc module does not expose.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/signalfd.h>
#include <netinet/tcp.h>

/// accept4(fd, NULL, NULL, flags): glibc declares accept4 only under _GNU_SOURCE (see shim.c).
int csystem_accept4(int fd, int flags);

/// pipe2(fds, O_CLOEXEC).
int csystem_pipe_cloexec(int fds[2]);

/// pidfd_open(pid, 0) (Linux 5.3): a descriptor that becomes readable when the process exits.
int csystem_pidfd_open(int pid);

/// Saves the terminal settings of `fd` and puts it in raw input mode (no echo, no line buffering, no
/// signals from keys; output processing kept), with bracketed paste turned on through `output_fd`
/// (and off again whenever the settings are restored). Installs handlers that put the saved settings back on
/// SIGINT, SIGTERM, SIGHUP and SIGQUIT (then die by the signal) and on SIGTSTP (then stop); SIGCONT
/// enters raw mode again. SIGCONT and SIGWINCH write one byte ('C' or 'W') to `notify_fd` (non-blocking),
/// so the caller can redraw. Returns 0, or -1 with errno set.
int csystem_terminal_enter_raw(int fd, int output_fd, int notify_fd);

/// Puts the saved terminal settings back and the default signal actions; does nothing when raw mode
/// is not on. Returns 0, or -1 with errno set.
int csystem_terminal_restore(void);

/// Stops the process as Ctrl-Z would (SIGTSTP): the handler restores the terminal first.
void csystem_terminal_suspend(void);
#endif
