# The two README commands:  make start   and   make test
# Both create .venv (Python 3.11+) and install the project into it first.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: start test install lint benchmark chromium vendor-js clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

## Build both gemeenten (CBS snapshot + voorbeelddata) and serve on http://127.0.0.1:8050
start: $(STAMP)
	$(BIN)/kernenkaart start

## Full test suite: lint, unit, integration, browser and accessibility tests
test: $(STAMP) chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

## Debian's chromium (browser tests) and nginx (tests/access/test_nginx.py), never downloaded
chromium:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core nginx; \
	  else \
	    echo "Browser and proxy tests need Debian's chromium and nginx: sudo apt-get install chromium nginx"; \
	    [ -x /usr/bin/chromium ] || exit 1; \
	  fi; \
	fi

benchmark: $(STAMP)
	$(BIN)/python -m benchmarks.build
	$(BIN)/python -m benchmarks.dashboard
	$(BIN)/python -m benchmarks.tutorial_baseline
	$(BIN)/python -m benchmarks.first_map_ab

## Rebuild assets/vendor's map scripts from npm (only to update plotly.js or MapLibre)
vendor-js:
	cd jsbuild && npm ci --ignore-scripts --no-audit --no-fund && npm run build

clean:
	rm -rf build test-output .pytest_cache
