from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.communities"
    verbose_name = "Сетевые сообщества педагогов"
