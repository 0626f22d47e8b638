"""Python's multiprocessing beside IsoRun's pool and process rows (`isorun bench`).

Usage: python3 multiprocessing_floor.py APPLIES FRESH_TASKS

Prints key=value pairs, each the median time of one call of `Pool.apply` of an
empty function, in nanoseconds:
  apply_ns        Pool(1) with fork, one long-lived worker (after a warm-up);
  fork_fresh_ns   Pool(1, maxtasksperchild=1) with fork: every task in a new process;
  spawn_fresh_ns  the same with spawn: a new interpreter for every task.
"""
import multiprocessing
import signal
import statistics
import sys
import time


def empty():
    return None


def median_ns(pool, count, warmup):
    for _ in range(warmup):
        pool.apply(empty)
    samples = []
    for _ in range(count):
        start = time.perf_counter_ns()
        pool.apply(empty)
        samples.append(time.perf_counter_ns() - start)
    return int(statistics.median(samples))


def main():
    # A parent that blocks signals (a test runner's thread, say) passes its mask
    # on; Pool.terminate() stops its workers with SIGTERM, which must get through.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    applies, fresh = int(sys.argv[1]), int(sys.argv[2])
    with multiprocessing.get_context("fork").Pool(1) as pool:
        print(f"apply_ns={median_ns(pool, applies, max(1, applies // 10))}")
    for method in ("fork", "spawn"):
        with multiprocessing.get_context(method).Pool(1, maxtasksperchild=1) as pool:
            print(f"{method}_fresh_ns={median_ns(pool, fresh, 2)}")


if __name__ == "__main__":
    main()
