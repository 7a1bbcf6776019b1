# Ressourcebanken: `make run` serves the site with Danish demo data, `make test` runs every test.
# Both install what they need first, so they work on a fresh clone.

SHELL := /bin/bash
.DEFAULT_GOAL := run

# pyenv picks the interpreter named in .python-version; fall back to any python3.12+ on PATH.
PYTHON ?= $(shell for p in python3 python3.13 python3.12; do command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && echo $$p && break; done)
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://root@127.0.0.1:5432/test
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench wrk install chromium pdflibs poppler migrate demo fmt messages clean

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 eller nyere mangler (pyenv: se .python-version)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed node_modules/.installed pdflibs

# Debian's Chromium for the browser tests; Playwright's own download cannot work here.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installerer Chromium fra Debian ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium mangler ($(CHROMIUM)) og kan kun installeres som root: browsertestene springes over."; \
	  fi; \
	fi

# WeasyPrint (the brochure's PDF) needs Pango and HarfBuzz's subsetter from Debian; as Chromium:
# only as root, only when missing. Without them /staff/pjece/ says so in Danish.
pdflibs:
	@if ! ldconfig -p | grep -q 'libpango-1.0.so.0' || ! ldconfig -p | grep -q 'libpangoft2-1.0.so.0' \
	    || ! ldconfig -p | grep -q 'libharfbuzz-subset.so.0'; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installerer Pango og HarfBuzz til pjecens PDF fra Debian ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null; \
	  else \
	    echo "Pango mangler og kan kun installeres som root: pjecen kan ikke laves som PDF."; \
	  fi; \
	fi

# pdftotext (poppler-utils) for the brochure's tests, which read the PDF's text as a reader would.
poppler:
	@if ! command -v pdftotext >/dev/null; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installerer poppler-utils (pdftotext) fra Debian ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	  else \
	    echo "pdftotext mangler og kan kun installeres som root: pjecens tekst-test springes over."; \
	  fi; \
	fi

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# The worker (background tasks) and the scheduler (periodic jobs) run beside the web server
# and stop with it.
run: demo
	@trap 'kill 0' EXIT INT TERM; \
	$(PY) manage.py db_worker & \
	$(PY) manage.py run_schedule & \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache --no-logo
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Every test on SQLite (with the browser tests), then again on PostgreSQL.
test: install chromium poppler lint
	$(PY) -m pytest -q
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -q -m "not browser"

# wrk (the HTTP load generator) from Debian, as Chromium for the tests: only as root, only when missing.
wrk:
	@if ! command -v wrk >/dev/null; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installerer wrk fra Debian ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "wrk mangler og kan kun installeres som root (apt-get install wrk): HTTP-benchmarken springes over."; \
	  fi; \
	fi

bench: install wrk
	$(PY) -m bench.run

fmt: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules var
