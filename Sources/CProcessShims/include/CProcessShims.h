#ifndef ISORUN_CPROCESSSHIMS_H
#define ISORUN_CPROCESSSHIMS_H

#include <signal.h>

/// Asks the kernel to send `signal` to this process when its parent dies
/// (Linux `prctl(PR_SET_PDEATHSIG)`). Returns 0, or -1 with errno set.
int isorun_set_parent_death_signal(int signal);

/// Creates a pipe whose ends close on exec (`pipe2(O_CLOEXEC)`), optionally
/// non-blocking. Returns 0, or -1 with errno set.
int isorun_pipe(int fds[2], int nonblocking);

/// A close-on-exec, non-blocking descriptor that becomes readable when one of
/// the (blocked) signals in `mask` is pending (Linux `signalfd`).
int isorun_signalfd(const sigset_t *mask);

/// Reads and discards every pending signal notification from a `signalfd`.
void isorun_drain_signalfd(int descriptor);

/// Installs, for SIGINT and SIGTERM, a handler that writes the signal's number
/// as one byte to `write_fd` (keeping errno as it was), and unblocks both on the
/// calling thread. Returns 0, or -1 with errno set.
int isorun_install_signal_pipe(int write_fd);

/// Installs a SIGCONT handler that counts how often this process was continued
/// after a stop (SIGSTOP, SIGTSTP, a debugger), and unblocks SIGCONT on the
/// calling thread. Returns 0, or -1 with errno set.
int isorun_install_continue_counter(void);

/// How often this process was continued since the counter was installed.
long isorun_continue_count(void);

/// A close-on-exec descriptor that becomes readable when the child `pid` ends
/// (Linux `pidfd_open`, 5.3 and later). Returns it, or -1 with errno set.
int isorun_pidfd_open(int pid);

/// A listening Unix-domain `SOCK_SEQPACKET` socket bound to `path`: close-on-exec,
/// non-blocking. Returns its descriptor, or -1 with errno set (`ENAMETOOLONG` for a
/// path of more than 107 bytes).
int isorun_packet_listen(const char *path, int backlog);

/// Accepts one connection of a listening socket, close-on-exec and non-blocking.
/// Returns its descriptor, or -1 with errno set (`EAGAIN` when none is waiting).
int isorun_packet_accept(int listener);

/// A blocking, close-on-exec `SOCK_SEQPACKET` socket connected to the listener at
/// `path`. Returns its descriptor, or -1 with errno set.
int isorun_packet_connect(const char *path);

/// A connected pair of close-on-exec Unix-domain `SOCK_SEQPACKET` sockets:
/// `descriptors[0]` non-blocking (the coordinator's end), `descriptors[1]`
/// blocking (the end a launched process inherits). Returns 0, or -1 with errno set.
int isorun_packet_pair(int descriptors[2]);

/// The pid of the process at the other end of a connected Unix-domain socket, as
/// the kernel recorded it at connect (`SO_PEERCRED`); -1 with errno set.
int isorun_peer_pid(int descriptor);

/// The CPUs the calling thread may run on (`sched_getaffinity`: the process's
/// mask, unless a thread changed its own), in ascending order:
/// writes the first `capacity` of them to `cpus` and returns how many there
/// are, or -1 with errno set.
int isorun_allowed_cpus(int *cpus, int capacity);

/// Restricts every thread of process `pid` to the one CPU `cpu`
/// (`sched_setaffinity` of each task in `/proc/PID/task`): threads it starts
/// later inherit it. Returns 0, or -1 with errno set (`ESRCH` once it has been reaped).
int isorun_pin_to_cpu(int pid, int cpu);

/// Restricts the calling thread, and the threads it starts from now on, to the
/// `count` CPUs in `cpus` (`sched_setaffinity` of thread 0). Returns 0, or -1
/// with `errno` set (`EINVAL` for a CPU out of range or none allowed).
int isorun_restrict_calling_thread(const int *cpus, int count);

/// Makes every thread of this process allocate from malloc's one main arena
/// (`mallopt(M_ARENA_MAX, 1)`), so that a thread's first allocation maps no
/// arena of its own. Call before any thread starts. Returns 1 on success, 0 if
/// the C library refused.
int isorun_single_malloc_arena(void);

#endif
