"""Indexes that date the open data sets: each passport's `modified` is a Max over a set's `updated_at`.

The tables belong to other apps, which know nothing of open data; the indexes serve only this section, so this app
owns them (plain CREATE INDEX, which SQLite and PostgreSQL both read). Where the set is a part of the table (events
announced to the public, published practices) the state leads the index, so the Max is read from the index's edge.
Sites and organizations need none of their own: the registry sync of the API indexes their `updated_at` already
(registry 0011, reference 0004), and a second index on the same column would only slow every write.
"""

from django.db import migrations

INDEXES = {
    "opendata_event_updated_idx": ("events.Event", "state, updated_at"),
    "opendata_practice_updated_idx": ("practices.Practice", "state, revision_of_id, updated_at"),
    "opendata_legaldoc_updated_idx": ("legal.LegalDocument", "updated_at"),
}


def create_indexes(apps, schema_editor):
    for name, (model, columns) in INDEXES.items():
        table = schema_editor.quote_name(apps.get_model(model)._meta.db_table)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")


def drop_indexes(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0011_site_updated_at_index"),
        ("reference", "0004_organization_updated_at_index"),
        ("events", "0008_course_programme_training_certificates"),
        ("practices", "0010_cycle_stage"),
        ("legal", "0004_versions_edit_version"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
