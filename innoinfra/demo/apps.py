from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and synthetic data: the top layer, which may import any app and is imported by none."""

    name = "innoinfra.demo"
    verbose_name = "Демонстрационные и синтетические данные"
