#ifndef CSYSTEMLINUX_H
#define CSYSTEMLINUX_H
// Linux system headers that Swift's Glibc module does not expose.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#endif
