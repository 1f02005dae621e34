from django.apps import AppConfig


class MentoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.mentoring"
    verbose_name = "Наставничество"
