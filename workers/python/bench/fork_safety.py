"""Is forking a process that imported TensorFlow safe? Try it: fork a child per trial.

    .venv/bin/python workers/python/bench/fork_safety.py FRAMEWORK STATE CHILDREN

FRAMEWORK is `tf1-keras` (TensorFlow graph mode with tf_keras) or `keras3`.
STATE is `cold` (the parent only imported the framework, as IsoRun's zygote
does) or `warm` (the parent fitted one model first, so TensorFlow's runtime
threads are running when it forks). Each child builds, fits and tests a model,
clears the session and does it again, then exits 0; a child still running
after 30 s is counted as hung and killed, and three hung children end the run.
Prints the parent's threads before forking and how the children ended.
"""

import os
import signal
import sys
import time

CHILD_PATIENCE = 30.0


def threads() -> list[str]:
    names = []
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/comm") as comm:
            names.append(comm.read().strip())
    return names


def main() -> int:
    framework, state, children = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import numpy as np

    x, y = np.ones((1, 4), dtype="float32"), np.ones((1, 1), dtype="float32")
    if framework == "tf1-keras":
        import tensorflow as tf

        tf.compat.v1.disable_eager_execution()
        import tf_keras as keras

        def layers():
            return [keras.layers.Dense(8, input_shape=(4,)), keras.layers.Dense(1)]
    elif framework == "keras3":
        import keras

        def layers():
            return [keras.Input((4,)), keras.layers.Dense(8), keras.layers.Dense(1)]
    else:
        raise SystemExit(f"unknown framework {framework!r}: tf1-keras or keras3")

    def trial():
        model = keras.Sequential(layers())
        model.compile(optimizer="adam", loss="mse")
        model.fit(x, y, epochs=1, batch_size=1, verbose=0)
        model.test_on_batch(x, y)

    if state == "warm":
        trial()
    names = threads()
    print(f"{framework}, {state}: parent has {len(names)} threads: {', '.join(sorted(set(names)))}", flush=True)
    outcomes: dict[str, int] = {}
    start = time.perf_counter()
    for _ in range(children):
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                trial()
                keras.backend.clear_session()
                trial()
                os._exit(0)
            except BaseException as error:  # noqa: BLE001
                print(f"child: {type(error).__name__}: {error}", file=sys.stderr)
                os._exit(1)
        deadline = time.monotonic() + CHILD_PATIENCE
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                outcome = f"exited {os.waitstatus_to_exitcode(status)}"
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                outcome = f"hung (killed after {CHILD_PATIENCE:.0f} s)"
                break
            time.sleep(0.005)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if outcome.startswith("hung") and outcomes[outcome] >= 3:
            break
    ran = sum(outcomes.values())
    print(f"{framework}, {state}: {ran} children: {outcomes}; {(time.perf_counter() - start) / ran:.2f} s per child")
    return 0


if __name__ == "__main__":
    sys.exit(main())
