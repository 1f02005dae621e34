"""Searching without recomputing: PostgreSQL keeps the tsvectors of each entry (whole text with its kind and
visibility, and title alone) in stored columns with GIN indexes, so that ranking title matches first reads them
instead of parsing every matched title again; SQLite's FTS5 table gains a `scope` column of tokens (the kind, «public»), so that counting the matches of one
kind is answered by the full-text index alone. The FTS table is rebuilt from the entries."""

from django.db import migrations

PG_FORWARD = [
    "DROP INDEX IF EXISTS core_searchentry_fts",
    # long bodies and vectors go to the TOAST table: the rows a search visits stay a few hundred bytes wide
    "ALTER TABLE core_searchentry SET (toast_tuple_target = 256)",
    # the kind and the visibility ride along as lexemes no text can produce («kind:legal», «is:public»), so that
    # the GIN index alone decides what matches
    "ALTER TABLE core_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    "to_tsvector('russian'::regconfig, title || ' ' || body) || array_to_tsvector(CASE WHEN is_public "
    "THEN ARRAY['kind:' || kind::text, 'is:public'] ELSE ARRAY['kind:' || kind::text] END)) STORED",
    "ALTER TABLE core_searchentry ADD COLUMN title_document tsvector "
    "GENERATED ALWAYS AS (to_tsvector('russian'::regconfig, title)) STORED",
    "CREATE INDEX core_searchentry_document ON core_searchentry USING gin (document)",
    "CREATE INDEX core_searchentry_title_document ON core_searchentry USING gin (title_document)",
    # without statistics of the new columns the planner guesses a handful of matches and joins them row by row
    "ANALYZE core_searchentry",
]
PG_BACKWARD = [
    "ALTER TABLE core_searchentry RESET (toast_tuple_target)",
    "ALTER TABLE core_searchentry DROP COLUMN IF EXISTS title_document",
    "ALTER TABLE core_searchentry DROP COLUMN IF EXISTS document",
    "CREATE INDEX core_searchentry_fts ON core_searchentry "
    "USING gin (to_tsvector('russian'::regconfig, title || ' ' || body))",
]


def _refill_sqlite(schema_editor, *, scoped: bool) -> None:
    from innoinfra.core.search import normalize, stem

    def stems(text):
        return " ".join(stem(word) for word in normalize(text).split())

    columns = "title, body, scope" if scoped else "title, body"
    cursor = schema_editor.connection.cursor()
    cursor.execute("DROP TABLE IF EXISTS core_searchentry_fts")
    cursor.execute(
        f"CREATE VIRTUAL TABLE core_searchentry_fts USING fts5({columns}, tokenize = 'unicode61 remove_diacritics 0')"
    )
    cursor.execute("SELECT id, kind, is_public, title, body FROM core_searchentry")
    rows = [
        (pk, stems(title), stems(body), *([scope_tokens(kind, public)] if scoped else []))
        for pk, kind, public, title, body in cursor.fetchall()
    ]
    marks = ", ".join(["%s"] * (4 if scoped else 3))
    cursor.executemany(f"INSERT INTO core_searchentry_fts(rowid, {columns}) VALUES ({marks})", rows)


def scope_tokens(kind: str, is_public) -> str:
    # kinds are ASCII words ("legal", "practice"); the prefix keeps them apart from any stem of the text
    return f"k{kind}" + (" public" if is_public else "")


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in PG_FORWARD:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        _refill_sqlite(schema_editor, scoped=True)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in PG_BACKWARD:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        _refill_sqlite(schema_editor, scoped=False)


class Migration(migrations.Migration):
    dependencies = [("core", "0006_installationsettings_comments_premoderated")]

    operations = [migrations.RunPython(forward, backward)]
