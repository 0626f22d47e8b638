#define _GNU_SOURCE
#include "CProcessShims.h"

#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

int isorun_set_parent_death_signal(int signal) {
    return prctl(PR_SET_PDEATHSIG, signal, 0, 0, 0);
}

int isorun_pipe(int fds[2], int nonblocking) {
    return pipe2(fds, O_CLOEXEC | (nonblocking ? O_NONBLOCK : 0));
}

int isorun_signalfd(const sigset_t *mask) {
    return signalfd(-1, mask, SFD_CLOEXEC | SFD_NONBLOCK);
}

void isorun_drain_signalfd(int descriptor) {
    struct signalfd_siginfo info;
    while (read(descriptor, &info, sizeof info) == (ssize_t)sizeof info) {
    }
}

static volatile sig_atomic_t signal_pipe = -1;

static void write_signal_number(int number) {
    int saved = errno;
    unsigned char byte = (unsigned char)number;
    (void)!write(signal_pipe, &byte, 1);
    errno = saved;
}

int isorun_install_signal_pipe(int write_fd) {
    signal_pipe = write_fd;
    struct sigaction action = {0};
    action.sa_handler = write_signal_number;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(SIGINT, &action, NULL) != 0 || sigaction(SIGTERM, &action, NULL) != 0) return -1;
    sigset_t handled;
    sigemptyset(&handled);
    sigaddset(&handled, SIGINT);
    sigaddset(&handled, SIGTERM);
    errno = pthread_sigmask(SIG_UNBLOCK, &handled, NULL);
    return errno == 0 ? 0 : -1;
}

static volatile sig_atomic_t continues = 0;

static void count_continue(int number) {
    (void)number;
    continues = continues + 1;
}

int isorun_install_continue_counter(void) {
    struct sigaction action = {0};
    action.sa_handler = count_continue;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(SIGCONT, &action, NULL) != 0) return -1;
    // Continuing happens whatever the mask; the handler runs only where SIGCONT is unblocked.
    sigset_t handled;
    sigemptyset(&handled);
    sigaddset(&handled, SIGCONT);
    errno = pthread_sigmask(SIG_UNBLOCK, &handled, NULL);
    return errno == 0 ? 0 : -1;
}

long isorun_continue_count(void) {
    return (long)continues;
}

int isorun_pidfd_open(int pid) {
    return (int)syscall(SYS_pidfd_open, pid, 0);
}

/// Closes a socket that could not be set up, keeping the errno that says why; returns -1.
static int close_keeping_errno(int descriptor) {
    int code = errno;
    close(descriptor);
    errno = code;
    return -1;
}

static int packet_address(const char *path, struct sockaddr_un *address) {
    memset(address, 0, sizeof *address);
    address->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof address->sun_path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(address->sun_path, path);
    return 0;
}

int isorun_packet_listen(const char *path, int backlog) {
    struct sockaddr_un address;
    if (packet_address(path, &address) != 0) return -1;
    int descriptor = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (descriptor < 0) return -1;
    if (bind(descriptor, (struct sockaddr *)&address, sizeof address) != 0 || listen(descriptor, backlog) != 0) {
        return close_keeping_errno(descriptor);
    }
    return descriptor;
}

int isorun_packet_accept(int listener) {
    return accept4(listener, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
}

int isorun_packet_connect(const char *path) {
    struct sockaddr_un address;
    if (packet_address(path, &address) != 0) return -1;
    int descriptor = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (descriptor < 0) return -1;
    int status;
    do {
        status = connect(descriptor, (struct sockaddr *)&address, sizeof address);
    } while (status != 0 && errno == EINTR);
    if (status != 0) return close_keeping_errno(descriptor);
    return descriptor;
}

int isorun_packet_pair(int descriptors[2]) {
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, descriptors) != 0) return -1;
    int flags = fcntl(descriptors[0], F_GETFL);
    if (flags < 0 || fcntl(descriptors[0], F_SETFL, flags | O_NONBLOCK) != 0) {
        close_keeping_errno(descriptors[1]);
        return close_keeping_errno(descriptors[0]);
    }
    return 0;
}

int isorun_peer_pid(int descriptor) {
    struct ucred credentials;
    socklen_t size = sizeof credentials;
    if (getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &credentials, &size) != 0) return -1;
    return credentials.pid;
}

/// The largest CPU number the affinity calls below consider: the kernel's own
/// default limit (`CONFIG_NR_CPUS`) on the largest machines.
enum { max_cpus = 8192 };

int isorun_allowed_cpus(int *cpus, int capacity) {
    cpu_set_t *set = CPU_ALLOC(max_cpus);
    if (set == NULL) return -1;
    size_t size = CPU_ALLOC_SIZE(max_cpus);
    if (sched_getaffinity(0, size, set) != 0) {
        int saved = errno;
        CPU_FREE(set);
        errno = saved;
        return -1;
    }
    int count = 0;
    for (int cpu = 0; cpu < max_cpus; cpu++) {
        if (!CPU_ISSET_S(cpu, size, set)) continue;
        if (count < capacity) cpus[count] = cpu;
        count++;
    }
    CPU_FREE(set);
    return count;
}

/* A set of `max_cpus` CPUs holding the `count` in `cpus`, to free with
 * CPU_FREE; NULL with errno set (EINVAL for a CPU out of range). */
static cpu_set_t *cpu_set_of(const int *cpus, int count) {
    for (int index = 0; index < count; index++) {
        if (cpus[index] < 0 || cpus[index] >= max_cpus) {
            errno = EINVAL;
            return NULL;
        }
    }
    cpu_set_t *set = CPU_ALLOC(max_cpus);
    if (set == NULL) return NULL;
    size_t size = CPU_ALLOC_SIZE(max_cpus);
    CPU_ZERO_S(size, set);
    for (int index = 0; index < count; index++) CPU_SET_S(cpus[index], size, set);
    return set;
}

int isorun_pin_to_cpu(int pid, int cpu) {
    cpu_set_t *set = cpu_set_of(&cpu, 1);
    if (set == NULL) return -1;
    size_t size = CPU_ALLOC_SIZE(max_cpus);
    // The main thread first: threads it starts from now on inherit its mask.
    int status = sched_setaffinity(pid, size, set);
    int saved = errno;
    char path[32];
    snprintf(path, sizeof path, "/proc/%d/task", pid);
    // Then every other thread, again while a pass finds more threads than the
    // last: one that a thread not yet pinned started during a pass.
    int seen = 0;
    for (int pass = 0; status == 0 && pass < 8; pass++) {
        DIR *tasks = opendir(path);
        if (tasks == NULL) break;
        int count = 0;
        struct dirent *task;
        while ((task = readdir(tasks)) != NULL) {
            int tid = atoi(task->d_name);
            if (tid <= 0) continue;
            count++;
            // A thread that ended meanwhile needs no mask.
            if (tid != pid && sched_setaffinity(tid, size, set) != 0 && errno != ESRCH) {
                status = -1;
                saved = errno;
            }
        }
        closedir(tasks);
        if (count <= seen) break;
        seen = count;
    }
    CPU_FREE(set);
    errno = saved;
    return status;
}

int isorun_restrict_calling_thread(const int *cpus, int count) {
    cpu_set_t *set = cpu_set_of(cpus, count);
    if (set == NULL) return -1;
    int status = sched_setaffinity(0, CPU_ALLOC_SIZE(max_cpus), set);
    int saved = errno;
    CPU_FREE(set);
    errno = saved;
    return status;
}

int isorun_single_malloc_arena(void) {
    return mallopt(M_ARENA_MAX, 1);
}
