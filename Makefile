# Muster: `make run` opens the app, `make test` runs the whole suite headless.
# Both create the virtual environment and install everything on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
QM_FILES := $(patsubst %.ts,%.qm,$(wildcard resources/translations/*.ts))

.PHONY: run test lint format bench translations translations-update clean

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

# Compiled translations are build output, never edited by hand.
resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM_FILES)

# Refresh the .ts sources from app/ui (keeps existing translations, drops vanished strings).
translations-update: $(STAMP)
	$(BIN)/python tools/update_translations.py --list

run: $(STAMP) translations
	$(BIN)/python -m app $(ARGS)

test: $(TEST_STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(TEST_STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks $(ARGS)

# Refresh the README's screenshot from the real window with the demo data.
screenshots: $(TEST_STAMP) translations
	MUSTER_UPDATE_DOCS=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/test_ui_main.py -k list_shows

clean:
	rm -rf $(VENV) build *.egg-info resources/translations/*.qm
