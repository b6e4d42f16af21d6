# Two commands for a fresh machine: `make run` (set up, ingest the sample corpus, show a dossier, serve
# the web UI) and `make test` (set up, lint, run the test suite).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

run: setup
	mkdir -p var
	$(BIN)/letopis demo --db var/letopis.sqlite

test: setup
	$(BIN)/ruff check src tests
	$(BIN)/pytest -n 2

bench: setup
	$(BIN)/letopis bench speed
	$(BIN)/letopis bench quality

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
