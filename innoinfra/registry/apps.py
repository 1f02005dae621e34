from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "innoinfra.registry"
    verbose_name = "Реестр инновационной инфраструктуры"
