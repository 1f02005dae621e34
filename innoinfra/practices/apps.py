from django.apps import AppConfig


class PracticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.practices"
    verbose_name = "Банк инновационного опыта"

    def ready(self):
        from innoinfra.review.enums import CallPurpose
        from innoinfra.review.notices import DECIDED_ELSEWHERE

        from . import notices, search_index  # noqa: F401 — search_index registers the practices with the global search

        DECIDED_ELSEWHERE[CallPurpose.DATABANK] = notices.expertise_done
