from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "innoinfra.council"
    verbose_name = "Коллегиальные органы"
