# The two commands of this project: `make run` and `make test`. Everything else supports them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

# Development defaults: only used by `make run`; real deployments set their own environment.
DEV_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-1}

# Production-like variables for `check --deploy` (no real secrets: throwaway values).
DEPLOY_ENV := DJANGO_DEBUG=0 \
	DJANGO_SECRET_KEY=deploy-check-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	DJANGO_ALLOWED_HOSTS=clinic.example.org \
	DJANGO_SECURE_SSL_REDIRECT=1 \
	CLINIC_SMS_BACKEND=none \
	CLINIC_ENCRYPTION_KEYS=$$($(BIN)/python -c 'import base64,os;print("k1:"+base64.b64encode(os.urandom(32)).decode())') \
	CLINIC_BLIND_INDEX_KEY=$$($(BIN)/python -c 'import base64,os;print(base64.b64encode(os.urandom(32)).decode())') \
	CLINIC_AUDIT_KEY=$$($(BIN)/python -c 'import base64,os;print(base64.b64encode(os.urandom(32)).decode())')

.PHONY: help
help:
	@echo "make run    set up (venv, install, migrate, demo data) and serve on http://$(HOST):$(PORT)"
	@echo "make test   the same set-up, then every check and the whole test suite"
	@echo "make bench  the benchmarks in bench/"

# Running needs only requirements.txt; the development and test tools come on top for
# `make test` (and lint, typecheck, bench).
RUN_STAMP := $(VENV)/.installed-run

$(RUN_STAMP): requirements.txt
	@test -n "$(PYTHON)" || exit 1
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; assert sys.version_info >= (3, 12), "the .venv is older than Python 3.12: delete it"'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

.PHONY: install-run
install-run: $(RUN_STAMP)

.PHONY: install
install: $(STAMP)

.PHONY: setup
setup: install-run
	$(DEV_ENV) $(MANAGE) migrate --no-input
	$(DEV_ENV) $(MANAGE) createcachetable
	$(DEV_ENV) $(MANAGE) collectstatic --no-input --verbosity 0
	$(DEV_ENV) $(MANAGE) seed_demo_data

.PHONY: run
# Links in emails, share links, the sitemap and feed addresses follow the address served.
RUN_ENV := $(DEV_ENV) CLINIC_BASE_URL=$${CLINIC_BASE_URL:-http://$(HOST):$(PORT)}

run: setup
	@echo "Serving the demo clinic on http://$(HOST):$(PORT) with the task worker (Ctrl-C stops both)."
	@trap 'kill 0' EXIT INT TERM; \
	$(RUN_ENV) $(MANAGE) db_worker --interval 1 --no-reload & \
	$(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)

.PHONY: worker
worker: setup
	$(RUN_ENV) $(MANAGE) db_worker --no-reload

.PHONY: lint
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: typecheck
typecheck: install
	DJANGO_DEBUG=1 $(BIN)/mypy

.PHONY: contracts
contracts: install
	$(BIN)/lint-imports

.PHONY: djangochecks
djangochecks: install
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run
	$(DEPLOY_ENV) $(MANAGE) check --deploy --fail-level WARNING

.PHONY: pytest
# Coverage gate on the modules where a miss hurts most (scoring, access helpers, the audit
# chain, availability, crypto, the contraindication engine and the intake as data, upload
# checks; dosing and metrics join when they arrive), measured over the
# whole suite with Python 3.12's low-overhead monitoring.
GATED := clinic.questionnaires.scoring clinic.patients.access clinic.scheduling.access \
	clinic.enquiries.access clinic.audit.chain clinic.scheduling.availability clinic.core.crypto \
	clinic.intake.screening clinic.intake.questions clinic.core.uploads clinic.treatments.dosing \
	clinic.treatments.vitals clinic.treatments.cadence clinic.treatments.access
COVERAGE_GATE := $(foreach m,$(GATED),--cov=$(m)) --cov-branch \
	--cov-report=term-missing:skip-covered --cov-fail-under=95 --durations=15

pytest: install
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "Chromium found at $(CHROMIUM): browser tests included."; \
		COVERAGE_CORE=sysmon $(BIN)/pytest $(COVERAGE_GATE); \
	else \
		echo "Chromium is not installed ($(CHROMIUM) is missing): browser tests are SKIPPED."; \
		echo "Install it with 'apt-get install chromium' (Debian) to run them."; \
		COVERAGE_CORE=sysmon $(BIN)/pytest -m "not browser" $(COVERAGE_GATE); \
	fi

.PHONY: test
test: setup lint typecheck djangochecks contracts pytest
	@echo "make test: every check passed (database: $${DATABASE_URL:-SQLite})."

.PHONY: bench
bench: install
	$(BIN)/python -m bench

.PHONY: format
format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

.PHONY: clean
clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
