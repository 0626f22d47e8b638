/*
 * Floor for IsoRun's pool dispatch overhead: the raw round trip between two
 * processes, as between the coordinator and a worker, over the worker's
 * transport:
 *   zmq   a DEALER<->ROUTER round trip through libzmq's C API over ipc (a
 *         worker on ZeroMQ: remote, external, Python);
 *   link  a Unix SOCK_SEQPACKET socket pair (a local worker on its local link,
 *         docs/protocol.md);
 *   link-calls  the link, with the system calls IsoRun's coordinator adds to
 *         each `pool` trial on it: a poll(2) of five descriptors before each
 *         receive (with one local worker it polls its link, the worker's pidfd,
 *         its signal pipe, the link listener and its ZeroMQ socket's eventfd;
 *         here the link, the child's pidfd, a pipe, a Unix socket and an
 *         eventfd) and a write(2) of the reply after it (the record's line) to
 *         an unlinked file in $TMPDIR (else /tmp), where the bench's runs
 *         write. Not a floor: what the coordinator's own work costs is the
 *         rest.
 *
 *   roundtrip ROUNDTRIPS SIZE [zmq|link|link-calls [PARENT_CPU CHILD_CPU]]
 *
 * The parent binds a ROUTER on a fresh ipc endpoint (zmq), or makes the pair
 * (link), and forks a child that connects a DEALER and says hello (zmq), then
 * echoes every message back. The parent sends SIZE-byte messages to the child
 * and times each round trip with CLOCK_MONOTONIC, after a warm-up of
 * ROUNDTRIPS/10 (at least 10). It prints one line, `roundtrips=N median_ns=M`
 * (link-calls adds ` written_bytes=B`, the bytes of every reply it wrote), and
 * exits 0; on any error it prints the failing call to stderr and exits 1.
 * The transport is zmq unless named. With two CPU numbers, the parent (and the
 * I/O thread of its libzmq context) runs on PARENT_CPU and the child on
 * CHILD_CPU, the same one or two different ones, as `isorun bench` places a
 * coordinator and its worker; without them the kernel places both.
 *
 * Build: cc -O2 roundtrip.c -o roundtrip $(pkg-config --cflags --libs libzmq)
 */
#define _GNU_SOURCE
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

static void fail(const char *call) {
    fprintf(stderr, "roundtrip: %s failed: %s\n", call, zmq_strerror(zmq_errno()));
    exit(1);
}

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int compare_int64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The CPU the child moves to after the fork; -1: wherever the kernel puts it. */
static int child_cpu = -1;

/* Restricts the calling thread, and the threads it starts from now on, to `cpu`; 0 or -1. */
static int pin_to(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set);
}

/* Whether this process may run on `cpu`: checked before the fork, so that a
 * child never fails to move there while its parent waits for its hello. */
static int allowed(int cpu) {
    cpu_set_t set;
    return cpu < CPU_SETSIZE && sched_getaffinity(0, sizeof set, &set) == 0 && CPU_ISSET(cpu, &set);
}

/* The child's first step after the fork. */
static void place_child(void) {
    if (child_cpu >= 0 && pin_to(child_cpu) != 0) { perror("roundtrip: sched_setaffinity (child)"); _exit(1); }
}

/* The child: a DEALER that says hello, then echoes until it gets an empty message. */
static int echo(const char *endpoint, size_t size) {
    void *context = zmq_ctx_new();
    if (!context) fail("zmq_ctx_new");
    void *dealer = zmq_socket(context, ZMQ_DEALER);
    if (!dealer) fail("zmq_socket(ZMQ_DEALER)");
    if (zmq_connect(dealer, endpoint) != 0) fail("zmq_connect");
    if (zmq_send(dealer, "hello", 5, 0) != 5) fail("zmq_send(hello)");
    char *buffer = malloc(size + 1);
    for (;;) {
        int received = zmq_recv(dealer, buffer, size + 1, 0);
        if (received < 0) fail("zmq_recv");
        if (received == 0) break;
        if (zmq_send(dealer, buffer, (size_t)received, 0) != received) fail("zmq_send");
    }
    free(buffer);
    zmq_close(dealer);
    zmq_ctx_term(context);
    return 0;
}

/* One round trip: send SIZE bytes of payload to the echoing child, receive them back into reply. */
typedef void (*exchange_fn)(void *peer, const char *payload, char *reply, size_t size);

/* Times ROUNDTRIPS exchanges after WARMUP untimed ones; returns the median in ns. */
static int64_t median_roundtrip(exchange_fn exchange, void *peer, int roundtrips, int warmup, size_t size) {
    char *payload = malloc(size);
    char *reply = malloc(size + 1);
    memset(payload, 'x', size);
    int64_t *samples = malloc(sizeof(int64_t) * (size_t)roundtrips);
    for (int i = -warmup; i < roundtrips; i++) {
        int64_t start = now_ns();
        exchange(peer, payload, reply, size);
        if (i >= 0) samples[i] = now_ns() - start;
    }
    qsort(samples, (size_t)roundtrips, sizeof(int64_t), compare_int64);
    int64_t median = samples[roundtrips / 2];
    free(samples);
    free(payload);
    free(reply);
    return median;
}

/* Waits for the echoing child; 0 when it exited 0, else 1, said on stderr. */
static int reap_echo(pid_t child) {
    int status = 0;
    waitpid(child, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
    fprintf(stderr, "roundtrip: the echoing child failed (wait status %d)\n", status);
    return 1;
}

/* The link child: echoes every packet until the parent closes its end. */
static int echo_packets(int link, size_t size) {
    char *buffer = malloc(size + 1);
    for (;;) {
        ssize_t received = recv(link, buffer, size + 1, 0);
        if (received < 0) { perror("roundtrip: recv (child)"); return 1; }
        if (received == 0) break;
        if (send(link, buffer, (size_t)received, MSG_NOSIGNAL) != received) { perror("roundtrip: send (child)"); return 1; }
    }
    free(buffer);
    return 0;
}

/* The parent's end of the link and, for link-calls, what else it polls and the file it writes. */
struct link_peer {
    int link;
    int calls;
    struct pollfd polled[5];
    int file;
    int64_t written;
};

static void exchange_packet(void *peer, const char *payload, char *reply, size_t size) {
    struct link_peer *to = peer;
    if (send(to->link, payload, size, MSG_NOSIGNAL) != (ssize_t)size) { perror("roundtrip: send"); exit(1); }
    if (to->calls) {
        int ready = poll(to->polled, 5, 1000);
        if (ready < 0) { perror("roundtrip: poll"); exit(1); }
        if (ready != 1 || !(to->polled[0].revents & POLLIN)) {
            fprintf(stderr, "roundtrip: poll found %d descriptors ready, not the reply alone\n", ready);
            exit(1);
        }
    }
    if (recv(to->link, reply, size + 1, 0) != (ssize_t)size) { perror("roundtrip: recv"); exit(1); }
    if (to->calls) {
        if (write(to->file, reply, size) != (ssize_t)size) { perror("roundtrip: write"); exit(1); }
        to->written += (int64_t)size;
    }
}

/* Opens what link-calls polls beside the link, and the file it writes: 0, or -1 said on stderr. */
static int open_coordinator_calls(struct link_peer *to, pid_t child) {
    int signals[2], unused[2];
    if (pipe(signals) != 0) { perror("roundtrip: pipe"); return -1; }
    /* A socket that nobody else can reach, never written: the listener's kind of descriptor. */
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, unused) != 0) { perror("roundtrip: socketpair"); return -1; }
    int zeromq = eventfd(0, EFD_CLOEXEC);
    if (zeromq < 0) { perror("roundtrip: eventfd"); return -1; }
    /* Without pidfd_open (Linux before 5.3, or refused), another eventfd in its place. */
    int pidfd = (int)syscall(SYS_pidfd_open, child, 0);
    if (pidfd < 0 && (pidfd = eventfd(0, EFD_CLOEXEC)) < 0) { perror("roundtrip: eventfd"); return -1; }
    const char *folder = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char path[4096];
    snprintf(path, sizeof path, "%s/isorun-floor-calls-XXXXXX", folder);
    to->file = mkstemp(path);
    if (to->file < 0) { perror("roundtrip: mkstemp"); return -1; }
    unlink(path);
    int polled[5] = { to->link, pidfd, signals[0], unused[0], zeromq };
    for (int i = 0; i < 5; i++) to->polled[i] = (struct pollfd){ .fd = polled[i], .events = POLLIN };
    return 0;
}

/* The link transport: a SOCK_SEQPACKET socket pair, the child echoing. */
static int link_roundtrips(int roundtrips, size_t size, int warmup, int calls) {
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) { perror("roundtrip: socketpair"); return 1; }
    pid_t child = fork();
    if (child < 0) { perror("roundtrip: fork"); return 1; }
    if (child == 0) {
        place_child();
        close(pair[0]);
        _exit(echo_packets(pair[1], size));
    }
    close(pair[1]);
    struct link_peer peer = { .link = pair[0], .calls = calls };
    if (calls && open_coordinator_calls(&peer, child) != 0) {
        close(pair[0]);
        reap_echo(child);
        return 1;
    }
    int64_t median = median_roundtrip(exchange_packet, &peer, roundtrips, warmup, size);
    close(pair[0]);
    if (reap_echo(child) != 0) return 1;
    printf("roundtrips=%d median_ns=%lld", roundtrips, (long long)median);
    if (calls) printf(" written_bytes=%lld", (long long)peer.written);
    printf("\n");
    return 0;
}

/* The zmq transport's peer: the ROUTER and the routing id of the child's DEALER. */
struct router_peer {
    void *router;
    unsigned char id[256];
    int id_size;
};

static void exchange_message(void *peer, const char *payload, char *reply, size_t size) {
    struct router_peer *to = peer;
    if (zmq_send(to->router, to->id, (size_t)to->id_size, ZMQ_SNDMORE) != to->id_size) fail("zmq_send(routing id)");
    if (zmq_send(to->router, payload, size, 0) != (int)size) fail("zmq_send");
    if (zmq_recv(to->router, to->id, sizeof to->id, 0) != to->id_size) fail("zmq_recv(routing id)");
    if (zmq_recv(to->router, reply, size, 0) != (int)size) fail("zmq_recv");
}

int main(int argc, char **argv) {
    const char *transport = argc >= 4 ? argv[3] : "zmq";
    int link = strcmp(transport, "link") == 0, calls = strcmp(transport, "link-calls") == 0;
    if (argc < 3 || argc == 5 || argc > 6 || atoi(argv[1]) < 1 || atoi(argv[2]) < 1
        || (strcmp(transport, "zmq") != 0 && !link && !calls)
        || (argc == 6 && (atoi(argv[4]) < 0 || atoi(argv[5]) < 0))) {
        fprintf(stderr, "usage: roundtrip ROUNDTRIPS SIZE [zmq|link|link-calls [PARENT_CPU CHILD_CPU]] (ROUNDTRIPS and SIZE 1 or more, CPUs 0 or more)\n");
        return 2;
    }
    int roundtrips = atoi(argv[1]);
    size_t size = (size_t)atoi(argv[2]);
    int warmup = roundtrips / 10 < 10 ? 10 : roundtrips / 10;
    if (argc == 6) {
        int parent_cpu = atoi(argv[4]);
        child_cpu = atoi(argv[5]);
        if (!allowed(parent_cpu) || !allowed(child_cpu)) {
            fprintf(stderr, "roundtrip: CPUs %d and %d are not both among those this process may use\n", parent_cpu, child_cpu);
            return 1;
        }
        if (pin_to(parent_cpu) != 0) { perror("roundtrip: sched_setaffinity"); return 1; }
    }
    if (link || calls) return link_roundtrips(roundtrips, size, warmup, calls);

    char endpoint[128];
    snprintf(endpoint, sizeof endpoint, "ipc:///tmp/isorun-floor-roundtrip-%d.sock", (int)getpid());

    void *context = zmq_ctx_new();
    if (!context) fail("zmq_ctx_new");
    struct router_peer peer = { .router = zmq_socket(context, ZMQ_ROUTER) };
    if (!peer.router) fail("zmq_socket(ZMQ_ROUTER)");
    if (zmq_bind(peer.router, endpoint) != 0) fail("zmq_bind");

    pid_t child = fork();
    if (child < 0) { perror("roundtrip: fork"); return 1; }
    if (child == 0) {
        place_child();
        _exit(echo(endpoint, size));
    }

    char hello[16];
    peer.id_size = zmq_recv(peer.router, peer.id, sizeof peer.id, 0);
    if (peer.id_size < 0) fail("zmq_recv(routing id)");
    if (zmq_recv(peer.router, hello, sizeof hello, 0) < 0) fail("zmq_recv(hello)");

    int64_t median = median_roundtrip(exchange_message, &peer, roundtrips, warmup, size);
    if (zmq_send(peer.router, peer.id, (size_t)peer.id_size, ZMQ_SNDMORE) != peer.id_size) fail("zmq_send(routing id)");
    if (zmq_send(peer.router, "", 0, 0) != 0) fail("zmq_send(stop)");

    int failed = reap_echo(child);
    zmq_close(peer.router);
    zmq_ctx_term(context);
    unlink(endpoint + strlen("ipc://"));
    if (failed) return 1;
    printf("roundtrips=%d median_ns=%lld\n", roundtrips, (long long)median);
    return 0;
}
