/*
 * Floor for IsoRun's collector ingest: raw libzmq PUSH/PULL over ipc, one
 * producer process, as one worker streaming records to the collector.
 *
 *   pushpull MESSAGES SIZE
 *
 * The parent binds a PULL on a fresh ipc endpoint and forks a child that
 * connects a PUSH and sends MESSAGES messages of SIZE bytes, then closes with
 * an unbounded linger so that every message is delivered. The parent receives
 * until it has MESSAGES or nothing has arrived for 5 seconds, timing from the
 * first message received to the last. It prints one line,
 * `sent=N received=M seconds=S messages_per_second=R`, and exits 0 (also when
 * messages were lost: the caller checks received against sent); on an error
 * it prints the failing call to stderr and exits 1.
 *
 * Build: cc -O2 pushpull.c -o pushpull $(pkg-config --cflags --libs libzmq)
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

static void fail(const char *call) {
    fprintf(stderr, "pushpull: %s failed: %s\n", call, zmq_strerror(zmq_errno()));
    exit(1);
}

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The child: a PUSH that sends every message, then waits for all of them to leave. */
static int produce(const char *endpoint, int messages, size_t size) {
    void *context = zmq_ctx_new();
    if (!context) fail("zmq_ctx_new");
    void *push = zmq_socket(context, ZMQ_PUSH);
    if (!push) fail("zmq_socket(ZMQ_PUSH)");
    int linger = -1;
    if (zmq_setsockopt(push, ZMQ_LINGER, &linger, sizeof linger) != 0) fail("zmq_setsockopt(ZMQ_LINGER)");
    if (zmq_connect(push, endpoint) != 0) fail("zmq_connect");
    char *payload = malloc(size);
    memset(payload, 'r', size);
    for (int i = 0; i < messages; i++) {
        if (zmq_send(push, payload, size, 0) != (int)size) fail("zmq_send");
    }
    free(payload);
    zmq_close(push);
    zmq_ctx_term(context);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3 || atoi(argv[1]) < 2 || atoi(argv[2]) < 1) {
        fprintf(stderr, "usage: pushpull MESSAGES SIZE (MESSAGES 2 or more, SIZE 1 or more)\n");
        return 2;
    }
    int messages = atoi(argv[1]);
    size_t size = (size_t)atoi(argv[2]);

    char endpoint[128];
    snprintf(endpoint, sizeof endpoint, "ipc:///tmp/isorun-floor-pushpull-%d.sock", (int)getpid());

    void *context = zmq_ctx_new();
    if (!context) fail("zmq_ctx_new");
    void *pull = zmq_socket(context, ZMQ_PULL);
    if (!pull) fail("zmq_socket(ZMQ_PULL)");
    int timeout_ms = 5000;
    if (zmq_setsockopt(pull, ZMQ_RCVTIMEO, &timeout_ms, sizeof timeout_ms) != 0) fail("zmq_setsockopt(ZMQ_RCVTIMEO)");
    if (zmq_bind(pull, endpoint) != 0) fail("zmq_bind");

    pid_t child = fork();
    if (child < 0) { perror("pushpull: fork"); return 1; }
    if (child == 0) _exit(produce(endpoint, messages, size));

    char *buffer = malloc(size + 1);
    int received = 0;
    int64_t first = 0, last = 0;
    while (received < messages) {
        int bytes = zmq_recv(pull, buffer, size + 1, 0);
        if (bytes < 0) {
            if (zmq_errno() == EAGAIN) break;
            fail("zmq_recv");
        }
        last = now_ns();
        if (received == 0) first = last;
        received++;
    }
    free(buffer);

    int status = 0;
    waitpid(child, &status, 0);
    zmq_close(pull);
    zmq_ctx_term(context);
    unlink(endpoint + strlen("ipc://"));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "pushpull: the producing child failed (wait status %d)\n", status);
        return 1;
    }

    double seconds = (double)(last - first) / 1e9;
    double rate = received > 1 && seconds > 0 ? (double)(received - 1) / seconds : 0;
    printf("sent=%d received=%d seconds=%.6f messages_per_second=%.1f\n", messages, received, seconds, rate);
    return 0;
}
