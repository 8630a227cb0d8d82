#ifndef KITH_CSYSTEMD_SHIM_H
#define KITH_CSYSTEMD_SHIM_H

#include <errno.h>
#include <fcntl.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

/// Glibc hides `struct ucred` without _GNU_SOURCE, which breaks other socket
/// signatures when defined; this mirror has the same layout.
struct kith_ucred {
  int pid;
  unsigned int uid;
  unsigned int gid;
};

/// Reads SO_PEERCRED of a connected Unix socket; 0 or -1 with errno set.
static inline int kith_peer_credentials(int fd, struct kith_ucred *out) {
  socklen_t length = sizeof(*out);
  return getsockopt(fd, SOL_SOCKET, SO_PEERCRED, out, &length);
}

/// Adds `flag` to the file status flags (F_SETFL); fcntl is variadic in C.
static inline int kith_fd_add_status_flag(int fd, int flag) {
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return -1;
  if (flags & flag) return 0;
  return fcntl(fd, F_SETFL, flags | flag);
}

/// Clears `flag` from the file status flags (F_SETFL).
static inline int kith_fd_remove_status_flag(int fd, int flag) {
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return -1;
  if (!(flags & flag)) return 0;
  return fcntl(fd, F_SETFL, flags & ~flag);
}

/// Sets FD_CLOEXEC so children (e.g. a notification helper) do not inherit the fd.
static inline int kith_fd_set_cloexec(int fd) {
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return -1;
  return fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

/// send(2) with MSG_NOSIGNAL: a peer that went away yields EPIPE, never SIGPIPE.
static inline ssize_t kith_send_nosignal(int fd, const void *buffer, size_t length) {
  return send(fd, buffer, length, MSG_NOSIGNAL | MSG_DONTWAIT);
}

/// Blocking send(2) with MSG_NOSIGNAL, for the CLI client.
static inline ssize_t kith_send_blocking_nosignal(int fd, const void *buffer, size_t length) {
  return send(fd, buffer, length, MSG_NOSIGNAL);
}

/// accept4(2) with SOCK_NONBLOCK | SOCK_CLOEXEC; glibc declares accept4 only under
/// _GNU_SOURCE, which the Swift importer does not set.
static inline int kith_accept_nonblocking(int fd) {
  return (int)syscall(SYS_accept4, fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

#endif
