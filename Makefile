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

.PHONY: all setup configure build test demo bench clean

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

clean:
	rm -rf build
