"""Checks every uploaded file passes before anything is stored."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from .errors import ServiceError

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


# ---------------------------------------------------------------- materials: a file or a link, shared with others


def checked_link(url: str) -> str:
    url = (url or "").strip()
    if url and not url.startswith(("https://", "http://")):
        raise ServiceError("Ссылка должна начинаться с https:// или http://.")
    return url


def checked_material(*, title: str | None, file, url: str, allowed: tuple[str, ...]) -> tuple[str, str]:
    """The title tidied and the link checked, for a material that is a file or a link — one of the two; a file is
    checked (size, type) and its stored name gets a random part, so nobody finds it by guessing the name. A title
    of None is not asked for (a new version of a material keeps its title)."""
    url = checked_link(url)
    if title is not None:
        title = " ".join(title.split())
        if not title:
            raise ServiceError("Укажите название материала.")
    if bool(file) == bool(url):
        raise ServiceError("Приложите файл или укажите ссылку — что-то одно.")
    if file:
        try:
            check_upload(file, allowed=allowed)
        except ValidationError as error:
            raise ServiceError(error.messages) from error
    return title, url


def store_under_random_name(file) -> None:
    file.name = f"{secrets.token_hex(8)}_{Path(file.name).name}"


def original_name(stored_name: str) -> str:
    """The file's own name, without the random part `store_under_random_name` put in front."""
    name = Path(stored_name).name
    return name.split("_", 1)[1] if "_" in name else name
