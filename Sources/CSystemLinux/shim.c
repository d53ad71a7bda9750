// accept4 is a GNU extension; the header declares a plain wrapper so Swift can call it.
#define _GNU_SOURCE
#include <stddef.h>
#include <sys/socket.h>
#include "CSystemLinux.h"

int csystem_accept4(int fd, int flags) {
    return accept4(fd, NULL, NULL, flags);
}
