# One target per job; CI runs the same commands.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BEACON := $(VENV)/bin/beacon
PORT ?= 8000
export PORT
# Every target here is for development: debug on (Beacon's default is off), which also
# lets `beacon` generate the checkout's secret key into var/. Production sets neither.
BEACON_DEBUG ?= 1
export BEACON_DEBUG

.PHONY: install run test test-at lint messages bench

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]' 2>&1 | { grep -v '^WARNING: Location' || true; }
	touch $@

install: $(VENV)/.installed

# Create, install, migrate, load Massachusetts data and the demo campaigns, then start the
# web server, a task worker, the periodic jobs and a local mail server. Safe to run again.
run: install
	$(BEACON) migrate --noinput
	$(BEACON) load_demo
	$(BEACON) run_stack --port $(PORT)

# The whole suite: migrations up to date, checked while the tests run (it is a second of
# imports the tests need not wait for; with a key of its own, so that it cannot race the
# tests to create var/secret_key), and every test including browser journeys.
# PYTEST_JOBS worker processes (pytest-xdist; CI has two cores), each with its own test
# database, SMTP server and browser. Tests are handed out one by one (the bad-input sweep
# alone is a third of the suite); modules marked xdist_group stay on one worker so that
# their module-scoped fixtures are built once.
# PYTEST_JOBS=0 runs in this process, for pdb. docs/testing.md says why.
PYTEST_JOBS ?= 2
XDIST = -n $(PYTEST_JOBS) --dist loadgroup
test: install
	@checked=$$(mktemp); \
	BEACON_SECRET_KEY=reads-models-only $(BEACON) makemigrations --check --dry-run \
	  >"$$checked" 2>&1 & checking=$$!; \
	$(PY) -m pytest -p no:cacheprovider $(XDIST) $(PYTEST_ARGS); tests=$$?; \
	wait $$checking; migrations=$$?; cat "$$checked"; rm -f "$$checked"; \
	test $$migrations -eq 0 || echo "make test: models changed without a migration" >&2; \
	test $$tests -eq 0 -a $$migrations -eq 0

# The suite with every process's clock moved to DATE (libfaketime, an offset from now so
# that all processes agree): no test may pass today and fail next month because of the
# calendar alone. `make test-at DATE=2027-01-10 PYTEST_ARGS=tests/officials`. The
# run_stack tests are left out: libfaketime breaks their socket polling, and they read
# no dates.
test-at: install
	@test -n "$(DATE)" || { echo "usage: make test-at DATE=YYYY-MM-DD [PYTEST_ARGS=...]"; exit 2; }
	faketime -f "+$$(( $$(date -d '$(DATE) 15:00' +%s) - $$(date +%s) ))" \
	  $(PY) -m pytest -p no:cacheprovider $(XDIST) --deselect tests/core/test_run_stack.py $(PYTEST_ARGS)

# django-stubs loads the settings to type-check: mypy gets a placeholder key.
lint: install
	$(VENV)/bin/ruff check beacon tests bench
	$(VENV)/bin/ruff format --check beacon tests bench
	$(VENV)/bin/lint-imports --no-cache
	BEACON_SECRET_KEY=mypy-reads-settings-only $(VENV)/bin/mypy

# Extract and compile translation catalogues (needs GNU gettext). The languages are named
# rather than --all so that a new catalogue is created when a language is added here.
LOCALES := -l es -l pt -l ht -l zh_Hans -l vi
messages: install
	cd beacon && ../$(BEACON) makemessages $(LOCALES) --no-obsolete --ignore 'static/*'
	cd beacon && ../$(BEACON) makemessages -d djangojs $(LOCALES) --no-obsolete --ignore 'templates/*'
	cd beacon && ../$(BEACON) compilemessages

bench: install
	$(PY) bench/intake.py
	$(PY) bench/delivery.py
	$(PY) bench/lookup.py
