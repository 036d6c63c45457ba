# Woonwijzer Kortrijk. `make run` and `make test` are the two commands that matter;
# everything else is a step they share.
SHELL := /bin/bash
# Rasa asks to send usage telemetry; this assistant sends nothing anywhere.
export RASA_TELEMETRY_ENABLED := false
.DEFAULT_GOAL := help

VENV  := .venv
PY    := $(VENV)/bin/python
RASA  := $(VENV)/bin/rasa
STAMP := $(VENV)/.installed

# The first interpreter that really is Python 3.10 (pyenv shims exist but fail
# when 3.10 is not the selected version, so each candidate is run, not just found).
PYTHON310 ?= $(shell for c in python3.10 $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.10*/bin/python3.10 \
	/root/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do \
	$$c -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { echo $$c; break; }; done)

.PHONY: help run shell lint test test-python test-data test-stories kb train install eval-nlu fuzz bench constraints clean

help:
	@echo "make run     start Woonwijzer (action server :5055, Rasa :5005, web chat :8080)"
	@echo "make shell   chat in the terminal"
	@echo "make test    the whole test suite (lint included)"
	@echo "make lint    ruff (lint and format) and mypy"
	@echo "make eval-nlu  NLU evaluation on the held-out set"
	@echo "make fuzz    2,000 hostile and odd messages at a fresh assistant"
	@echo "make bench   speed and memory against bare Rasa (rasa init), in one run"

$(PY):
	@if [ -z "$(PYTHON310)" ]; then \
		echo "Geen Python 3.10 gevonden. Rasa 3.6 draait niet op 3.11 of later."; \
		echo "No Python 3.10 found. Fix: 'pyenv install 3.10.13' (or 'apt-get install python3.10 python3.10-venv'),"; \
		echo "or name it: make run PYTHON310=/path/to/python3.10"; \
		exit 1; fi
	$(PYTHON310) -m venv $(VENV)

# Reinstalls only when the dependency list or the pins change.
$(STAMP): $(PY) pyproject.toml constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt setuptools wheel
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt --no-build-isolation -e '.[test]'
	$(PY) -m pip check
	touch $(STAMP)

install: $(STAMP)

# The knowledge base, and the NLU lookup tables generated from it.
kb: install
	$(PY) -m knowledge build
	$(PY) -m knowledge lookups --write data/nlu/lookups_knowledge.yml

train: kb
	$(PY) -m bot.train

run: train
	$(PY) -m bot.run

shell: train
	$(PY) -m bot.run --shell

test: lint train test-python test-data test-stories

# ruff reads its settings and mypy its files from pyproject.toml.
lint: install
	$(VENV)/bin/ruff check
	$(VENV)/bin/ruff format --check
	$(VENV)/bin/mypy

test-python: install
	$(PY) -m pytest

test-data: install
	$(RASA) data validate --fail-on-warnings --data data --domain domain.yml --config config.yml

test-stories: train
	$(PY) -m bot.train --test-stories

eval-nlu: kb
	$(PY) -m bot.train --eval-nlu

fuzz: train
	$(PY) -m bot.fuzz --start --messages 2000

# Speed and memory against bare Rasa (rasa init), in one run; extra options via BENCH_ARGS.
bench: train
	$(PY) -m bot.bench $(BENCH_ARGS)

# After a deliberate upgrade: re-pin everything the venv holds.
constraints: install
	{ sed -n '1,3p' constraints.txt; \
	  $(PY) -m pip list --format=freeze --disable-pip-version-check | grep -iE '^(setuptools|wheel)=='; \
	  $(PY) -m pip freeze --exclude-editable --disable-pip-version-check | sort -f; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

clean:
	rm -rf models results var .pytest_cache
