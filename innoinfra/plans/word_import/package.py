"""The file itself, checked before any parser sees it: its extension, its size, the Office Open XML package of the
expected kind (no macros, no zip bomb)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from innoinfra.core.errors import ServiceError

MAX_FILE_BYTES = 50 * 1024 * 1024
# A zip bomb is refused from its central directory, before any part is inflated.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2000

_KINDS = {
    # extension: main part, its content type, what the file should be («не похож на …»), what it is («внутри …»)
    ".docx": ("/word/document.xml", "wordprocessingml.document.main+xml", "документ Word (.docx)", "документ Word"),
    ".xlsx": ("/xl/workbook.xml", "spreadsheetml.sheet.main+xml", "книгу Excel (.xlsx)", "книга Excel"),
}
# Files LibreOffice turns into one of the kinds above before they are read.
CONVERTED = {".doc": ".docx", ".odt": ".docx", ".ods": ".xlsx"}
_OLD_FORMATS = {".xls": ".xlsx", ".docm": ".docx", ".xlsm": ".xlsx", ".rtf": ".docx"}


def extension_of(filename: str) -> str:
    extension = Path(filename or "").suffix.lower()
    if extension in _KINDS or extension in CONVERTED:
        return extension
    if extension in _OLD_FORMATS:
        raise ServiceError(
            f"Формат {extension} не принимается: откройте файл в Word или Excel и сохраните его "
            f"как обычный {_OLD_FORMATS[extension]} без макросов."
        )
    raise ServiceError(
        f"Файл «{filename}» не принимается: загрузите документ Word (.docx, .doc), "
        "книгу Excel (.xlsx) или документ OpenDocument (.odt, .ods)."
    )


def read_bytes(source) -> bytes:
    if isinstance(source, str | Path):
        with open(source, "rb") as opened:
            content = opened.read(MAX_FILE_BYTES + 1)
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        content = source.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise ServiceError("Файл больше 50 МБ: такой план не принимается.")
    return content


def check_package(content: bytes, extension: str) -> None:
    """Refuse what is not an Office Open XML package of the expected kind before any parser sees it."""
    main_part, content_type, label, _ = _KINDS[extension]
    if not content.startswith(b"PK"):
        raise ServiceError(
            f"Файл не похож на {label}: это не архив Office Open XML. "
            "Возможно, у файла другого формата просто изменено расширение."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            _check_unpacked_size(members)
            types = _content_types(archive)
    except zipfile.BadZipFile as error:
        raise ServiceError(f"Файл повреждён: архив {label} не читается ({error}).") from error
    actual = types.get(main_part, "")
    if "macroenabled" in actual.lower():
        raise ServiceError(
            f"Файл содержит макросы (это документ с макросами, а не {label}): такие файлы не принимаются. "
            "Сохраните его как обычный документ без макросов."
        )
    if not actual.endswith(content_type):
        other = next((kind for ext, kind in _KINDS.items() if ext != extension and kind[0] in types), None)
        hint = f": внутри {other[3]}, поправьте расширение файла" if other else ""
        raise ServiceError(f"Файл не похож на {label}{hint or ': в архиве нет основной части документа'}.")


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF_TYPES = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


def check_convertible(content: bytes, extension: str) -> None:
    """A .doc is an OLE compound file, an .odt/.ods a small OpenDocument package, before LibreOffice sees it."""
    if extension == ".doc":
        if not content.startswith(_OLE):
            raise ServiceError("Файл не похож на документ Word старого формата (.doc). Сохраните его как .docx.")
        return
    label = "текстовый документ OpenDocument (.odt)" if extension == ".odt" else "таблицу OpenDocument (.ods)"
    if not content.startswith(b"PK"):
        raise ServiceError(f"Файл не похож на {label}: это не архив OpenDocument.")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_unpacked_size(archive.infolist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in archive.namelist() else b""
    except zipfile.BadZipFile as error:
        raise ServiceError(f"Файл повреждён: архив не читается ({error}).") from error
    if mimetype != _ODF_TYPES[extension]:
        raise ServiceError(f"Файл не похож на {label}.")


def _check_unpacked_size(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise ServiceError(f"Файл состоит из слишком многих частей ({len(members)}): такой документ не принимается.")
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise ServiceError("Файл в распакованном виде больше 50 МБ: такой документ не принимается.")


def _content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    try:
        root = ElementTree.fromstring(archive.read("[Content_Types].xml"))
    except (KeyError, ElementTree.ParseError):
        return {}
    return {
        element.get("PartName", ""): element.get("ContentType", "")
        for element in root
        if element.tag.endswith("Override")
    }


def unreadable(label: str, error: Exception) -> ServiceError:
    return ServiceError(f"Файл повреждён или не является {label}: его не удалось прочитать ({error}).")
