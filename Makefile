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

# `make site LANG=en` builds one language (translator preview). LANG is also the locale
# variable, so only a value given on the make command line selects a language (and the
# build then runs in the C.UTF-8 locale, since "en" is no locale name).
SITE_LANG := $(if $(filter command line,$(origin LANG)),--lang $(LANG))
PORT ?= 8000
# `make site BASE_URL=https://example.org/cd/`: published URL (sitemap.xml); default site.toml.
SITE_BASE_URL := $(if $(BASE_URL),--base-url "$(BASE_URL)")

# `make site STRICT=1`: fail when a recorded release cannot be built (see below); CI uses it.
SITE_STRICT := $(if $(STRICT),--strict)

# Without LANG: every language, every version recorded in releases.json (each built from its
# own commit in a virtual environment of that commit's pinned dependencies, cached in
# build/.cache/versions/ and build/.cache/envs/) plus the working tree (`latest`), and the
# dataset downloads of each. A copy without git history (source archive, shallow clone)
# builds `latest` and notes the releases it skipped. With LANG: that language of `latest`
# only (fast).
site: $(STAMP)
	$(if $(SITE_LANG),LANG=C.UTF-8 )$(BIN)/city-diplomacy build $(or $(SITE_LANG),--all-versions $(SITE_STRICT)) $(SITE_BASE_URL)

serve: $(STAMP)
	$(BIN)/city-diplomacy serve --port $(PORT)

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
