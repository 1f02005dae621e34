"""The catalogue's total («Найдено практик: N», counted up to CappedPaginator's cap) read every matching practice from
the table: at ten regions «вид + уровень» matches 35 000 published practices, and counting up to the cap was a scan
of the table (234 ms of SQL; 56–68 ms already at one region), growing with the bank. A partial covering index of the
published originals, keyed by kind and stage of the cycle and holding the other columns the catalogue filters a
practice by (queries.filter_practices: levels, territory, organization, date, rating), makes that count an index-only
scan of a range of the index that never touches the table (2.6 ms at ten regions).

Not in it: the subjects (a substring test of `UPPER(subjects)` on each entry cost more than the trigram index of
0012 with its table reads: 219 ms against 152 at ten regions) and the ids a search hands over (ten thousand probes
of an id index cost as much as the scan the planner prefers). The page itself keeps walking the index of its order
(0011, 0013) and stops after twenty rows. PostgreSQL only: SQLite has no INCLUDE, and its counts at a school's
scale need none."""

from django.db import migrations

NAME = "practice_count_by_kind_idx"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON practices_practice (kind, cycle_stage) "
            "INCLUDE (levels, municipality_id, organization_id, published_at, rating) "
            "WHERE state = 'published' AND revision_of_id IS NULL"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("practices", "0013_catalogue_by_date_index")]

    operations = [migrations.RunPython(forward, backward)]
