from django.db import migrations


def install(apps, schema_editor):
    from innoinfra.reports.catalogue import install as install_forms

    install_forms(apps)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
