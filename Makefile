# `make demo` and `make test` work from a fresh clone: each sets up .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

JS_STAMP := tests/js/node_modules/.installed

.PHONY: venv js demo test test-fast lint types unit unit-fast bench soak clean mutation

venv: $(STAMP)

# The AWS SDK for JavaScript v3, for tests/test_js_sdk.py (Node.js comes with the machine).
js: $(JS_STAMP)

$(JS_STAMP): tests/js/package-lock.json
	npm ci --prefix tests/js --no-audit --no-fund --loglevel=error
	touch $(JS_STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check pytest_pinpoint tests examples benchmarks tools
	$(BIN)/ruff format --check pytest_pinpoint tests examples benchmarks tools
	$(BIN)/lint-imports

types: $(STAMP)
	$(BIN)/mypy --strict pytest_pinpoint

# pytest exits 5 when it collected nothing: that is a failure here, never a pass.
PYTEST = $(BIN)/python -m pytest -W error -q
define pytest_or_fail
	$(PYTEST) $(1); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi; exit $$rc
endef

# `slow` tests (throughput runs of thousands of generated examples) run in CI (.ci/run sets
# CI=true) and with `make test SLOW=1`; a contributor's `make test` skips them.
SLOW_MARK := $(if $(or $(filter true,$(CI)),$(SLOW)),,-m "not slow")

unit: $(STAMP) $(JS_STAMP)
	$(call pytest_or_fail,$(SLOW_MARK))

# For contributors: skips tests marked `slow` (or set PYTEST_ADDOPTS='-m "not slow"').
unit-fast: $(STAMP) $(JS_STAMP)
	$(call pytest_or_fail,-m "not slow")

test: lint types unit

test-fast: lint types unit-fast

demo: $(STAMP)
	$(BIN)/python examples/demo.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Mutation testing of contract/ against the contract tests (issue 26): mutmut for the code inside
# functions (config: [tool.mutmut] in pyproject.toml), tools/mutate_constants.py for the
# module-level limits and vocabularies mutmut leaves alone. Prints each score and the survivors.
mutation: $(STAMP)
	$(BIN)/python -m pip install --quiet 'mutmut>=3.8'
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2 > /dev/null
	$(BIN)/python tools/mutation_scores.py
	$(BIN)/python tools/mutate_constants.py

soak: $(STAMP)
	$(BIN)/python tests/reliability/soak.py

clean:
	rm -rf $(VENV) tests/js/node_modules .mypy_cache .ruff_cache .pytest_cache .hypothesis
