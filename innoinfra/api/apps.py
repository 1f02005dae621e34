from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "innoinfra.api"
    verbose_name = "API"
