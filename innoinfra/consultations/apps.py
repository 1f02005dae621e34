from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.consultations"
    verbose_name = "Консультации"
