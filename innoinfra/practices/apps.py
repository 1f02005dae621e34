from django.apps import AppConfig

from innoinfra.core.public_cache import bump_on_change


class PracticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "innoinfra.practices"
    verbose_name = "Банк инновационного опыта"

    def ready(self):
        # imported here, not at the top: the review engine's modules load models, which needs a ready registry
        from innoinfra.review.enums import CallPurpose
        from innoinfra.review.procedures import register_procedure

        from . import notices, search_index  # noqa: F401 — search_index registers the practices with the global search

        # the data bank's expertise is decided on the practice's own page, by its moderators too
        register_procedure(CallPurpose.DATABANK, decided_at=notices.expertise_done)

        # any change of the app's records makes its cached public pages stale (core.public_cache)
        bump_on_change(self.get_models(), "practices")
