from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "innoinfra.core"
    verbose_name = "Общие настройки"
