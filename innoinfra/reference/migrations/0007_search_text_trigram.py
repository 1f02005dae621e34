"""The organizations list's text filter on PostgreSQL: a trigram GIN index for `search_text LIKE '%stem%'`, like
registry 0013 for sites and orders (see there why)."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS organization_search_trgm ON registry_organization "
            "USING gin (search_text gin_trgm_ops) WITH (fastupdate = off)"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS organization_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("reference", "0006_list_order_indexes"), ("core", "0005_search_index")]  # pg_trgm

    operations = [migrations.RunPython(forward, backward)]
