from django.apps import AppConfig


class EffectivenessConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.effectiveness"
    verbose_name = "Критерии эффективности"
