# vanthu — everything a fresh Debian machine (as root) needs, in two targets: `make run`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export VANTHU_DATA ?= $(CURDIR)/data
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages: LibreOffice for PDF, Liberation fonts (metric twins of Times New Roman),
# python3-uno for the kept LibreOffice (unoserver) that makes one PDF in ~0.1 s,
# poppler to look at PDFs, Tesseract with its Vietnamese data to read scanned pages;
# chromium only for the browser tests.
APT_RUN := libreoffice-writer-nogui python3-uno fonts-liberation2 poppler-utils tesseract-ocr tesseract-ocr-vie
APT_TEST := chromium

.PHONY: run test deps test-deps apt-run apt-test init demo templates metrics bench bench-load bench-memory bench-whoosh clean

run: deps init demo
	$(BIN)/vanthu run --host $(HOST) --port $(PORT)

test: deps test-deps init demo
	$(BIN)/pytest -q

deps: apt-run $(VENV)/.installed

test-deps: apt-test

# Install only what is missing, so a second run costs nothing and needs no network.
define apt_ensure
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Cài gói Debian:$$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

apt-run:
	$(call apt_ensure,$(APT_RUN))
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { $(call apt_ensure,python3-venv python3-pip) ; }

apt-test:
	$(call apt_ensure,$(APT_TEST))

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

init: deps
	$(BIN)/vanthu init

demo: deps
	$(BIN)/vanthu demo

# Rebuild the .docx templates from templates/build.py (byte for byte the same on every run).
templates: deps
	$(BIN)/python -m templates.build

# Rebuild the Times New Roman width table from Liberation Serif (needs fonttools).
metrics: deps
	$(BIN)/python -m pip install -q -e '.[dev]'
	$(BIN)/python -m generator.metrics

bench: deps
	$(BIN)/python bench/generate.py
	$(BIN)/python bench/check.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/issue.py

# 20 signed-in clients composing, filing, issuing, searching for 60 s against `vanthu run` (stops by itself).
bench-load: deps
	$(BIN)/python bench/load.py

# export, verify, reindex memory at 1,000 and 50,000 documents, and /archive at 50,000 (issue 16; ~5 minutes).
bench-memory: deps
	$(BIN)/python bench/memory.py

# Whoosh beside tantivy, at 20,000 documents (Whoosh indexes ~50 documents/s: 100,000 take half an hour).
bench-whoosh: deps
	$(BIN)/python bench/search.py --n 20000 --engine whoosh
	$(BIN)/python bench/search.py --n 20000 --engine tantivy

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
