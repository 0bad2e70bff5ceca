# Set-up and everyday commands. Everything installs into .venv (Python) and
# examples/convex-app/node_modules (the sample application), from the project's own files.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APP := examples/convex-app
APP_STAMP := $(APP)/node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: install docs serve check test lint app-test clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "error: Python >= 3.11.5 is needed (found %s); set PYTHON=/path/to/python3.11" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

## docs: check the catalogue against the code, then build the site into site/ (fails on any warning)
docs: $(STAMP)
	$(BIN)/patterns check
	$(BIN)/mkdocs build --strict

## serve: live preview; reloads when a catalogue page or an annotated file changes
serve: $(STAMP)
	$(BIN)/mkdocs serve

check: $(STAMP)
	$(BIN)/patterns check

lint: $(STAMP)
	$(BIN)/ruff check extractor tests
	$(BIN)/ruff format --check extractor tests
	$(BIN)/mypy

$(APP_STAMP): $(APP)/package-lock.json
	cd $(APP) && npm ci --no-audit --no-fund
	@touch $@

## app-test: type-check and test the sample Convex application
app-test: $(APP_STAMP)
	cd $(APP) && npm run typecheck && npm test

## test: lint, type-check, the sample application's tests, and the whole Python suite
test: lint app-test
	$(BIN)/pytest

clean:
	rm -rf site $(VENV) $(APP)/node_modules
