# Signpost: `make run` starts everything, `make test` runs the whole suite.
# Each step leaves a stamp so a second run redoes nothing that is finished.
SHELL := /bin/bash
PYTHON_SYSTEM ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
LOCK_HASH := $(shell sha256sum requirements.lock | cut -c1-12)
INSTALLED := $(VENV)/.installed-$(LOCK_HASH)
export RASA_TELEMETRY_ENABLED := false
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: install setup train run test lint bench clean

install: $(INSTALLED)

$(INSTALLED): requirements.lock
	test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check pip==24.2
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --ignore-requires-python -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

setup: install
	$(PY) -m directory setup

train: setup
	$(PY) -m scripts.train_if_changed

run: train
	$(PY) -m scripts.run_all

# The live tests run twice: against the embedded stack, then against the production shape
# (PostgreSQL, Redis, two Rasa replicas behind the balancer; tests/production_fixtures.py).
# tests/production runs only in the second pass, so the production stack starts once.
LIVE_TESTS := tests/conversation/test_rest_conversations.py tests/handoff/test_live_round_trip.py \
	tests/browser/test_webchat_live.py tests/fuzz/test_rest_fuzz.py tests/privacy/test_live_privacy.py

test: train
	bash scripts/install_test_system_deps.sh
	$(PY) -m ruff check .
	$(PY) -m pytest --ignore=tests/production
	SIGNPOST_TEST_STACK=production $(PY) -m pytest tests/production $(LIVE_TESTS)

lint: install
	$(PY) -m ruff check .

bench: train
	$(PY) -m bench.bench_search
	$(PY) -m bench.bench_chat
	$(PY) -m bench.eval_nlu
	$(PY) -m bench.lock_race

clean:
	rm -rf models var results .pytest_cache
