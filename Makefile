# Every target builds what it needs from the package registries into .venv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: demo test lint docs clean

$(VENV)/.base: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test: $(VENV)/.base
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.docs: $(VENV)/.base
	$(PY) -m pip install --quiet -e '.[docs]'
	touch $@

demo: $(VENV)/.base
	$(PY) -m skmultilabel.demo

test: lint
	$(PY) -m pytest

lint: $(VENV)/.test
	$(VENV)/bin/ruff check .

docs: $(VENV)/.docs
	$(PY) -m sphinx -W --keep-going -b html docs docs/_build/html

clean:
	rm -rf $(VENV) docs/_build docs/generated docs/auto_examples build *.egg-info
