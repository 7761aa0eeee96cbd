# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format screenshots bench build lock clean windows windows-check

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen MPLBACKEND=Agg $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) build dist .pytest_cache

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py

# The executables (PyInstaller, build.spec) in dist/; see docs/building.md. They are built
# in a virtual environment of their own holding exactly requirements/lock.txt, every file
# checked against its hash.
BUILD_VENV := build/venv
BUILD_PY := $(BUILD_VENV)/bin/python
BUILD_STAMP := $(BUILD_VENV)/.installed

# Made again only when the lock changes (.venv just has to exist, for tools/lock.py).
$(BUILD_STAMP): requirements/lock.txt | $(STAMP)
	rm -rf $(BUILD_VENV)
	$(PY) -m venv $(BUILD_VENV)
	$(BUILD_PY) -m pip install --quiet --require-hashes -r requirements/lock.txt
	$(BUILD_PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(BUILD_STAMP)

build: $(BUILD_STAMP)
	$(PY) tools/lock.py check
	$(BUILD_PY) -m PyInstaller --noconfirm --clean --log-level WARN \
	  --distpath dist --workpath build/pyinstaller build.spec
	@ls -l dist/

# requirements/lock.txt again from pyproject.toml (after changing a pin there): uv's
# universal resolution, one file for Linux and Windows with the hashes of every wheel;
# the versions already in the lock are kept where pyproject.toml allows them.
UV_VERSION := 0.13.8
lock: $(STAMP)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra build --universal \
	  --python-version 3.11 --generate-hashes --no-emit-package dk-desktop \
	  -o requirements/lock.txt
	$(PY) tools/lock.py check

# The Windows .exe, built on Linux by the Windows CPython under Wine, and tested there:
# dist/windows/DoanKetNghiQuyet.exe; tools/windows/, docs/building.md.
windows: $(STAMP)
	bash tools/windows/build.sh

windows-check: $(STAMP)
	bash tools/windows/check.sh

# Benchmarks (not tests): start-up, size, memory, growth; see docs/benchmarks.md.
bench: build
	$(PY) bench/run_all.py $(BENCH_ARGS)

# Qt's own words (buttons, right-click menus, file and print dialogs) in Vietnamese: Qt
# ships none. Recompile the committed .qm after editing the .ts; see docs/translations.md.
.PHONY: translations
translations: $(STAMP)
	$(VENV)/bin/pyside6-lrelease resources/translations/qtbase_vi.ts \
	  -qm resources/translations/qtbase_vi.qm
