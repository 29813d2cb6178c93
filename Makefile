# `make demo` and `make test` work from a fresh clone: each sets up .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: venv demo test lint types unit bench soak clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check pytest_pinpoint tests examples benchmarks
	$(BIN)/ruff format --check pytest_pinpoint tests examples benchmarks

types: $(STAMP)
	$(BIN)/mypy --strict pytest_pinpoint

# pytest exits 5 when it collected nothing: that is a failure here, never a pass.
unit: $(STAMP)
	$(BIN)/python -m pytest -W error -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi; exit $$rc

test: lint types unit

demo: $(STAMP)
	$(BIN)/python examples/demo.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

soak: $(STAMP)
	$(BIN)/python tests/reliability/soak.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
