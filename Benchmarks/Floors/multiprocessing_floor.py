"""Python's multiprocessing beside IsoRun's pool and process rows (`isorun bench`).

Usage: python3 multiprocessing_floor.py APPLIES FRESH_TASKS [PARENT_CPU WORKER_CPU]

Prints key=value pairs, each the median time of one call of `Pool.apply` of an
empty function, in nanoseconds:
  apply_ns        Pool(1) with fork, one long-lived worker (after a warm-up);
  fork_fresh_ns   Pool(1, maxtasksperchild=1) with fork: every task in a new process;
  spawn_fresh_ns  the same with spawn: a new interpreter for every task.
With two CPU numbers, the Pool(1) of apply_ns runs its parent (and the pool's
threads) on PARENT_CPU and its worker on WORKER_CPU, as IsoRun's pool row
places its coordinator and worker; the fresh pools are left to the kernel, as
IsoRun's process rows are.
"""
import os
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
    allowed = os.sched_getaffinity(0)
    placed = {}
    if len(sys.argv) == 5:
        parent_cpu, worker_cpu = int(sys.argv[3]), int(sys.argv[4])
        # A worker whose initializer fails is replaced for ever: refuse first.
        if not {parent_cpu, worker_cpu} <= allowed:
            sys.exit(f"multiprocessing_floor: CPUs {parent_cpu} and {worker_cpu} are not both among "
                     f"this process's CPUs {sorted(allowed)}")
        # The pool's threads, started with it, inherit the parent thread's CPU.
        os.sched_setaffinity(0, {parent_cpu})
        placed = {"initializer": os.sched_setaffinity, "initargs": (0, {worker_cpu})}
    with multiprocessing.get_context("fork").Pool(1, **placed) as pool:
        print(f"apply_ns={median_ns(pool, applies, max(1, applies // 10))}")
    os.sched_setaffinity(0, allowed)
    for method in ("fork", "spawn"):
        with multiprocessing.get_context(method).Pool(1, maxtasksperchild=1) as pool:
            print(f"{method}_fresh_ns={median_ns(pool, fresh, 2)}")


if __name__ == "__main__":
    main()
