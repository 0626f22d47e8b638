# IsoRun: `make run` runs the embedded default experiment, `make test` the whole test suite.
# Both install what they need first (`make deps`; the Python worker's tests, `make venv`).

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ISORUN := .build/release/isorun
# Release binaries link Swift's standard library and Foundation statically: a
# worker then starts in about 14 ms instead of 19 and idles in 17.5 MiB instead
# of 23.7 (`isorun bench`, 2 cores).
# Release binaries are position-independent, so that address randomisation covers
# their own code and data, and are linked by the toolchain's lld with packed
# relative relocations (DT_RELR, glibc 2.36 or later): their relocation tables
# shrink from 0.9 MB to 7 kB for isorun-worker, which then idles in 1.8 MiB less
# (/proc/PID/smaps_rollup, issue 13). gold cannot write DT_RELR; GNU ld here put
# the Swift metadata and read-only data in a writable segment without RELRO.
PACKED_RELOCATIONS := -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs
# A concrete generic type's metadata (`[UInt8]`'s array storage, say) is fetched
# through its accessor function instead of being demangled from its mangled name
# at its first use: a fresh `process` trial no longer runs the runtime's
# demangler (466 k against 439 k instructions, 142 against 138 page faults;
# README, "exec launch").
METADATA_ACCESSORS := -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
# The local worker isorun-trial, which every `process` trial execs, and its floor
# isorun-floor are static PIEs in release (Package.swift, ISORUN_STATIC_PIE): no
# dynamic loader at their start, whose resolving of libstdc++'s and libc's symbols
# was about 1 ms of each `process` trial. A static PIE must carry no run path:
# --disable-local-rpath drops SwiftPM's $ORIGIN (no product needs it).
export ISORUN_STATIC_PIE := 1
# Both are also linked with the functions a `process` trial runs at the front of
# their code (Package.swift, `make trial-order`). SwiftPM does not see that list
# change, so a program older than the list is removed, and linked again.
SYMBOL_ORDER := Sources/isorun-trial/symbol-order.txt
RELINK_IF_REORDERED = for program in isorun-trial isorun-floor; do \
  [ ! -e .build/release/$$program ] || [ .build/release/$$program -nt $(SYMBOL_ORDER) ] || rm -f .build/release/$$program; done
RELEASE := -c release --static-swift-stdlib --disable-local-rpath $(PACKED_RELOCATIONS) $(METADATA_ACCESSORS)

# libzmq.pc lists its static-link dependencies in Requires.private; pkg-config then
# adds their Cflags, among them krb5-gssapi's `-isystem /usr/include/mit-krb5`, which
# SwiftPM refuses with a "prohibited flag(s)" warning per target. IsoRun links libzmq
# dynamically and needs none of them, so SwiftPM reads a copy of libzmq.pc without that
# line, generated from the system's own after `make deps` (so it fits any distribution).
PKGCONFIG_DIR := $(CURDIR)/.build-pkgconfig
export PKG_CONFIG_PATH := $(PKGCONFIG_DIR)$(if $(PKG_CONFIG_PATH),:$(PKG_CONFIG_PATH))
# Build logs go here, apart from what the commands print; shown only when a build fails.
BUILD_LOG := .build-logs
# $(call quietly,NAME,COMMAND): runs COMMAND (commands joined by && too, grouped
# so that all their output goes there) with its output in $(BUILD_LOG)/NAME.log,
# printed only if COMMAND fails.
quietly = mkdir -p $(BUILD_LOG) && { { $(2); } > $(BUILD_LOG)/$(1).log 2>&1 || \
  { cat $(BUILD_LOG)/$(1).log; echo "make: $(1) failed; its log is $(BUILD_LOG)/$(1).log" >&2; exit 1; }; }

.PHONY: deps slurm-deps venv build run keras test slurm-test pytest bench trial-order microbench faults fuzz fuzz-wire clean

## deps: install libzmq (Debian's libzmq3-dev) when pkg-config cannot find it.
deps:
	@pkg-config --exists libzmq || { \
	  echo "libzmq not found: installing libzmq3-dev with apt-get"; \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y libzmq3-dev pkg-config; }
	@mkdir -p $(PKGCONFIG_DIR)
	@env -u PKG_CONFIG_PATH sh -c 'sed "/^Requires.private:/d" "$$(pkg-config --variable pcfiledir libzmq)/libzmq.pc"' \
	  > $(PKGCONFIG_DIR)/libzmq.pc

## slurm-deps: install Debian's slurm-wlm and munge when srun or slurmd is missing (root only: the
## Slurm tests need root anyway, and skip with the reason where these are missing).
slurm-deps:
	@if [ "$$(id -u)" = 0 ] && ! { command -v srun && command -v slurmd && command -v munged; } >/dev/null; then \
	  echo "Slurm not found: installing slurm-wlm and munge with apt-get"; \
	  apt-get update && env DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm munge; fi

## venv: a project-local Python (.venv/, ignored by git) with pyzmq, pytest, TensorFlow (CPU) with
## tf_keras, and the Python worker (workers/python, editable). Installs only what is missing, so it
## is quick when all is there. tf_keras requires the `tensorflow` distribution, which would bring a
## second, larger TensorFlow beside tensorflow-cpu: it is installed with --no-deps instead. The
## editable install is redone when it points to another checkout's workers/python.
VENV := .venv
PYTHON := $(VENV)/bin/python
TF_VERSION := 2.21.*
PIP := $(PYTHON) -m pip install --quiet --disable-pip-version-check
MISSING = $(PYTHON) -c 'import importlib.util as u, sys; sys.exit(u.find_spec(sys.argv[1]) is not None)'
venv:
	@test -x $(PYTHON) || python3 -m venv $(VENV)
	@if $(MISSING) zmq; then $(PIP) pyzmq; fi
	@if $(MISSING) pytest; then $(PIP) pytest; fi
	@if $(MISSING) tensorflow; then $(PIP) 'tensorflow-cpu==$(TF_VERSION)'; fi
	@if $(MISSING) tf_keras; then $(PIP) --no-deps 'tf-keras==$(TF_VERSION)'; fi
	@$(PYTHON) -c 'import isorun_worker, sys; sys.exit(not isorun_worker.__file__.startswith(sys.argv[1]))' \
	  $(CURDIR)/workers/python/ 2>/dev/null || $(PIP) --no-deps -e workers/python

## pytest: the Python worker's tests (workers/python/tests), in the venv. pytest exits 5 when it
## collected no test; that fails this target like a failed test, on purpose: a suite that ran
## nothing must not pass CI.
pytest: venv
	cd workers/python && $(abspath $(PYTHON)) -m pytest -q

## build: a release build of isorun and of the workers it starts (isorun-trial for local workers, on the local link; isorun-worker for workers on ZeroMQ) (log in .build-logs/build.log).
build: deps
	@$(RELINK_IF_REORDERED)
	@echo "make: building isorun, isorun-worker and isorun-trial (release); log in $(BUILD_LOG)/build.log" >&2
	@$(call quietly,build,$(SWIFT) build $(RELEASE) --product isorun && $(SWIFT) build $(RELEASE) --product isorun-worker && $(SWIFT) build $(RELEASE) --product isorun-trial)

## run: the embedded default experiment (the classic one); progress on stderr, the verdict last on stdout.
run: build
	@$(ISORUN)

## keras: the classic experiment with real tf_keras in graph mode (Config/keras-seed.toml): workers
## are the venv's Python running examples/keras/seed.py; the same report and chart as `make run`.
keras: build venv
	@PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(ISORUN) run Config/keras-seed.toml

## bench: IsoRun's figures beside their floors, the median of REPEAT runs of the suite (default 5:
## `make bench` runs `.build/release/isorun bench --repeat 5`, about 6 minutes on 2 cores; each row
## gives the median ratio and its min-max). Release build; QUICK=1 for shorter runs
## (`isorun bench --quick --repeat 5`), REPEAT=1 for one run.
REPEAT ?= 5
bench: build
	$(SWIFT) build $(RELEASE) --product isorun-floor && $(SWIFT) build $(RELEASE) --product isorun-floor-zmq
	@python3 scripts/benchmarks/trial_symbol_order.py --check $(ISORUN)
	$(ISORUN) bench $(if $(QUICK),--quick,) --repeat $(REPEAT)

## trial-order: write Sources/isorun-trial/symbol-order.txt again, the functions `process` trials run
## (callgrind of a few trials, exec and fork-server), which the release link puts together at the
## front of isorun-trial's code. Needs valgrind; run it after changing what a trial runs, then rebuild.
trial-order: build
	python3 scripts/benchmarks/trial_symbol_order.py $(ISORUN)

## test: the whole test suite: Swift's (its end-to-end tests start the venv's Python workers), then
## the Python worker's (build log in .build-logs/build-tests.log).
test: deps venv
	@echo "make: building the tests; log in $(BUILD_LOG)/build-tests.log" >&2
	@$(call quietly,build-tests,$(SWIFT) build --build-tests)
	$(SWIFT) test --skip-build
	$(MAKE) pytest

## faults: fault injection (issue 10) on the release build: RUNS runs of scripts/faults.toml, each with
## a random worker, zygote, zygote child or standalone collector killed or stopped at a random moment,
## then RESUME_RUNS runs whose coordinator is killed and resumed (--resume); each must end with exit 0
## and one ok record per trial. Prints the counts; a few minutes for the defaults.
RUNS ?= 100
RESUME_RUNS ?= 20
faults: build
	python3 scripts/faults.py --isorun $(ISORUN) --runs $(RUNS) --resume-runs $(RESUME_RUNS)

## microbench: ordo-one micro-benchmarks of the ZeroMQ wrapper and of a record's path (check, decode,
## scheduler, deduplication), a separate package in Benchmarks/.
## Swift 6.3's malloc-interposer trait needs no system package (no libjemalloc-dev).
microbench: deps
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark --no-progress

## fuzz: the fuzz campaign (Fuzz/campaign.py): MESSAGES (default 10^6) mutated messages at a running
## coordinator and a running `isorun collect` while real runs go on; checks no crash, no hang, the peak
## RSS of both, and that no record breaking the rules was stored. Debug build; prints a JSON summary.
## CURVE=1: both with keys on loopback tcp, the messages from peers without an authorized key.
MESSAGES ?= 1000000
fuzz: deps venv
	@$(call quietly,build-fuzz,$(SWIFT) build --product isorun && $(SWIFT) build --product isorun-worker && $(SWIFT) build --product isorun-trial)
	$(PYTHON) Fuzz/campaign.py --isorun .build/debug/isorun --messages $(MESSAGES) $(if $(CURVE),--curve)

## fuzz-wire: the wire decoder (WireMessage, RecordCheck, FlatJSON) under libFuzzer with AddressSanitizer, for
## RUNS (default 10^6) inputs: Fuzz/WireFuzzer, a package of its own, so the main build is never instrumented.
## New inputs go to .build-fuzz-corpus/, crashes to .build-fuzz-artifacts/.
RUNS ?= 1000000
fuzz-wire: deps
	@echo "make: building Fuzz/WireFuzzer (release, -sanitize=fuzzer,address); log in $(BUILD_LOG)/build-fuzz-wire.log" >&2
	@$(call quietly,build-fuzz-wire,$(SWIFT) build --package-path Fuzz/WireFuzzer -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
	@mkdir -p .build-fuzz-corpus .build-fuzz-artifacts
	Fuzz/WireFuzzer/.build/release/wire-fuzzer .build-fuzz-corpus Fuzz/WireFuzzer/corpus -runs=$(RUNS) -max_len=8192 \
	  -timeout=10 -rss_limit_mb=2048 -artifact_prefix=.build-fuzz-artifacts/ -print_final_stats=1

## slurm-test: the Slurm launcher's tests, end-to-end ones on a one-node Slurm that
## scripts/slurm/local-cluster.sh starts and stops around each (they are part of `make test` too).
slurm-test: deps slurm-deps
	@$(call quietly,build-tests,$(SWIFT) build --build-tests)
	$(SWIFT) test --skip-build --filter 'SlurmTests|SlurmUsageTests|SlurmLauncherTests'

clean:
	rm -rf .build .venv $(PKGCONFIG_DIR) $(BUILD_LOG)
