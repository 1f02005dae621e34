"""A search whose work per request is bounded however many entries match (PostgreSQL only; SQLite's FTS5 answers the
same questions with LIMIT on its own index, see core.fulltext).

At ten times the region a broad two-word query matches ~125 000 entries, and ranking them all (ORDER BY over every
match) and counting them all (count(*) OVER ()) grew with the data. As large search engines do, the count is exact
only up to a cap (`fulltext.COUNT_CAP`, 10 000) and beyond it the page says «более 10 000»:

- `core_search_page` counts the matches with LIMIT cap + 1 (the GIN bitmap, then at most cap + 1 heap rows); under
  the cap it ranks them exactly (every title word first, then the freshest), as before; over the cap it gives the
  freshest matches by walking the primary key backwards and testing each entry (`core_search_recent`: a broad query
  matches every few entries, so a page is a few dozen rows, whatever the size of the table);
- `core_search_counts` counts each kind for the tabs of the search page, each up to the cap;
- `core_search_recent_ids` gives the catalogue the object ids of at most cap of the freshest matches.

Each runs with sequential scans priced out, as `core_search_matches` (migration 0011), so no statistics or their
absence can turn them into a table scan."""

from django.db import migrations

PG_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION core_search_recent(query tsquery, lim integer, skip integer)
    RETURNS TABLE (id bigint)
    LANGUAGE sql STABLE ROWS 20
    SET enable_seqscan = off SET enable_bitmapscan = off
    AS $$
        SELECT e.id FROM core_searchentry e WHERE e.document @@ query ORDER BY e.id DESC LIMIT lim OFFSET skip
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION core_search_page(query tsquery, words tsquery, cap integer, lim integer, skip integer)
    RETURNS TABLE (id bigint, in_title boolean, total bigint)
    LANGUAGE plpgsql STABLE ROWS 20
    SET enable_seqscan = off
    AS $$
    DECLARE
        matched bigint;
    BEGIN
        SELECT count(*) INTO matched FROM (
            SELECT 1 FROM core_searchentry e WHERE e.document @@ query LIMIT cap + 1
        ) capped;
        IF matched <= cap THEN
            RETURN QUERY
                SELECT m.id, m.in_title, matched FROM (
                    SELECT e.id, e.id IN (
                        SELECT t.id FROM core_searchentry t WHERE t.title_document @@ words
                    ) AS in_title
                    FROM core_searchentry e WHERE e.document @@ query
                ) m
                ORDER BY m.in_title DESC, m.id DESC LIMIT lim OFFSET skip;
        ELSE
            RETURN QUERY SELECT r.id, false, matched FROM core_search_recent(query, lim, skip) r;
        END IF;
    END
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION core_search_counts(query tsquery, kinds text[], cap integer)
    RETURNS TABLE (kind text, found bigint)
    LANGUAGE sql STABLE ROWS 10
    SET enable_seqscan = off
    AS $$
        SELECT k, (
            SELECT count(*) FROM (
                SELECT 1 FROM core_searchentry e
                WHERE e.document @@ (query && quote_literal('kind:' || k)::tsquery) LIMIT cap + 1
            ) capped
        )
        FROM unnest(kinds) k
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION core_search_recent_ids(query tsquery, cap integer)
    RETURNS TABLE (object_id bigint)
    LANGUAGE sql STABLE ROWS 1000
    SET enable_seqscan = off SET enable_indexscan = off
    AS $$
        SELECT e.object_id FROM core_searchentry e WHERE e.document @@ query ORDER BY e.id DESC LIMIT cap
    $$
    """,
]
PG_BACKWARD = [
    "DROP FUNCTION IF EXISTS core_search_recent_ids(tsquery, integer)",
    "DROP FUNCTION IF EXISTS core_search_counts(tsquery, text[], integer)",
    "DROP FUNCTION IF EXISTS core_search_page(tsquery, tsquery, integer, integer, integer)",
    "DROP FUNCTION IF EXISTS core_search_recent(tsquery, integer, integer)",
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
    dependencies = [("core", "0012_export_job")]

    operations = [migrations.RunPython(forward, backward)]
