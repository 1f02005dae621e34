from django.apps import AppConfig


class TranslatorConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.translator"
    verbose_name = "Сетевой транслятор"
