from django.apps import AppConfig


class OpendataConfig(AppConfig):
    """The open data section: the public registry, events, practices and documents as machine-readable sets."""

    name = "innoinfra.opendata"
    verbose_name = "Открытые данные"
