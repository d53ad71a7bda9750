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
#endif
