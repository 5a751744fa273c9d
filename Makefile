# planwissen – two entry points: `make run` (set up, ingest the demo corpus, start the assistant) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: setup run ingest test test-fast lint eval bench corpus clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,eval]'
	touch $(STAMP)

ingest: setup
	$(BIN)/planwissen ingest corpus/

run: ingest
	$(BIN)/planwissen ask "Welche Beteiligungsformate nutzt die Sozialplanung?"
	$(BIN)/planwissen serve

lint: setup
	$(BIN)/ruff check .

test: setup lint
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/pytest -m "not llm and not load and not kill" $(PYTEST_ARGS)

test-fast: setup
	HF_HUB_OFFLINE=1 $(BIN)/pytest -m "not slow and not server and not browser and not llm and not load and not kill" -q

eval: setup  # own index in <data_dir>/eval-index (demo corpus only); your index is not touched
	$(BIN)/planwissen eval

bench: setup
	$(BIN)/planwissen bench

corpus: setup
	$(BIN)/python corpus/build.py

clean:
	rm -rf $(VENV) data results
