from django.apps import AppConfig


class PracticeCollectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.practice_collections"
    label = "practice_collections"
    verbose_name = "Сборники практик"
