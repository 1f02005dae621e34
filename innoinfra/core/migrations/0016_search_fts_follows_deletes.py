"""SQLite: an entry's FTS5 row goes with the entry, whatever deletes it.

The FTS5 table (migration 0005) holds stems computed in Python, so its rows are written by `fulltext._write`; they
were deleted the same way, by `fulltext._delete`. A delete that bypassed it — `manage.py flush`, which a transactional
test runs after each test, a raw `DELETE`, a cascade — left rows whose entry was gone, and a search counted from the
FTS5 table alone («Найдено практик: 57» for one practice) counted them. A trigger deletes the row with its entry;
the rows already orphaned are deleted once here. PostgreSQL indexes the entry's own row and needs nothing."""

from django.db import migrations

SQLITE_FORWARD = [
    "DELETE FROM core_searchentry_fts WHERE rowid NOT IN (SELECT id FROM core_searchentry)",
    "CREATE TRIGGER core_searchentry_fts_delete AFTER DELETE ON core_searchentry "
    "BEGIN DELETE FROM core_searchentry_fts WHERE rowid = old.id; END",
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS core_searchentry_fts_delete"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0015_search_kind_fresh")]

    operations = [migrations.RunPython(forward, backward)]
