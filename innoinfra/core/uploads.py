"""Checks every uploaded file passes before anything is stored."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# what people share through the system: documents, presentations, tables, pictures — no archives or programs, so
# that nobody hands others an executable through a page of the system
DOCUMENT_TYPES = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".ppt", ".pptx", ".odp", ".xls", ".xlsx", ".ods", ".txt",
                  ".jpg", ".jpeg", ".png")  # fmt: skip


def check_upload(file, *, allowed: tuple[str, ...], max_size: int | None = None):
    if not file:
        return file
    limit = max_size or settings.MAX_UPLOAD_SIZE
    if file.size > limit:
        raise ValidationError(
            f"Файл слишком большой: {filesizeformat(file.size)}. Допустимо не больше {filesizeformat(limit)}."
        )
    suffix = Path(file.name).suffix.lower()
    if suffix not in allowed:
        raise ValidationError(f"Файлы этого типа не принимаются. Допустимые расширения: {', '.join(allowed)}.")
    return file
