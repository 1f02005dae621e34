"""The freshest matches of one kind from an index of that kind (PostgreSQL; SQLite walks FTS5's rowids already).

Over the cap (`fulltext.COUNT_CAP`) `core_search_page` (migration 0013) lists the freshest matches by walking entries
newest first and testing each. With a kind asked for (the data bank's search, a tab of the search page) that walk
went along the primary key, past every newer entry of the other kinds: at ten times the region the 20 000 newest
entries are normative documents, and a page of practices tested all of them first. The index (kind, is_public, id) —
replacing (kind, is_public), whose uses it still serves — gives the walk only the public entries of that kind, newest
first, so a page costs the few dozen entries it tests, whatever the table holds. `core_search_page` takes the kind
beside the tsquery (which keeps its «kind:…» lexeme, so that the capped count is still answered by the GIN index)."""

import importlib

from django.db import migrations, models

PG_FORWARD = [
    "DROP FUNCTION IF EXISTS core_search_page(tsquery, tsquery, integer, integer, integer)",
    # ORDER BY names the whole index: ordered by id alone, the generic plan of the function may prefer the primary
    # key walked backwards, whose filter it prices as if the kind were spread evenly over the table
    """
    CREATE OR REPLACE FUNCTION core_search_recent_of_kind(query tsquery, kind_of text, lim integer, skip integer)
    RETURNS TABLE (id bigint)
    LANGUAGE sql STABLE ROWS 20
    SET enable_seqscan = off SET enable_bitmapscan = off
    AS $$
        SELECT e.id FROM core_searchentry e
        WHERE e.kind = kind_of AND e.is_public AND e.document @@ query
        ORDER BY e.kind DESC, e.is_public DESC, e.id DESC LIMIT lim OFFSET skip
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION core_search_page(
        query tsquery, words tsquery, kind_of text, cap integer, lim integer, skip integer
    )
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
        ELSIF kind_of IS NULL THEN
            RETURN QUERY SELECT r.id, false, matched FROM core_search_recent(query, lim, skip) r;
        ELSE
            RETURN QUERY SELECT r.id, false, matched FROM core_search_recent_of_kind(query, kind_of, lim, skip) r;
        END IF;
    END
    $$
    """,
]
PG_BACKWARD = [
    "DROP FUNCTION IF EXISTS core_search_page(tsquery, tsquery, text, integer, integer, integer)",
    "DROP FUNCTION IF EXISTS core_search_recent_of_kind(tsquery, text, integer, integer)",
]


def _capped_0013() -> list[str]:
    """The functions as migration 0013 made them, to go back to."""
    return importlib.import_module("innoinfra.core.migrations.0013_search_capped").PG_FORWARD


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in [*PG_BACKWARD, *_capped_0013()]:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0014_jobs_heartbeat")]

    operations = [
        migrations.RemoveIndex(model_name="searchentry", name="core_search_kind_8dd0fe_idx"),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["kind", "is_public", "id"], name="search_entry_kind_fresh"),
        ),
        migrations.RunPython(forward, backward),
    ]
