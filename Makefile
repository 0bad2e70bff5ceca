# Set-up and everyday commands. Everything installs into .venv (Python) and
# examples/convex-app/node_modules (the sample application), from the project's own files.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APP := examples/convex-app
APP_STAMP := $(APP)/node_modules/.installed
CHROMIUM := /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: install docs serve check test lint app-test browser screenshots clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "error: Python >= 3.11.5 is needed (found %s); set PYTHON=/path/to/python3.11" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

## docs: check the catalogue against the code, count the rules over the history for the trend charts, then build the site into site/ (fails on any warning)
docs: $(STAMP)
	$(BIN)/patterns check
	$(BIN)/patterns history >/dev/null
	$(BIN)/mkdocs build --strict

## serve: live preview; reloads when a catalogue page or an annotated file changes
serve: $(STAMP)
	@echo "serving on http://127.0.0.1:8000$$($(BIN)/python -c 'import urllib.parse, yaml; print(urllib.parse.urlparse(yaml.safe_load(open("mkdocs.yml")).get("site_url") or "/").path or "/")') once built (Ctrl-C stops)"
	$(BIN)/mkdocs serve

check: $(STAMP)
	$(BIN)/patterns check

lint: $(STAMP)
	$(BIN)/ruff check extractor tests bench
	$(BIN)/ruff format --check extractor tests bench
	$(BIN)/mypy

$(APP_STAMP): $(APP)/package-lock.json
	cd $(APP) && npm ci --no-audit --no-fund
	@touch $@

## app-test: type-check and test the sample Convex application
app-test: $(APP_STAMP)
	cd $(APP) && npm run typecheck && npm test

## browser: Debian's chromium, which tests/test_browser.py drives through Playwright (installed once)
browser: $(CHROMIUM)

$(CHROMIUM):
	@if [ "$$(id -u)" != 0 ]; then echo "error: $@ is missing; the browser tests need Debian's chromium: run 'sudo apt-get install --no-install-recommends chromium', then 'make test' again" >&2; exit 1; fi
	@echo "installing Debian's chromium for the browser tests (apt-get, once)"
	@apt-get update -qq >/dev/null
	@DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null

## screenshots: PNGs of the built site for the README, into docs/images/
screenshots: $(STAMP) $(CHROMIUM)
	$(BIN)/python tests/screenshots.py docs/images

## test: lint, type-check, the sample application's tests, and the whole Python suite (with the browser tests)
test: lint app-test $(CHROMIUM)
	$(BIN)/pytest

.PHONY: bench bench-full ripgrep

## bench: whole `patterns` and `mkdocs build` processes against rg, a bare interpreter and plain MkDocs, 7 runs each, on generated monorepos (bench/README.md)
bench: $(STAMP) ripgrep
	$(BIN)/python -m bench.run

## bench-full: the same with 15 runs of each command, for numbers to quote
bench-full: $(STAMP) ripgrep
	$(BIN)/python -m bench.run --full

## ripgrep: Debian's ripgrep, the benchmark's baseline; without it the benchmark skips those comparisons
ripgrep:
	@command -v rg >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ripgrep >/dev/null; } || echo "note: ripgrep is missing and could not be installed ('sudo apt-get install ripgrep'); the benchmark skips the comparisons with rg" >&2

clean:
	rm -rf site $(VENV) $(APP)/node_modules
