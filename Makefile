# Build the NCP's publications from the content folder. See README.md.
.DELETE_ON_ERROR:
.DEFAULT_GOAL := report
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONTENT ?= content
OUTPUT ?= output
BUILD ?= build
NCP = $(BIN)/ncp
BUILD_ARGS = --content $(CONTENT) --output $(OUTPUT) --build-dir $(BUILD)
INSTALLED := $(VENV)/.installed

# What a writer picks: make preview PUB=arsrapport-2025 LANG=nb, make one PUB=… LANG=… FORMAT=pdf.
# LANG is also the locale's variable, so only a LANG given on make's command line is a language.
PUB ?=
FORMAT ?=
ONLY_LANG = $(if $(filter command line,$(origin LANG)),$(if $(LANG),--lang $(LANG)))

.PHONY: report brochure guidance hearings plan all preview one check test lint locale bench clean sprak release

# The first make on a fresh machine creates .venv and installs the pinned requirements.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.build-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt $(VENV)/.build-deps
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# The project itself, installed editable: .venv/bin/ncp runs the code of this folder.
$(INSTALLED): pyproject.toml $(VENV)/.build-deps
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

report: $(INSTALLED)  ## the annual report(s)
	$(NCP) build --kind annual-report $(BUILD_ARGS)

brochure: $(INSTALLED)
	$(NCP) build --kind brochure $(BUILD_ARGS)

guidance: $(INSTALLED)
	$(NCP) build --kind guidance $(BUILD_ARGS)

hearings: $(INSTALLED)
	$(NCP) build --kind hearing-response $(BUILD_ARGS)

plan: $(INSTALLED)
	$(NCP) build --kind plan $(BUILD_ARGS)

all: $(INSTALLED)
	$(NCP) build $(BUILD_ARGS)

# The HTML of PUB (every publication when none), served on 127.0.0.1 and reloaded on every save.
preview: $(INSTALLED)
	$(NCP) preview $(PUB) $(ONLY_LANG) --content $(CONTENT)

# One publication, and only the language and format asked for: make one PUB=… LANG=nb FORMAT=pdf
one: $(INSTALLED)
	$(if $(PUB),,$(error make one needs PUB=<publication>, for example: make one PUB=arsrapport-2025 LANG=nb FORMAT=pdf))
	$(NCP) build $(PUB) $(ONLY_LANG) $(if $(FORMAT),--format $(FORMAT)) $(BUILD_ARGS)

check: $(INSTALLED)
	$(NCP) check --content $(CONTENT)

test: $(VENV)/.dev-deps $(INSTALLED)
	$(BIN)/ruff check pipeline tests bench
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check pipeline tests bench

# Refresh the gettext catalogs after adding or changing a fixed string or a message of ncp.
locale: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output \
	  --project ncp-publishing -o templates/locale/messages.pot .
	$(BIN)/pybabel update -i templates/locale/messages.pot -d templates/locale --no-fuzzy-matching
	$(BIN)/pybabel extract -F babel.cfg --no-default-keywords -k tr -k tr_n:1,2 --no-location \
	  --sort-output --project ncp-publishing -o templates/locale/ncp.pot .
	$(BIN)/pybabel update -D ncp -i templates/locale/ncp.pot -d templates/locale --no-fuzzy-matching \
	  --ignore-obsolete
	$(NCP) messages --docs docs/errors.md

bench: $(VENV)/.dev-deps $(INSTALLED)
	$(BIN)/python -m bench
	$(BIN)/python -m bench.preview

# Removes only folders a build made (they hold a marker file); refuses any other.
clean: $(INSTALLED)
	$(NCP) clean --output "$(OUTPUT)" --build-dir "$(BUILD)"

# Målform balance of a year's publications (språklova § 13): make sprak YEAR=2025
YEAR ?= 2025
sprak: $(INSTALLED)
	$(NCP) sprak $(YEAR) --content $(CONTENT) --output $(OUTPUT)

# Every publication built afresh into releases/release-<date>/ and its zip, with manifest.json
# and CHECKSUMS; refused while the content has a draft or placeholder. YEAR=2026 on the command
# line releases only the publications dated that year.
RELEASES ?= releases
release: $(INSTALLED)
	$(NCP) release --content $(CONTENT) --releases $(RELEASES) $(if $(filter command line,$(origin YEAR)),--year $(YEAR))
