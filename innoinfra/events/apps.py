from django.apps import AppConfig


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.events"
    verbose_name = "Мероприятия"
