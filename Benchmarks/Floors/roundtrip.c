/*
 * Floor for IsoRun's pool dispatch overhead: the raw DEALER<->ROUTER round
 * trip through libzmq's C API over ipc, between two processes, as between the
 * coordinator and a worker.
 *
 *   roundtrip ROUNDTRIPS SIZE
 *
 * The parent binds a ROUTER on a fresh ipc endpoint and forks a child that
 * connects a DEALER, says hello, then echoes every message back. The parent
 * sends SIZE-byte messages to the child and times each round trip with
 * CLOCK_MONOTONIC, after a warm-up of ROUNDTRIPS/10 (at least 10). It prints
 * one line, `roundtrips=N median_ns=M`, and exits 0; on any error it prints
 * the failing call to stderr and exits 1.
 *
 * Build: cc -O2 roundtrip.c -o roundtrip $(pkg-config --cflags --libs libzmq)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(int argc, char **argv) {
    if (argc != 3 || atoi(argv[1]) < 1 || atoi(argv[2]) < 1) {
        fprintf(stderr, "usage: roundtrip ROUNDTRIPS SIZE (both 1 or more)\n");
        return 2;
    }
    int roundtrips = atoi(argv[1]);
    size_t size = (size_t)atoi(argv[2]);
    int warmup = roundtrips / 10 < 10 ? 10 : roundtrips / 10;

    char endpoint[128];
    snprintf(endpoint, sizeof endpoint, "ipc:///tmp/isorun-floor-roundtrip-%d.sock", (int)getpid());

    void *context = zmq_ctx_new();
    if (!context) fail("zmq_ctx_new");
    void *router = zmq_socket(context, ZMQ_ROUTER);
    if (!router) fail("zmq_socket(ZMQ_ROUTER)");
    if (zmq_bind(router, endpoint) != 0) fail("zmq_bind");

    pid_t child = fork();
    if (child < 0) { perror("roundtrip: fork"); return 1; }
    if (child == 0) _exit(echo(endpoint, size));

    unsigned char id[256];
    char hello[16];
    int id_size = zmq_recv(router, id, sizeof id, 0);
    if (id_size < 0) fail("zmq_recv(routing id)");
    if (zmq_recv(router, hello, sizeof hello, 0) < 0) fail("zmq_recv(hello)");

    char *payload = malloc(size);
    char *reply = malloc(size);
    memset(payload, 'x', size);
    int64_t *samples = malloc(sizeof(int64_t) * (size_t)roundtrips);
    for (int i = -warmup; i < roundtrips; i++) {
        int64_t start = now_ns();
        if (zmq_send(router, id, (size_t)id_size, ZMQ_SNDMORE) != id_size) fail("zmq_send(routing id)");
        if (zmq_send(router, payload, size, 0) != (int)size) fail("zmq_send");
        if (zmq_recv(router, id, sizeof id, 0) != id_size) fail("zmq_recv(routing id)");
        if (zmq_recv(router, reply, size, 0) != (int)size) fail("zmq_recv");
        if (i >= 0) samples[i] = now_ns() - start;
    }
    if (zmq_send(router, id, (size_t)id_size, ZMQ_SNDMORE) != id_size) fail("zmq_send(routing id)");
    if (zmq_send(router, "", 0, 0) != 0) fail("zmq_send(stop)");

    int status = 0;
    waitpid(child, &status, 0);
    zmq_close(router);
    zmq_ctx_term(context);
    unlink(endpoint + strlen("ipc://"));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "roundtrip: the echoing child failed (wait status %d)\n", status);
        return 1;
    }

    qsort(samples, (size_t)roundtrips, sizeof(int64_t), compare_int64);
    printf("roundtrips=%d median_ns=%lld\n", roundtrips, (long long)samples[roundtrips / 2]);
    free(samples);
    free(payload);
    free(reply);
    return 0;
}
