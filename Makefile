# IsoRun: `make run` runs the embedded default experiment, `make test` the whole test suite.
# Both install what they need first (`make deps`).

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ISORUN := .build/release/isorun
# Release binaries link Swift's standard library and Foundation statically: a
# worker then starts in about 14 ms instead of 19 and idles in 17.5 MiB instead
# of 23.7 (`isorun bench`, 2 cores).
RELEASE := -c release --static-swift-stdlib

.PHONY: deps build run test bench microbench clean

## deps: install libzmq (Debian's libzmq3-dev) when pkg-config cannot find it.
deps:
	@pkg-config --exists libzmq || { \
	  echo "libzmq not found: installing libzmq3-dev with apt-get"; \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y libzmq3-dev pkg-config; }

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

## test: the whole test suite.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## microbench: ordo-one micro-benchmarks of the ZeroMQ wrapper (a separate package in Benchmarks/).
## Swift 6.3's malloc-interposer trait needs no system package (no libjemalloc-dev).
microbench: deps
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark --no-progress

clean:
	rm -rf .build
