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
NCP = $(BIN)/python -m pipeline
BUILD_ARGS = --content $(CONTENT) --output $(OUTPUT) --build-dir $(BUILD)

.PHONY: report brochure guidance hearings plan all check test lint locale bench clean sprak

# The first make on a fresh machine creates .venv and installs the pinned requirements.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.build-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt $(VENV)/.build-deps
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

report: $(VENV)/.build-deps  ## the annual report(s)
	$(NCP) build --kind annual-report $(BUILD_ARGS)

brochure: $(VENV)/.build-deps
	$(NCP) build --kind brochure $(BUILD_ARGS)

guidance: $(VENV)/.build-deps
	$(NCP) build --kind guidance $(BUILD_ARGS)

hearings: $(VENV)/.build-deps
	$(NCP) build --kind hearing-response $(BUILD_ARGS)

plan: $(VENV)/.build-deps
	$(NCP) build --kind plan $(BUILD_ARGS)

all: $(VENV)/.build-deps
	$(NCP) build $(BUILD_ARGS)

check: $(VENV)/.build-deps
	$(NCP) check --content $(CONTENT)

test: $(VENV)/.dev-deps
	$(BIN)/ruff check pipeline tests bench
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check pipeline tests bench

# Refresh the gettext catalogs after adding or changing a fixed string.
locale: $(VENV)/.build-deps
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output \
	  --project ncp-publishing -o templates/locale/messages.pot .
	$(BIN)/pybabel update -i templates/locale/messages.pot -d templates/locale --no-fuzzy-matching

bench: $(VENV)/.dev-deps
	$(BIN)/python -m bench

# Removes only folders a build made (they hold a marker file); refuses any other.
clean: $(VENV)/.build-deps
	$(NCP) clean --output "$(OUTPUT)" --build-dir "$(BUILD)"

# Målform balance of a year's publications (språklova § 13): make sprak YEAR=2025
YEAR ?= 2025
sprak: $(VENV)/.build-deps
	$(NCP) sprak $(YEAR) --content $(CONTENT) --output $(OUTPUT)
