# DIPPS — two commands: `make demo` and `make test`; `make serve` for a small installation.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# `make test` is the fast profile: it leaves out the tests marked slow (property tests, PDF
# rendering, demo loads, subprocesses) and the browser tests. `make test FULL=1` runs every
# test but the browser ones (`make browser-test`), as CI does.
FULL ?=
TEST_PROFILE := $(if $(filter 1 yes true,$(FULL)),,-m "not slow and not browser")

.PHONY: demo serve test lint format browser-test bench messages compilemessages clean install install-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

compilemessages: $(VENV)/.installed
	cd src/dipps && ../../$(BIN)/dipps compilemessages --ignore '.venv' -v 0

# The demo runs with DEBUG off, as production does: visitors see DIPPS's own
# error pages, never Django's debug pages, and WhiteNoise serves the static files
# collected into var/static. DIPPS_DEMO=1 keeps it on plain HTTP for this machine
# only; its secret key is made once per clone in var/demo-secret-key.
DEMO_ENV = DEBUG=0 DIPPS_DEMO=1 SECRET_KEY="$$(cat var/demo-secret-key)"

var/demo-secret-key: | $(BIN)/python
	mkdir -p var
	$(BIN)/python -c 'import secrets; print("demo-only-" + secrets.token_urlsafe(50))' > $@

# What `make demo` and `make serve` both do before serving, run with the environment $(1):
# bring the database's tables up to date and gather the static files for WhiteNoise.
define prepare
	$(1) $(BIN)/dipps migrate --no-input -v 0
	$(1) $(BIN)/dipps collectstatic --no-input -v 0
endef

# Run the server command $(2) in the foreground with `dipps worker` (the background jobs)
# beside it, in the environment $(1). One Ctrl-C stops both; when the server stops for any
# other reason, the worker is stopped too (it finishes the job it is running, if any).
define with_worker
	$(1) sh -c '$(BIN)/dipps worker -v 0 & worker=$$!; \
	  trap "kill $$worker 2>/dev/null; wait $$worker" EXIT INT TERM; $(2)'
endef

demo: install compilemessages var/demo-secret-key
	$(call prepare,$(DEMO_ENV))
	$(DEMO_ENV) $(BIN)/dipps demo-data
	@echo ""
	@echo "DIPPS is served at http://$(HOST):$(PORT)/, the worker runs its jobs  (stop with Ctrl-C)"
	@echo ""
	$(call with_worker,$(DEMO_ENV),$(BIN)/dipps runserver $(HOST):$(PORT))

# `make serve`: the production server (gunicorn, settings in src/dipps/gunicorn_conf.py) on
# whatever database DATABASE_URL names, by default var/dipps.sqlite3 (the demo's, if
# `make demo` made it; otherwise a new, empty one). It loads no demo data. DEBUG is off
# and, unless DIPPS_DEMO=1, HTTPS is expected from a proxy in front (docs/operations.md).
# SECRET_KEY comes from the environment, or else from var/secret-key, made once.
SERVE_ENV = DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret-key)}"

var/secret-key: | $(BIN)/python
	mkdir -p var
	(umask 077 && $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $@)

serve: install compilemessages var/secret-key
	$(call prepare,$(SERVE_ENV))
	@echo ""
	@echo "DIPPS (gunicorn) listens on $(HOST):$(PORT), the worker runs its jobs  (stop with Ctrl-C)"
	@echo ""
	$(call with_worker,$(SERVE_ENV),$(BIN)/gunicorn -c python:dipps.gunicorn_conf --bind $(HOST):$(PORT))

test: install-dev compilemessages
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest $(TEST_PROFILE) $(PYTEST_ARGS)

browser-test: install-dev compilemessages
	$(BIN)/python -m pytest -m browser -p no:cacheprovider $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check src tests bench

format: install-dev
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

messages: install
	for app in src/dipps/*/; do \
	  (cd $$app && mkdir -p locale && ../../../$(BIN)/dipps makemessages -l sv --no-obsolete -v 0); \
	done

# Full size by default, as the issues specify (this takes a long while);
# `make bench BENCH_SCALE=0.05` for a quick look. Set DATABASE_URL for PostgreSQL.
BENCH_SCALE ?= 1
SCALED_BENCHES := sie_bench engagements_bench maturity_bench finance_bench impact_bench

bench: install-dev
	@for f in bench/*_bench.py; do \
	  name=$$(basename $$f .py); args=""; \
	  case " $(SCALED_BENCHES) " in *" $$name "*) args="--scale $(BENCH_SCALE)";; esac; \
	  echo "== $$f $$args"; $(BIN)/python $$f $$args || exit 1; \
	done

clean:
	rm -rf var .pytest_cache .ruff_cache
