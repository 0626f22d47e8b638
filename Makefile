# IsoRun: `make run` runs the embedded default experiment, `make test` the whole test suite.
# Both install what they need first (`make deps`; the Python worker's tests, `make venv`).

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ISORUN := .build/release/isorun
# Release binaries link Swift's standard library and Foundation statically: a
# worker then starts in about 14 ms instead of 19 and idles in 17.5 MiB instead
# of 23.7 (`isorun bench`, 2 cores).
RELEASE := -c release --static-swift-stdlib

.PHONY: deps venv build run test pytest bench microbench clean

## deps: install libzmq (Debian's libzmq3-dev) when pkg-config cannot find it.
deps:
	@pkg-config --exists libzmq || { \
	  echo "libzmq not found: installing libzmq3-dev with apt-get"; \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y libzmq3-dev pkg-config; }

## venv: a project-local Python (.venv/, ignored by git) with pyzmq, pytest, TensorFlow (CPU) with
## tf_keras, and the Python worker (workers/python, editable). Installs only what is missing, so it
## is quick when all is there. tf_keras requires the `tensorflow` distribution, which would bring a
## second, larger TensorFlow beside tensorflow-cpu: it is installed with --no-deps instead.
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
	@if $(MISSING) isorun_worker; then $(PIP) --no-deps -e workers/python; fi

## pytest: the Python worker's tests (workers/python/tests), in the venv. pytest exits 5 when it
## collected no test; that fails this target like a failed test, on purpose: a suite that ran
## nothing must not pass CI.
pytest: venv
	cd workers/python && $(abspath $(PYTHON)) -m pytest -q

## build: a release build of the isorun binary.
build: deps
	$(SWIFT) build $(RELEASE) --product isorun

## run: the embedded default experiment (the classic one), verdict on stdout.
run: build
	$(ISORUN)

## bench: IsoRun's figures beside their floors (release build; QUICK=1 for a run under a minute).
bench: deps
	$(SWIFT) build $(RELEASE) --product isorun
	$(SWIFT) build $(RELEASE) --product isorun-floor
	$(ISORUN) bench $(if $(QUICK),--quick,)

## test: the whole test suite: Swift's, then the Python worker's.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) pytest

## microbench: ordo-one micro-benchmarks of the ZeroMQ wrapper (a separate package in Benchmarks/).
## Swift 6.3's malloc-interposer trait needs no system package (no libjemalloc-dev).
microbench: deps
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark --no-progress

clean:
	rm -rf .build .venv
