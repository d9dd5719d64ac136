# Two commands do all the set-up on a fresh Debian 12 machine: `make demo` and `make test`.
# Both install the Debian packages that are missing, then configure and build with the CMake `dev` preset
# (Debian's /usr/bin/python3, not a pyenv shim that may come first on PATH).

PYTHON := /usr/bin/python3
BUILD := build/dev
DEMO := docs/examples/hong-linh-dot-dac-biet-2024
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PACKAGES := g++ make cmake git pybind11-dev python3-pybind11 libboost-json1.81-dev doctest-dev \
	python3 python3-dev python3-venv python3-pip python3-setuptools python3-wheel \
	python3-numpy python3-pandas python3-pytest python3-matplotlib python3-hypothesis python3-openpyxl python3-mypy

.PHONY: all setup configure build test demo bench fuzz clean

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

# Scores the Hồng Lĩnh special campaign: the table (ranks, points per phase, classes, awards, cluster goals),
# then the explanation of the leading unit.
demo: build
	PYTHONPATH=$(BUILD)/python $(PYTHON) -m thidua score $(DEMO)/campaign.json $(DEMO)/results.json --explain-leader

# Speed, as ratios to baselines measured in the same run (tests/bench).
bench: build
	$(BUILD)/tests/bench/thidua_bench

# Fuzzes the readers and scoring for FUZZ_SECONDS (clang-14's libFuzzer with ASan/UBSan), starting from the
# golden cases and the examples.
FUZZ_SECONDS ?= 60
fuzz: setup
	@dpkg -s clang-14 libclang-rt-14-dev >/dev/null 2>&1 || $(SUDO) apt-get install -y -q clang-14 libclang-rt-14-dev
	cmake --preset fuzz && cmake --build --preset fuzz
	mkdir -p build/fuzz/corpus && $(PYTHON) tests/fuzz/seed_corpus.py build/fuzz/corpus
	build/fuzz/tests/fuzz/thidua_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=8192 build/fuzz/corpus

clean:
	rm -rf build
