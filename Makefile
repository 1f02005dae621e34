# innoinfra: `make run` serves the demo on SQLite, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VENDOR := static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run` is the local demo: debug mode, SQLite unless DATABASE_URL says otherwise. Links in documents and
# e-mails (also those the background worker makes) carry the address served unless SITE_URL says otherwise; on
# 0.0.0.0 (all interfaces) the address is the one each visitor used, which the server remembers for the worker.
SERVED_URL := $(if $(filter 0.0.0.0 ::,$(HOST)),,http://$(HOST):$(PORT))
RUN_ENV := DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-$(SERVED_URL)}

.PHONY: run test setup assets migrate demo lint bench clean

setup: $(STAMP) assets

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.package-lock.json

# Only the files the pages use are copied: the vendor folder stays small and is never committed. `cp -u` leaves a
# file alone unless its source is newer: a second `make test` beside a running one rewrites nothing its pages read.
assets: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/bootstrap $(VENDOR)/bootstrap-icons $(VENDOR)/htmx $(VENDOR)/chartjs $(VENDOR)/leaflet $(VENDOR)/tom-select
	cp -u node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js $(VENDOR)/bootstrap/
	cp -ru node_modules/bootstrap-icons/font/bootstrap-icons.min.css node_modules/bootstrap-icons/font/fonts $(VENDOR)/bootstrap-icons/
	cp -u node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp -u node_modules/chart.js/dist/chart.umd.min.js $(VENDOR)/chartjs/
	cp -ru node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images $(VENDOR)/leaflet/
	cp -u node_modules/tom-select/dist/js/tom-select.complete.min.js node_modules/tom-select/dist/css/tom-select.bootstrap5.min.css $(VENDOR)/tom-select/

migrate: setup
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(RUN_ENV) $(BIN)/python manage.py loaddemo

# The background worker (certificate batches) runs beside the server and stops with it.
run: demo
	export TASKS_BACKEND=django_tasks_db.DatabaseBackend; \
	$(RUN_ENV) $(BIN)/python manage.py db_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: setup
	$(BIN)/ruff check .

test: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR) db.sqlite3
