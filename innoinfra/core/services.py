"""Writes of core's own data (the installation's settings) and the helper services share to save what a model
form or a serializer cleaned."""

from __future__ import annotations

from django.db import transaction

from .models import InstallationSettings


def assign_fields(obj, fields: dict) -> list:
    """Set fields as a ModelForm does — a file field given None keeps its file, False clears it — and return the
    (field, value) pairs of many-to-many fields, which can only be set once the object is saved."""
    later = []
    for name, value in fields.items():
        field = obj._meta.get_field(name)
        if field.many_to_many:
            later.append((field, value))
        else:
            field.save_form_data(obj, value)
    return later


@transaction.atomic
def change_settings(**fields) -> InstallationSettings:
    """Change the installation's settings (its one row): the name, the rules a district chooses, the letterhead."""
    settings = InstallationSettings.current()
    assign_fields(settings, fields)
    settings.save()
    return settings
