# Two commands: `make site` builds everything, `make test` runs every test.
# Both create .venv on first use with plain `python3 -m venv`.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONSTRAINTS := requirements/constraints.txt

.PHONY: site test lint typecheck pytest serve release clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e ".[dev]"
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/city-diplomacy validate

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

# Dataset downloads of this version into build/site/downloads/<version>/ (nothing else touched).
release: $(STAMP)
	$(BIN)/city-diplomacy release --site-dir build/site

clean:
	rm -rf build
