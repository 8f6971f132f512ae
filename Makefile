# Every target builds what it needs from the package registries into .venv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# test-min: the oldest release of each runtime dependency that setup.cfg
# allows (and pytest 8: scikit-learn 1.6's check generator trips pytest 9)
VENV_MIN ?= .venv-min
MIN_DEPS := 'numpy==1.24.*' 'scipy==1.10.*' 'scikit-learn==1.6.0' \
	'lightgbm==4.6.0' 'pytest<9'

.PHONY: demo test test-min lint docs clean

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

$(VENV_MIN)/.test: setup.cfg pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV_MIN)
	$(VENV_MIN)/bin/python -m pip install --quiet --upgrade pip
	$(VENV_MIN)/bin/python -m pip install --quiet -e '.[test]' $(MIN_DEPS)
	touch $@

test-min: $(VENV_MIN)/.test
	$(VENV_MIN)/bin/python -m pytest -p no:cacheprovider

lint: $(VENV)/.test
	$(VENV)/bin/ruff check .

docs: $(VENV)/.docs
	$(PY) -m sphinx -W --keep-going -b html docs docs/_build/html

clean:
	rm -rf $(VENV) $(VENV_MIN) docs/_build docs/generated docs/auto_examples build *.egg-info
