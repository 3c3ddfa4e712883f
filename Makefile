# Muster: `make run` opens the app, `make test` runs the whole suite headless.
# Both create the virtual environment and install everything on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
DIST_STAMP := $(VENV)/.installed-dist
QM_FILES := $(patsubst %.ts,%.qm,$(wildcard resources/translations/*.ts))

.PHONY: run test lint format bench translations translations-update clean dist test-package

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m compileall -q app migrations
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(DIST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	touch $@

# Compiled translations are build output, never edited by hand.
resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM_FILES)

# Refresh the .ts sources from app/ui (keeps existing translations, drops vanished strings).
translations-update: $(STAMP)
	$(BIN)/python tools/update_translations.py --list

# The check says which system libraries Qt lacks (with the apt-get line) or that there is
# no display, before Qt would abort with a message nobody understands.
run: $(STAMP) translations
	@$(BIN)/python -m app.system_check $(ARGS)
	$(BIN)/python -m app $(ARGS)

# One test process per core (at most 4), whole files per process: the suite is mostly
# real processes, real files and real widgets, and two cores halve its time.
# A test that hangs is stopped by pytest-timeout, which ends its worker; xdist must not
# replace that worker (its loadfile scheduler can then wait forever, pytest-xdist #784),
# so the run ends at once, red, with the traceback of every thread.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)

test: $(TEST_STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile \
		--max-worker-restart=0 $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The Linux package: dist/Muster-<version>-linux-<arch>.tar.gz (PyInstaller; a few
# minutes on 2 cores, so niced). See packaging/ and the README's Install section.
dist: $(DIST_STAMP) translations
	@$(BIN)/python -m app.system_check --build
	nice -n 10 $(BIN)/python packaging/build.py

# Builds the package, runs it under Xvfb and its command line (not part of make test).
test-package: $(DIST_STAMP) $(TEST_STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m package tests/test_package.py $(PYTEST_ARGS)

bench: $(TEST_STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks $(ARGS)

# Refresh the README's screenshot from the real window with the demo data.
screenshots: $(TEST_STAMP) translations
	MUSTER_UPDATE_DOCS=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/test_ui_main.py -k list_shows

clean:
	rm -rf $(VENV) build dist *.egg-info resources/translations/*.qm
