from django.db import migrations


def install_catalogue(apps, schema_editor):
    from innoinfra.registry.catalogue import install

    install(apps)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(install_catalogue, migrations.RunPython.noop)]
