# Two commands do all the set-up on a fresh Debian 12 machine: `make demo` and `make test`.
# Both install the Debian packages that are missing, then configure and build with the CMake `dev` preset
# (Debian's /usr/bin/python3, not a pyenv shim that may come first on PATH).

PYTHON := /usr/bin/python3
BUILD := build/dev
DEMO := docs/examples/hong-linh-dot-dac-biet-2024
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PACKAGES := g++ make cmake git pybind11-dev python3-pybind11 libboost-json1.81-dev doctest-dev \
	python3 python3-dev python3-venv python3-pip python3-setuptools python3-wheel \
	python3-numpy python3-pandas python3-pytest python3-matplotlib python3-hypothesis python3-openpyxl python3-mypy \
	python3-jsonschema python3-tqdm python3-dask python3-nbclient python3-nbformat python3-ipykernel

.PHONY: all setup configure build test asan demo bench fuzz fuzz-corpus clean

all: build

# Installs only what `dpkg -s` does not find, with a single `apt-get update` when something is missing.
setup:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

configure: setup
	cmake --preset dev

build: configure
	cmake --build --preset dev

test: build
	ctest --preset dev
	$(MAKE) --no-print-directory asan

# The C++ suite again (golden runner and fuzz corpus replay included) with AddressSanitizer and
# UndefinedBehaviorSanitizer, every report fatal. Built at -O0, which compiles three times faster than -O1 and
# still runs the suite in seconds. Leak detection is off: LeakSanitizer needs ptrace, which some containers forbid.
asan: setup
	cmake --preset asan
	cmake --build --preset asan
	ctest --preset asan

# Scores the Hồng Lĩnh special campaign: the table (ranks, points per phase, classes, awards, cluster goals),
# then the explanation of the leading unit.
demo: build
	PYTHONPATH=$(BUILD)/python $(PYTHON) -m thidua score $(DEMO)/campaign.json $(DEMO)/results.json --explain-leader

# Speed and memory, each figure a ratio to a baseline measured in the same run on the same seeded data, with its
# target (tests/bench/README.md); exits non-zero when a target is missed. Not part of `make test`.
bench: build
	@status=0; \
	$(BUILD)/tests/bench/thidua_bench || status=1; \
	cd tests/bench && PYTHONPATH=../../$(BUILD)/python $(PYTHON) bench.py || status=1; \
	exit $$status

# Runs each libFuzzer target (tests/fuzz: clang-14 with ASan/UBSan) for FUZZ_SECONDS, starting from its committed
# corpus and seeds made from the golden cases and the examples; prints coverage edges and executions per second.
# A crash stops the run; keep its reproducer under tests/fuzz/regressions/<target>/ (make test replays it).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := campaign results_json results_csv numbers
FUZZ_FLAGS := -max_len=16384 -dict=tests/fuzz/thidua.dict
fuzz: setup
	@dpkg -s clang-14 libclang-rt-14-dev >/dev/null 2>&1 || $(SUDO) apt-get install -y -q clang-14 libclang-rt-14-dev
	cmake --preset fuzz && cmake --build --preset fuzz
	$(PYTHON) tests/fuzz/seed_corpus.py build/fuzz/seeds
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus/$$t build/fuzz/crashes/$$t; \
	  build/fuzz/tests/fuzz/thidua_fuzz_$$t -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/crashes/$$t/ build/fuzz/corpus/$$t tests/fuzz/corpus/$$t build/fuzz/seeds/$$t \
	    > build/fuzz/$$t.log 2>&1 || { tail -30 build/fuzz/$$t.log; echo "$$t: crashed, see build/fuzz/crashes/$$t"; exit 1; }; \
	  echo "$$t: $$(grep -o 'cov: [0-9]*' build/fuzz/$$t.log | tail -1) edges," \
	    "$$(grep -o 'exec/s: [0-9]*' build/fuzz/$$t.log | tail -1) after $(FUZZ_SECONDS) s"; \
	done

# After `make fuzz`: rewrites each committed corpus as the smallest set of inputs covering the same edges.
fuzz-corpus:
	@for t in $(FUZZ_TARGETS); do \
	  rm -rf build/fuzz/merged/$$t && mkdir -p build/fuzz/merged/$$t && \
	  build/fuzz/tests/fuzz/thidua_fuzz_$$t -merge=1 -use_counters=0 $(FUZZ_FLAGS) build/fuzz/merged/$$t \
	    tests/fuzz/corpus/$$t build/fuzz/corpus/$$t build/fuzz/seeds/$$t > build/fuzz/merge-$$t.log 2>&1 && \
	  rm -rf tests/fuzz/corpus/$$t && mv build/fuzz/merged/$$t tests/fuzz/corpus/$$t && \
	  echo "$$t: $$(ls tests/fuzz/corpus/$$t | wc -l) inputs" || exit 1; \
	done

clean:
	rm -rf build
