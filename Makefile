# Two commands set everything up: `make run` (the portal with demo data on SQLite) and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Find Python 3.12+: python3.13, python3.12, then python3 when it is new enough, then pyenv's installs.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v $$p; break; fi; done)

.PHONY: run test lint typecheck migrations-check pytest install clean bench lock

$(VENV)/.installed: pyproject.toml requirements.lock
	@if [ -z "$(PYTHON)" ]; then \
		echo "未找到 Python 3.12 或更新版本。请先安装 python3.12 或 python3.13（例如 apt-get install python3.12，或 pyenv install 3.13），再运行 make。" >&2; \
		echo "No Python 3.12+ found: install python3.12 or python3.13 and run make again." >&2; exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	mkdir -p var
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py seed_demo
	@echo "Starting the task worker (mail delivery) beside the server; both stop with Ctrl-C."
	@echo "Demo: staff sign in with a password alone (STAFF_SECOND_FACTOR=false); production asks for a one-time code too."
	trap 'kill 0' EXIT; export DEBUG=true STAFF_SECOND_FACTOR=false; $(PY) manage.py db_worker & $(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit -q -c pyproject.toml -r portal disclosure requests_app review supervision consultations --severity-level medium

typecheck: install
	$(VENV)/bin/mypy .

migrations-check: install
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py makemigrations --check --dry-run

pytest: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint typecheck migrations-check pytest

bench: install
	$(PY) bench/deadlines.py
	$(PY) bench/scanner.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

lock: install
	{ echo "# Exact versions CI installs (pip install -c requirements.lock -e '.[dev]'). Regenerate: make lock"; \
	  $(PY) -m pip freeze --exclude-editable; } > requirements.lock
