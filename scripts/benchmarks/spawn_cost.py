#!/usr/bin/env python3
"""What spawning a program costs, from posix_spawn to waitpid, beside others.

Usage: scripts/benchmarks/spawn_cost.py [--rounds N] [--spawns M] "PROGRAM [ARG...]" ...

Spawns each command M times (default 100) per round, the commands in turn, for
N rounds (default 6), so that load changes fall on all of them alike, and
prints each one's median over all its spawns. The programs' standard error goes
to /dev/null: give a bad flag to time a program's start-up to its first line of
`main` and its exit (`isorun-trial --bogus`). Exit status 0, or 1 when a
command cannot be spawned.
"""
import argparse
import os
import statistics
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--spawns", type=int, default=100)
    parser.add_argument("commands", nargs="+")
    options = parser.parse_args()
    commands = [command.split() for command in options.commands]
    times = [[] for _ in commands]
    quiet = os.open(os.devnull, os.O_WRONLY)
    try:
        for _ in range(options.rounds):
            for command, spent in zip(commands, times):
                for _ in range(options.spawns):
                    start = time.perf_counter_ns()
                    pid = os.posix_spawn(command[0], command, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, quiet, 2)])
                    os.waitpid(pid, 0)
                    spent.append(time.perf_counter_ns() - start)
    except OSError as error:
        raise SystemExit(f"spawn_cost: {error}")
    for command, spent in zip(commands, times):
        print(f"{statistics.median(spent) / 1e6:8.3f} ms  {' '.join(command)}")


if __name__ == "__main__":
    main()
