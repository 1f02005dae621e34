from django.db import migrations


def install_rubrics(apps, schema_editor):
    from innoinfra.review.catalogue import install_rubrics

    install_rubrics(apps)


class Migration(migrations.Migration):
    dependencies = [("review", "0001_initial")]

    operations = [migrations.RunPython(install_rubrics, migrations.RunPython.noop)]
