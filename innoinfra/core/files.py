"""Where uploaded and generated files are kept: under random names, so nobody reaches one by guessing its address.

A stored name says nothing about the file (`applications/2026/<uuid4 hex>.docx`); the name the user gave it is kept
in a field of the record and comes back only in the `Content-Disposition` of a download that passed the permission
check (see `core.downloads.file_response`).
"""

from __future__ import annotations

import re
import uuid
from pathlib import PurePosixPath

from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible

NAME_MAX_LENGTH = 255
# a suffix we keep (it tells nginx and the browser the type); anything stranger is dropped rather than stored
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,10}$")
# files stored before random names were introduced: `<16 hex>_<original>` (materials) or the original name itself
_LEGACY_PREFIX = re.compile(r"^[0-9a-f]{16}_")


@deconstructible
class RandomName:
    """An `upload_to` that stores the file as `<purpose>/<yyyy>/<uuid4 hex><.ext>` and, when the model has the field
    `name_field`, writes the name the file came with into it (the moment of storing is the one place that sees it,
    whatever the path: a form, a service, the API)."""

    def __init__(self, purpose: str, name_field: str | None = "file_name"):
        self.purpose = purpose.strip("/")
        self.name_field = name_field

    def __call__(self, instance, filename: str) -> str:
        given = PurePosixPath(filename.replace("\\", "/")).name
        if self.name_field:
            setattr(instance, self.name_field, given[-NAME_MAX_LENGTH:])
        suffix = PurePosixPath(given).suffix.lower()
        suffix = suffix if _SUFFIX.match(suffix) else ""
        return f"{self.purpose}/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and (self.purpose, self.name_field) == (other.purpose, other.name_field)


def file_name_field():
    """The model field that keeps the name a file was uploaded under (declare it after the file field: the name is
    written while the file field is saved)."""
    return models.CharField("имя файла", max_length=NAME_MAX_LENGTH, blank=True, editable=False)


def display_name(field_file, kept: str = "") -> str:
    """The name to show and to download a file under: the one kept at upload or, for a file stored before names were
    kept, its stored name without the random prefix."""
    if kept:
        return kept
    name = PurePosixPath(field_file.name or "").name
    return _LEGACY_PREFIX.sub("", name)
