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
#endif
