"""The full-text index beside core_searchentry, per database: a GIN index over to_tsvector('russian', …) and a
trigram index of titles on PostgreSQL; an FTS5 table of Snowball stems on SQLite."""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX core_searchentry_fts ON core_searchentry "
    "USING gin (to_tsvector('russian'::regconfig, title || ' ' || body))",
    "CREATE INDEX core_searchentry_title_trgm ON core_searchentry USING gin (lower(title) gin_trgm_ops)",
]
PG_BACKWARD = ["DROP INDEX IF EXISTS core_searchentry_title_trgm", "DROP INDEX IF EXISTS core_searchentry_fts"]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE core_searchentry_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')"
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS core_searchentry_fts"]


def forward(apps, schema_editor):
    statements = {"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = {"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_search_entry")]

    operations = [migrations.RunPython(forward, backward)]
