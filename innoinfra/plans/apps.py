from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "innoinfra.plans"
    verbose_name = "Планы"
