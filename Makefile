# The SAGIN coverage study. Two commands matter (see README.md):
#   make book   set up a fresh machine and build the book, executing every notebook
#   make test   set up and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP_FLAGS ?= --disable-pip-version-check --no-input
# uv installs the pinned environment in seconds; pip takes over where uv cannot. The
# environment is made without pip of its own (seconds saved; `.venv/bin/uv pip` serves),
# which `make venv-pip` adds where it is needed.
UV     ?= uv==0.13.9
SHELL  := bash
# Python compiles every module it imports; keep what it compiles (under .venv) even
# where the environment says not to write bytecode, so that the many kernels and
# workers of a build or a test run compile the scientific stack once, not each time.
export PYTHONDONTWRITEBYTECODE :=
export PYTHONPYCACHEPREFIX := $(abspath $(VENV))/pycache
LINT_DIRS := $(wildcard sagin_lib tests tools benchmarks book)

.PHONY: setup venv-pip book book-clean rerun test test-fast lint bench lock clean browser-deps

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(BIN)/python install $(PIP_FLAGS) --quiet "$(UV)" \
	  || $(MAKE) --no-print-directory venv-pip
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.txt \
	  || { $(MAKE) --no-print-directory venv-pip && \
	       $(BIN)/python -m pip install $(PIP_FLAGS) --quiet -r requirements.txt; }
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e . \
	  || { $(MAKE) --no-print-directory venv-pip && \
	       $(BIN)/python -m pip install $(PIP_FLAGS) --quiet --no-deps -e .; }
	touch $(STAMP)

venv-pip:
	$(BIN)/python -m ensurepip --default-pip >/dev/null

# Executes the notebooks that changed, two or more at a time, into the cache in
# _build/.jupyter_cache while Jupyter Book builds the pages that do not need them
# (tools/build_book.py), then builds the notebooks' pages from the cache, treating
# any Sphinx warning, or anything a notebook writes to stderr, as an error. The
# cache is keyed on notebook code only, so a change to the library empties it.
# The build's log is kept in _build/book.log (the test suite reads it).
# A book whose sources, configuration and library have not changed since its last
# successful build is up to date: nothing runs (the stamp is written last).
BOOK_SOURCES := _config.yml _toc.yml CITATION.cff \
  $(shell find book -type f -not -path 'book/outputs/*' -not -path '*/__pycache__/*' \
    -not -path '*/.ipynb_checkpoints/*' 2>/dev/null)
BOOK_STAMP := _build/.book-stamp

book: setup $(BOOK_STAMP)

$(BOOK_STAMP): $(STAMP) _build/.library-stamp $(BOOK_SOURCES)
	$(BIN)/python tools/build_book.py
	touch $@

_build/.library-stamp: $(wildcard sagin_lib/*.py sagin_lib/*/*.py sagin_lib/data/*)
	rm -rf _build/.jupyter_cache _build/.doctrees
	mkdir -p _build
	touch $@

# Rerun one chapter with new parameters into a new folder under runs/, e.g.
#   make rerun CHAPTER=coverage ARGS="-p freq_ghz 12 -p min_elevation_deg 25"
rerun: setup
	$(BIN)/python -m sagin_lib.rerun run $(CHAPTER) $(ARGS)

book-clean:
	rm -rf _build book/outputs

lint: setup
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/ruff format --check $(LINT_DIRS)

# One pytest run on two workers, after the book is built (or found up to date):
# nbval over every notebook, whose run at the defaults is the second run that must
# give the built book's data byte for byte (checked after each notebook's cells),
# the unit and property tests, the library's doctests, papermill reruns with drawn
# and non-default parameters, and the built book checked as a reader gets it
# (links, claims, headless Chromium). Each file stays on one worker (a notebook's
# cells share a kernel), the longest files first (tests/conftest.py, LONGEST_FIRST).
NOTEBOOKS := $(wildcard book/*.ipynb)
test: book lint browser-deps
	SAGIN_BUILT_BOOK=$(CURDIR)/_build/html $(BIN)/python -m pytest $(NOTEBOOKS) tests \
	  --nbval-lax --doctest-modules sagin_lib -p no:cacheprovider -n 2 --dist loadfile \
	  --no-loadscope-reorder \
	  --durations=15

# Debian's Chromium for the rendered-book test (needs root and apt-get; where
# neither is available the browser test is skipped, except in CI where it fails).
browser-deps:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	else echo "chromium is missing and cannot be installed here: the browser test will be skipped"; fi

test-fast: setup
	$(BIN)/python -m pytest tests -m "not slow and not browser" -p no:cacheprovider

# Speed and memory, printed as tables (scripts, not timed tests).
bench: setup
	$(BIN)/python benchmarks/bench_closed_form.py
	$(BIN)/python benchmarks/bench_sampling.py
	$(BIN)/python benchmarks/bench_dask.py
	$(BIN)/python benchmarks/bench_chapters.py

# Re-resolve requirements.in into requirements.txt and environment.yml.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install $(PIP_FLAGS) --quiet --upgrade "pip>=24"
	.lock-venv/bin/python -m pip install $(PIP_FLAGS) --quiet -r requirements.in
	{ echo "# Every package of the study's environment, pinned. Generated by 'make lock' from"; \
	  echo "# requirements.in; environment.yml carries the same pins (checked by a test)."; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable; } > requirements.txt
	rm -rf .lock-venv
	$(PYTHON) tools/write_environment.py

clean: book-clean
	rm -rf $(VENV) runs .pytest_cache .hypothesis .benchmarks
