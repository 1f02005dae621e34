"""The catalogue's «предмет» filter (`subjects__icontains`, on PostgreSQL `UPPER(subjects::text) LIKE UPPER('%…%')`)
had neither an index nor statistics to go by: the planner put «математика» at two rows of 17 000 published practices
(it names 1 600), read the whole table and sorted it by rating — 160 ms for «предмет, по оценке» at one region.
A trigram GIN index on exactly that expression answers the LIKE and, being an expression index, gives ANALYZE the
expression's statistics: the estimate becomes right (1 534 rows) and the page walks the rating index and stops after
twenty (2 ms). No pending list (`fastupdate = off`), as in core 0011. SQLite has no such index and needs none."""

from django.db import migrations

NAME = "practice_subjects_trgm"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON practices_practice "
            "USING gin (upper(subjects::text) gin_trgm_ops) WITH (fastupdate = off)"
        )
        schema_editor.execute("ANALYZE practices_practice")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("practices", "0011_catalogue_orders_on_indexes"), ("core", "0005_search_index")]  # pg_trgm

    operations = [migrations.RunPython(forward, backward)]
