#define _GNU_SOURCE
#include "CProcessShims.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
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
