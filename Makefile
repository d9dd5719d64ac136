# Two commands do all the set-up on a fresh Debian 12 machine: `make demo` and `make test`.
# Both install the Debian packages that are missing, then configure and build with the CMake `dev` preset
# (Debian's /usr/bin/python3, not a pyenv shim that may come first on PATH).

PYTHON := /usr/bin/python3
BUILD := build/dev
DEMO := docs/examples/hong-linh-dot-dac-biet-2024
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PACKAGES := g++ make cmake git pkgconf ccache pybind11-dev python3-pybind11 libboost-json1.81-dev doctest-dev \
	python3 python3-dev python3-venv python3-pip python3-setuptools python3-wheel \
	python3-numpy python3-pandas python3-pytest python3-matplotlib python3-hypothesis python3-openpyxl python3-mypy \
	python3-jsonschema python3-tqdm python3-dask python3-distributed python3-nbclient python3-nbformat \
	python3-ipykernel python3-jinja2 python3-docx python3-docxtpl
# What the tests of the documents and the HTML report drive: LibreOffice renders the Word documents to PDF (Liberation
# Serif stands in for Times New Roman, with the same metrics), pdftoppm (poppler-utils) a PDF's first page to PNG, a
# headless Chromium loads the HTML report. Only `make test` needs them.
BROWSER_PACKAGES := libreoffice-writer-nogui fonts-liberation poppler-utils chromium chromium-driver python3-selenium
# The second compiler, its sanitizer runtimes and libFuzzer: only the asan, tsan and fuzz targets need them.
CLANG_PACKAGES := clang-14 libclang-rt-14-dev
# The languages whose snippets in docs/c-api.md call the C API (tests/python/test_capi.py): PHP with its FFI extension
# and C# on Mono. Only `make test` needs them.
FFI_PACKAGES := php-cli mono-mcs
# What the documentation site (`make docs`, and the docs_site test of `make test`) is built with: Sphinx and its
# furo theme, myst-parser for the Markdown pages, nbsphinx (pandoc converts its Markdown cells) for the notebook,
# Breathe over Doxygen for the C++ API.
DOCS_PACKAGES := python3-sphinx furo python3-myst-parser python3-nbsphinx pandoc python3-breathe doxygen

.PHONY: all setup setup-clang setup-browser configure build test asan tsan demo bench fuzz fuzz-corpus clean

all: build

# Installs the packages of the list $(1) that `dpkg -s` does not find, with a single `apt-get update` when
# something is missing.
define install_missing
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

setup:
	$(call install_missing,$(PACKAGES))

setup-clang: setup
	$(call install_missing,$(CLANG_PACKAGES))

setup-browser: setup
	$(call install_missing,$(BROWSER_PACKAGES))

.PHONY: setup-ffi
setup-ffi: setup
	$(call install_missing,$(FFI_PACKAGES))

.PHONY: setup-docs docs
setup-docs: setup
	$(call install_missing,$(DOCS_PACKAGES))

configure: setup
	cmake --preset dev

build: configure
	cmake --build --preset dev

# Every test, then the C++ suite again with the second compiler and the sanitizers, and the fuzz targets built and
# run briefly, so that a build only clang or only the sanitizers see cannot break unnoticed. Each extra build
# compiles only what it runs (no Python extension; tsan only the threads suites).
test: build setup-browser setup-docs setup-ffi
	ctest --preset dev
	$(MAKE) --no-print-directory asan tsan
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=3

# The C++ suite again (golden runner and fuzz corpus replay included) compiled by clang 14 with warnings as errors
# (clang rejects code that GCC accepts, and warns elsewhere), under AddressSanitizer and UndefinedBehaviorSanitizer,
# every report fatal: one build for both checks. On the default (AVX2) path: the SSE2 path runs in
# `ctest --preset dev`. Built at -O0, which compiles three times faster than -O1 and still runs the suite in seconds.
# Leak detection is off: LeakSanitizer needs ptrace, which some containers forbid.
asan: setup-clang
	cmake --preset asan
	cmake --build --preset asan
	ctest --preset asan

# The threads suites (tests/cpp/test_threads.cpp: populations of 65 536 units and more, so that every threaded path
# runs; test_threads_capi.cpp: the C API from two threads) under ThreadSanitizer, the first race fatal.
tsan: setup-clang
	cmake --preset tsan
	cmake --build --preset tsan
	ctest --preset tsan

# Scores the Hồng Lĩnh special campaign: the table (ranks, points per phase, classes, awards, cluster goals),
# then the explanation of the leading unit.
demo: build
	PYTHONPATH=$(BUILD)/python $(PYTHON) -m thidua score $(DEMO)/campaign.json $(DEMO)/results.json --explain-leader

# The documentation site (docs/conf.py) into build/docs/html: open build/docs/html/index.html. The Markdown pages,
# the notebook executed with the package of the build, the Python API from its docstrings and the C++ API from the
# headers through Doxygen; any warning of Sphinx or Doxygen fails it. -E reads every page again: the C++ pages change
# with the headers, which Sphinx does not track.
docs: build setup-docs
	PYTHONPATH=$(BUILD)/python $(PYTHON) -m sphinx -W --keep-going -E -q -b html -d build/docs/doctrees docs build/docs/html

# Speed and memory, each figure a ratio to a baseline measured in the same run on the same seeded data, with its
# target (tests/bench/README.md); exits non-zero when a target is missed. Not part of `make test`.
bench: build
	@status=0; \
	$(BUILD)/tests/bench/thidua_bench || status=1; \
	cd tests/bench && PYTHONPATH=../../$(BUILD)/python $(PYTHON) bench.py || status=1; \
	PYTHONPATH=../../$(BUILD)/python $(PYTHON) bench_dask.py || status=1; \
	exit $$status

# Runs each libFuzzer target (tests/fuzz: clang-14 with ASan/UBSan) for FUZZ_SECONDS, starting from its committed
# corpus and seeds made from the golden cases and the examples; prints coverage edges and executions per second.
# A crash stops the run; keep its reproducer under tests/fuzz/regressions/<target>/ (make test replays it).
# `make test` runs each for 3 s: there the targets must build and run, finding more is this target's job. The
# preset compiles at -O1 with line tables only, as libFuzzer's documentation does: quicker to build than -O2, and
# the stack traces of a crash still name lines.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := campaign results_json results_csv numbers
FUZZ_FLAGS := -max_len=16384 -dict=tests/fuzz/thidua.dict
fuzz: setup-clang
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
