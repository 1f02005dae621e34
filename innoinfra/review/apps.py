from django.apps import AppConfig


class ReviewConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.review"
    verbose_name = "Конкурсы и экспертиза"
