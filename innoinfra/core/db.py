"""Planner statistics after bulk loads.

A table filled by bulk_create (the synthetic region, the demo, an import of thousands of rows) keeps the
statistics it had when it was empty until autovacuum comes round, which on a busy server can be many minutes; in
that window PostgreSQL plans every query as if the table held a handful of rows and picks nested loops over
hundreds of thousands. So whoever loads many rows refreshes the statistics of what it loaded, once, at the end.

VACUUM cannot run inside a transaction block: outside one `analyze` runs `VACUUM ANALYZE` (the visibility map
lets index-only scans skip the heap, which COUNTs on fresh tables need), inside one it falls back to a plain
`ANALYZE`, which PostgreSQL allows there. SQLite has no VACUUM per table; its `ANALYZE` fills sqlite_stat1.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Model

# Below this many rows autovacuum catches up soon enough and a VACUUM per request would cost more than it saves.
BULK_ROWS = 500


def tables_of(models: Iterable[type[Model]]) -> list[str]:
    """The tables of `models` and of their automatic many-to-many tables, each once, in a stable order."""
    tables: set[str] = set()
    for model in models:
        if model._meta.proxy or not model._meta.managed:
            continue
        tables.add(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                tables.add(through._meta.db_table)
    return sorted(tables)


def models_of(*app_labels: str) -> list[type[Model]]:
    return [model for label in app_labels for model in apps.get_app_config(label).get_models()]


def analyze(models: Iterable[type[Model]], *, using: str = DEFAULT_DB_ALIAS) -> str:
    """Refresh the planner statistics of `models`' tables; returns the statement used ("VACUUM ANALYZE" or
    "ANALYZE") so that callers and tests can tell which one ran."""
    connection = connections[using]
    tables = tables_of(models)
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    statement = "VACUUM ANALYZE" if vacuum else "ANALYZE"
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"{statement} {connection.ops.quote_name(table)}")
    return statement


def analyze_after_bulk(models: Iterable[type[Model]], rows: int, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """For services that load rows inside their transaction: once it commits (outside it, so VACUUM can run),
    refresh the statistics if the load was big enough to matter."""
    if rows < BULK_ROWS:
        return
    models = list(models)
    transaction.on_commit(lambda: analyze(models, using=using), using=using)
