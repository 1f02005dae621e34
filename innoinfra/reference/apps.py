from django.apps import AppConfig

from innoinfra.core.public_cache import bump_on_change


class ReferenceConfig(AppConfig):
    name = "innoinfra.reference"
    verbose_name = "Справочники: территории, организации, направления, органы"

    def ready(self):
        # any change of the app's records makes its cached public pages stale (core.public_cache)
        bump_on_change(self.get_models(), "reference")
