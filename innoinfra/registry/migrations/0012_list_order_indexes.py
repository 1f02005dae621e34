"""The public lists read their pages off indexes in their exact order (to the last key, the id), instead of sorting
every row of the table, or every run of equal dates, before the LIMIT. The composite index of the registry serves
every range on the start date too, so it replaces the single-column one (created first, dropped last)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0011_site_updated_at_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["-date", "-id"], name="order_list_order"),
        ),
        migrations.AddIndex(
            model_name="site",
            index=models.Index(fields=["-start_date", "-id"], name="site_list_order"),
        ),
        migrations.AddIndex(
            model_name="site",
            index=models.Index(fields=["kind", "-start_date", "-id"], name="site_kind_list_order"),
        ),
        migrations.RemoveIndex(
            model_name="site",
            name="registry_si_start_d_2bb9a0_idx",
        ),
    ]
