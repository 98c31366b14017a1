# The two set-up commands of the README. Each creates .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
PIP := $(VENV)/bin/pip

.PHONY: demo test lint clean

$(VENV)/.installed: pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install --quiet -e ".[test]"
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/armstrace demo

test: $(VENV)/.installed-test
	$(VENV)/bin/python -m pytest -n 2 -q

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
