# Two commands: `make site` builds everything, `make test` runs every test.
# Both create .venv on first use with plain `python3 -m venv`; `make test` first installs
# what the tests need (`make tools`: system packages via scripts/ensure-tools, the pinned
# checkers via npm ci). `make lock` regenerates requirements/constraints.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONSTRAINTS := requirements/constraints.txt
# The checkers pinned in package-lock.json (vnu-jar, axe-core); reinstalled when the lock changes.
NODE_STAMP := node_modules/.installed

.PHONY: site test tools lock serve release clean venv translator

venv: $(STAMP)

# What a translator needs and nothing more: the venv (no test tools, no apt, no npm), and a
# check that GNU gettext (msgmerge, msgfmt) is there, which `i18n update` and `check` call.
translator: $(STAMP)
	@command -v msgmerge >/dev/null && command -v msgfmt >/dev/null \
		|| { echo "GNU gettext is missing: install it (Debian/Ubuntu: apt-get install gettext; macOS: brew install gettext)" >&2; exit 1; }
	@echo "ready: next, $(BIN)/city-diplomacy i18n add <lang>  (see docs/translators.md)"

# Every distribution exactly as locked, hash-checked (pip cannot hash-check an editable
# install, so the project itself goes in afterwards without dependencies).
$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r $(CONSTRAINTS)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
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

# System packages first (scripts/ensure-tools: a no-op on a ready machine, apt-get as root,
# else one line naming what to install), then the venv and the npm checkers.
tools:
	scripts/ensure-tools
	@$(MAKE) --no-print-directory $(STAMP) $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

# requirements/constraints.txt from pyproject.toml, with hashes. Keeps every existing pin
# that still fits; `make lock UPGRADE=1` moves all to the newest versions the bounds allow,
# `make lock UPGRADE=sphinx` only that package. Review the diff, `make test`, commit both.
# Not `lock: $(STAMP)`: after a pyproject.toml edit the venv is out of step with the old lock.
lock:
	@test -x $(BIN)/pip-compile || $(MAKE) --no-print-directory $(STAMP)
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --all-extras --strip-extras \
		--all-build-deps --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links \
		$(if $(filter 1,$(UPGRADE)),--upgrade,$(if $(UPGRADE),--upgrade-package $(UPGRADE))) \
		--output-file $(CONSTRAINTS) pyproject.toml

test: tools
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

# Dataset downloads of this version into build/site/downloads/<version>/ (nothing else touched).
release: $(STAMP)
	$(BIN)/city-diplomacy release --site-dir build/site

clean:
	rm -rf build
