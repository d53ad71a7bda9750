// accept4, pipe2 and pidfd_open are GNU/Linux extensions; the header declares plain wrappers so
// Swift can call them.
#define _GNU_SOURCE
#include <fcntl.h>
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
