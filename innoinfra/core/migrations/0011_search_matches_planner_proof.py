"""A search that does not depend on VACUUM or ANALYZE (PostgreSQL only; SQLite's FTS5 has no planner to mislead).

Right after a bulk load, with autovacuum off (as on some managed servers), the planner knew nothing of the stored
tsvectors: it guessed one match for a query of four lexemes, priced the GIN index by its never-vacuumed metapage
and read the whole table instead, un-TOASTing every vector (≈300 ms for 22 000 entries, ~100 s when the catalogue
then repeated it per practice). Two things make the search independent of statistics:

- the GIN indexes stop buffering new entries in a pending list (`fastupdate = off`): only VACUUM merges that list,
  and until it does every search reads it through (20 ms for a region's worth of entries);
- the matching is one SQL function, `core_search_matches`, planned with sequential scans priced out, so it always
  walks the GIN index; a function with a SET clause is never inlined, so the query around it sees a fixed estimate
  (ROWS) instead of a guess from missing statistics, and the matching runs once per statement. Whether the title
  has every word is asked of the title's GIN index too (a hashed set of ids): the title vectors live in TOAST, and
  reading them for every match cost more than the whole search."""

from django.db import migrations

PG_FORWARD = [
    "ALTER INDEX core_searchentry_document SET (fastupdate = off)",
    "ALTER INDEX core_searchentry_title_document SET (fastupdate = off)",
    # whatever is already pending is merged now: switching fastupdate off does not flush it
    "SELECT gin_clean_pending_list('core_searchentry_document'::regclass)",
    "SELECT gin_clean_pending_list('core_searchentry_title_document'::regclass)",
    """
    CREATE OR REPLACE FUNCTION core_search_matches(query tsquery, words tsquery)
    RETURNS TABLE (id bigint, kind varchar, object_id bigint, in_title boolean)
    LANGUAGE sql STABLE ROWS 1000
    SET enable_seqscan = off
    AS $$
        SELECT e.id, e.kind, e.object_id, e.id IN (
            SELECT t.id FROM core_searchentry t WHERE t.title_document @@ words
        )
        FROM core_searchentry e
        WHERE e.document @@ query
    $$
    """,
]
PG_BACKWARD = [
    "DROP FUNCTION IF EXISTS core_search_matches(tsquery, tsquery)",
    "ALTER INDEX core_searchentry_title_document RESET (fastupdate)",
    "ALTER INDEX core_searchentry_document RESET (fastupdate)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0010_merge_issue15_idem")]

    operations = [migrations.RunPython(forward, backward)]
