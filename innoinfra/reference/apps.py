from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "innoinfra.reference"
    verbose_name = "Справочники: территории, организации, направления, органы"
