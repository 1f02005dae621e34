import django.db.models.deletion
from django.db import migrations, models

# The municipalities' rows of the plans already counted, set-based (the statement of
# services.due_counts._rebuild_municipalities, written out so that later changes of the service do not change what
# this migration did).
FILL = """
    INSERT INTO plans_duecountbymunicipality (municipality_id, due_date, open_count)
    SELECT municipality_id, due_date, SUM(open_count) FROM plans_duecount GROUP BY municipality_id, due_date
"""


def analyze(apps, schema_editor):
    """Statistics of the table just filled: the planner must not take it for empty (see core.db)."""
    from innoinfra.core.db import analyze as analyze_tables

    analyze_tables([apps.get_model("plans", "DueCountByMunicipality")])


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0007_due_counts"),
        ("reference", "0004_organization_updated_at_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="DueCountByMunicipality",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("due_date", models.DateField()),
                ("open_count", models.IntegerField()),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="reference.municipality"
                    ),
                ),
            ],
            options={
                "verbose_name": "открытые сроки муниципалитета на дату",
                "verbose_name_plural": "открытые сроки муниципалитетов по датам",
                "constraints": [
                    models.UniqueConstraint(fields=("municipality", "due_date"), name="due_count_municipality_unique")
                ],
            },
        ),
        migrations.RunSQL(FILL, reverse_sql=migrations.RunSQL.noop),
        migrations.RunPython(analyze, migrations.RunPython.noop),
    ]
