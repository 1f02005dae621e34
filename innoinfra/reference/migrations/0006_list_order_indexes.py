"""The organizations list (and its API) reads its page off this index in its exact order, name then id."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0005_organization_coordinates_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["short_name", "id"], name="organization_list_order"),
        ),
    ]
