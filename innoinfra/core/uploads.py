"""The one gate every uploaded file passes before anything is parsed or stored.

Anybody with an account may upload, so every file is treated as hostile. Each place that takes files names its
*purpose* (what people bring there: documents, a plan to import, a letterhead…), which sets the extensions it
accepts. The gate then reads what the file really is from its content (signatures of puremagic; the members of
Office archives; the streams of old OLE files via olefile) and refuses, with a Russian message naming the file:

- an empty file or one over MAX_UPLOAD_SIZE; an extension the purpose does not take;
- content that is not what the extension says (a program renamed .pdf, a web page renamed .docx, a table
  renamed .docx…);
- a ZIP-based file (DOCX, XLSX, PPTX, ODT… and ZIP) that inflates past the limits: every member is *read*
  through, in chunks, counting the bytes that really come out, so sizes written in the archive's headers are
  never trusted; a broken or password-protected archive, an unusual compression method;
- macros and ActiveX (vbaProject.bin, activeX/, macro-enabled content types, Basic/ of OpenDocument, the VBA
  storages of old .doc/.xls/.ppt), embedded objects in RTF, programs inside a ZIP.

`check_upload` is the gate; `UploadField` (forms) and `UploadSerializerField` (API) put it in front of a form or a
serializer. A file that passed is marked, so a service checking the same object again costs nothing."""

from __future__ import annotations

import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

import puremagic
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .errors import ServiceError

CHUNK = 64 * 1024
HEAD = 64 * 1024  # what is read to tell the type: signatures sit in the first bytes, text is judged on this much


# ---------------------------------------------------------------- kinds of files and purposes


@dataclass(frozen=True)
class Kind:
    """A type of file the system takes: how a message names it (as «не похож на …» and as «это …»)."""

    accusative: str
    nominative: str


KINDS: dict[str, Kind] = {
    ".pdf": Kind("PDF", "документ PDF"),
    ".doc": Kind("документ Word (DOC)", "документ Word старого формата (DOC)"),
    ".docx": Kind("документ Word (DOCX)", "документ Word (DOCX)"),
    ".odt": Kind("текстовый документ OpenDocument (ODT)", "текстовый документ OpenDocument (ODT)"),
    ".rtf": Kind("документ RTF", "документ RTF"),
    ".txt": Kind("текстовый файл", "текстовый файл"),
    ".xls": Kind("таблицу Excel (XLS)", "таблица Excel старого формата (XLS)"),
    ".xlsx": Kind("таблицу Excel (XLSX)", "таблица Excel (XLSX)"),
    ".ods": Kind("таблицу OpenDocument (ODS)", "таблица OpenDocument (ODS)"),
    ".ppt": Kind("презентацию PowerPoint (PPT)", "презентация PowerPoint старого формата (PPT)"),
    ".pptx": Kind("презентацию PowerPoint (PPTX)", "презентация PowerPoint (PPTX)"),
    ".odp": Kind("презентацию OpenDocument (ODP)", "презентация OpenDocument (ODP)"),
    ".jpg": Kind("изображение JPEG", "изображение JPEG"),
    ".jpeg": Kind("изображение JPEG", "изображение JPEG"),
    ".png": Kind("изображение PNG", "изображение PNG"),
    ".zip": Kind("архив ZIP", "архив ZIP"),
}
SAME = {".jpeg": ".jpg"}  # extensions that name one kind of content

# What puremagic tells about content the system never takes, said in Russian (by the extension it reports).
FOREIGN = {
    **dict.fromkeys((".exe", ".dll", ".sys", ".drv", ".scr", ".com", ".ocx", ".cpl", ".pif"),
                    "исполняемый файл Windows"),
    **dict.fromkeys((".html", ".htm", ".xhtml"), "веб-страница (HTML)"),
    ".svg": "рисунок SVG",
    ".xml": "документ XML",
    ".rar": "архив RAR",
    ".7z": "архив 7-Zip",
    ".gz": "архив GZIP",
    ".tar": "архив TAR",
    ".gif": "изображение GIF",
    ".bmp": "изображение BMP",
    ".tif": "изображение TIFF",
    ".tiff": "изображение TIFF",
    ".webp": "изображение WebP",
    ".mp3": "звукозапись MP3",
    ".mp4": "видеозапись MP4",
    ".iso": "образ диска",
    ".msi": "установщик программы Windows",
    ".class": "программа Java",
    ".jar": "программа Java",
}  # fmt: skip
NOT_RECOGNISED = "файл неизвестного типа"

# extensions of programs and scripts, refused inside a ZIP archive as well
PROGRAMS = (".exe", ".dll", ".com", ".scr", ".bat", ".cmd", ".msi", ".ps1", ".vbs", ".vbe", ".js", ".jse",
            ".wsf", ".hta", ".jar", ".lnk", ".cpl", ".pif", ".reg", ".sh", ".apk", ".docm", ".xlsm", ".pptm",
            ".dotm")  # fmt: skip


@dataclass(frozen=True)
class Purpose:
    """What one place of the system takes; `what` names it in the message about a wrong extension."""

    extensions: tuple[str, ...]
    what: str

    def narrowed(self, extensions) -> Purpose:
        """The same purpose taking only `extensions` of its own (a report's item names its file types)."""
        wanted = {e.lower() if e.startswith(".") else f".{e.lower()}" for e in extensions}
        return Purpose(tuple(e for e in self.extensions if e in wanted), self.what)

    @property
    def accept(self) -> str:
        return ",".join(self.extensions)


# what people share through the system: documents, presentations, tables, pictures — no archives or programs, so
# that nobody hands others an executable through a page of the system
DOCUMENTS = Purpose(
    (".pdf", ".doc", ".docx", ".odt", ".rtf", ".ppt", ".pptx", ".odp", ".xls", ".xlsx", ".ods", ".txt", ".jpg",
     ".jpeg", ".png"),
    "документы, презентации, таблицы и изображения",
)  # fmt: skip
TEXT_DOCUMENTS = Purpose((".pdf", ".docx", ".doc", ".odt", ".rtf"), "текстовые документы")
ORDERS = Purpose((".pdf", ".docx", ".doc", ".odt", ".rtf", ".jpg", ".jpeg", ".png"), "документы и сканы приказов")
PRACTICE_FILES = Purpose(
    (".docx", ".pdf", ".pptx", ".xlsx", ".odt", ".txt", ".jpg", ".jpeg", ".png"),
    "документы, презентации, таблицы и изображения",
)
EVIDENCE = Purpose(
    (".pdf", ".docx", ".doc", ".xlsx", ".pptx", ".jpg", ".jpeg", ".png", ".odt", ".zip"),
    "документы, изображения и архивы ZIP",
)
ATTACHMENTS = Purpose(
    (".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp", ".txt", ".jpg",
     ".jpeg", ".png", ".zip"),
    "документы, таблицы, презентации, изображения и архивы ZIP",
)  # fmt: skip
# .doc, .odt and .ods plans are converted to .docx/.xlsx by LibreOffice (core.office) after this gate has checked them.
PLAN_IMPORT = Purpose((".docx", ".xlsx", ".doc", ".odt", ".ods"), "планы в формате Word, Excel или OpenDocument")
SPREADSHEETS = Purpose((".xlsx",), "книги Excel")
LETTERHEAD = Purpose((".docx",), "документы Word")


# ---------------------------------------------------------------- the gate


def _limits() -> dict[str, int]:
    return {
        "total": settings.UPLOAD_MAX_UNPACKED_SIZE,
        "member": settings.UPLOAD_MAX_UNPACKED_MEMBER_SIZE,
        "members": settings.UPLOAD_MAX_ARCHIVE_MEMBERS,
        "ratio": settings.UPLOAD_MAX_COMPRESSION_RATIO,
    }


class Refused(Exception):
    """Why a file is refused, without the file's name (the gate puts it in front)."""


UNUSUAL_COMPRESSION = "архив сжат необычным способом; сохраните файл заново обычной программой."


class Mismatch(Exception):
    """The content is not what the extension says: the extension, and what the content is (in Russian)."""

    def __init__(self, suffix: str, actual: str):
        super().__init__(suffix, actual)
        self.suffix, self.actual = suffix, actual


def check_upload(file, *, purpose: Purpose, max_size: int | None = None):
    """The file when it may be taken for `purpose`; ValidationError with a Russian message otherwise. Nothing is
    stored; the file is left at its start."""
    if not file:
        return file
    if getattr(file, "_upload_checked", None) == purpose.extensions:
        return file
    name = Path(file.name or "").name
    limit = max_size or settings.MAX_UPLOAD_SIZE
    if file.size is not None and file.size > limit:
        raise ValidationError(
            f"Файл слишком большой: «{name}», {filesizeformat(file.size)}. "
            f"Допустимо не больше {filesizeformat(limit)}.",
            code="too_large",
        )
    suffix = Path(name).suffix.lower()
    if suffix not in purpose.extensions:
        if suffix in (".docm", ".xlsm", ".pptm", ".dotm", ".xltm"):
            raise ValidationError(
                f"Файл «{name}» содержит макросы ({suffix}): такие файлы не принимаются. "
                "Сохраните его в обычном формате, без макросов.",
                code="macros",
            )
        raise ValidationError(
            f"Файлы этого типа не принимаются: «{name}». Здесь принимаются {purpose.what}. "
            f"Допустимые расширения: {', '.join(purpose.extensions)}.",
            code="extension",
        )
    try:
        file.seek(0)
        _check_content(file, suffix, file.size if file.size is not None else 0)
    except Refused as reason:
        raise ValidationError(f"Файл «{name}» не принят: {reason}", code="content") from None
    except Mismatch as mismatch:
        raise ValidationError(
            f"Файл «{name}» не похож на {KINDS[mismatch.suffix].accusative}: по содержимому это {mismatch.actual}.",
            code="mismatch",
        ) from None
    finally:
        file.seek(0)
    file._upload_checked = purpose.extensions
    return file


def _check_content(file, suffix: str, size: int) -> None:
    head = file.read(HEAD)
    file.seek(0)
    if not head:
        raise Refused("он пустой.")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        actual = _check_zip(file, size)
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        actual = _check_ole(file)
    elif head.startswith(b"{\\rtf"):
        _check_rtf(file)
        actual = ".rtf"
    else:
        actual = _sniff(head)
    if actual == ".txt" and suffix == ".txt":
        return
    if SAME.get(actual, actual) != SAME.get(suffix, suffix):
        raise Mismatch(suffix, KINDS[actual].nominative if actual in KINDS else actual)


def _sniff(head: bytes) -> str:
    """The extension of a kind the system takes, or the Russian name of what the content is."""
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        matches = []
    found = {match.extension for match in matches if match.offset == 0}
    for ext in (".pdf", ".png", ".jpg"):
        if ext in found:
            return ext
    for match in matches:
        if match.extension in FOREIGN:
            return FOREIGN[match.extension]
    if b"%PDF-" in head[:1024] and not any(m.extension in FOREIGN for m in matches):
        return ".pdf"  # readers accept a few bytes before the header, and so do we
    if _is_text(head):
        lowered = head[:1024].lstrip().lower()
        if lowered.startswith((b"<!doctype html", b"<html", b"<script", b"<?xml", b"<svg")):
            return FOREIGN[".html"] if b"html" in lowered[:20] or b"<script" in lowered[:10] else FOREIGN[".xml"]
        return ".txt"
    if matches:
        return f"файл другого типа ({matches[0].name})"
    return NOT_RECOGNISED


def _is_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return controls <= len(head) // 100


# ---------------------------------------------------------------- ZIP-based files


def _central_directory(file, size: int) -> tuple[int, int]:
    """(members, bytes) the archive's directory claims, read from its end record before zipfile builds one object
    per member: a small file with a huge directory is refused without that work."""
    tail_len = min(size, 22 + 65535)
    file.seek(size - tail_len)
    tail = file.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise Refused("он повреждён (архив не читается).")
    _, _, _, _, members, cd_size, _, _ = struct.unpack("<4s4H2LH", tail[at : at + 22])
    if (members == 0xFFFF or cd_size == 0xFFFFFFFF) and at >= 20 and tail[at - 20 : at - 16] == b"PK\x06\x07":
        _, _, zip64_at, _ = struct.unpack("<4sLQL", tail[at - 20 : at])
        file.seek(zip64_at)
        record = file.read(56)
        if len(record) == 56 and record.startswith(b"PK\x06\x06"):
            _, _, _, _, _, _, _, members, cd_size, _ = struct.unpack("<4sQ2H2L4Q", record)
    return members, cd_size


def _check_zip(file, size: int) -> str:
    limits = _limits()
    members, cd_size = _central_directory(file, size)
    if members > limits["members"] or cd_size > limits["members"] * 1024:
        raise Refused(f"в архиве слишком много частей (больше {limits['members']}).")
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if len(infos) > limits["members"]:
                raise Refused(f"в архиве слишком много частей (больше {limits['members']}).")
            names = {info.filename for info in infos}
            kind = _zip_kind(archive, names)
            _refuse_active_content(archive, names, kind)
            _inflate_all(archive, infos, size, limits, kind)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, struct.error, KeyError):
        raise Refused("он повреждён (архив не читается).") from None
    except NotImplementedError:  # zipfile's own word for a compression it cannot read
        raise Refused(UNUSUAL_COMPRESSION) from None
    except RuntimeError:  # zipfile's word for an encrypted member
        raise Refused("он защищён паролем; загрузите его без пароля.") from None
    return kind


def _zip_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return ".docx"
        if "xl/workbook.xml" in names:
            return ".xlsx"
        if "ppt/presentation.xml" in names:
            return ".pptx"
    if "mimetype" in names:
        info = archive.getinfo("mimetype")
        if info.file_size <= 100:
            with archive.open(info) as member:
                mimetype = member.read(100).decode("ascii", "replace").strip()
            odf = {
                "application/vnd.oasis.opendocument.text": ".odt",
                "application/vnd.oasis.opendocument.spreadsheet": ".ods",
                "application/vnd.oasis.opendocument.presentation": ".odp",
            }
            if mimetype in odf:
                return odf[mimetype]
    return ".zip"


def _refuse_active_content(archive: zipfile.ZipFile, names: set[str], kind: str) -> None:
    for name in names:
        lowered = name.lower()
        base = lowered.rsplit("/", 1)[-1]
        if kind != ".zip":
            if base in ("vbaproject.bin", "vbadata.xml") or lowered.startswith(("basic/", "scripts/")):
                raise Refused("он содержит макросы. Сохраните документ без макросов и загрузите снова.")
            if "/activex/" in f"/{lowered}":
                raise Refused("он содержит элементы ActiveX. Сохраните документ без них и загрузите снова.")
        elif base.endswith(PROGRAMS):
            raise Refused(f"в архиве есть программа или сценарий («{base}»).")
    if "[Content_Types].xml" in names and kind != ".zip":
        with archive.open("[Content_Types].xml") as types:
            content = types.read(1024 * 1024).lower()
        if b"macroenabled" in content or b"vbaproject" in content:
            raise Refused("он содержит макросы. Сохраните документ без макросов и загрузите снова.")


def _inflate_all(archive: zipfile.ZipFile, infos, size: int, limits: dict[str, int], kind: str) -> None:
    """Read every member through, counting what really comes out; stop at the first limit passed."""
    total = 0
    ratio_cap = max(size * limits["ratio"], 1024 * 1024)
    for info in infos:
        if info.flag_bits & 0x1:
            raise Refused("он защищён паролем; загрузите его без пароля.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Refused(UNUSUAL_COMPRESSION)
        if info.is_dir():
            continue
        inflated = 0
        try:
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    if inflated == 0 and kind == ".zip" and chunk.startswith((b"MZ", b"\x7fELF")):
                        raise Refused(f"в архиве есть программа («{Path(info.filename).name}»).")
                    inflated += len(chunk)
                    total += len(chunk)
                    if inflated > limits["member"] or total > limits["total"]:
                        limit = limits["member"] if inflated > limits["member"] else limits["total"]
                        raise Refused(
                            f"он распаковывается в слишком большой объём (больше {filesizeformat(limit)})"
                            " — это похоже на «архивную бомбу»."
                        )
                    if total > ratio_cap:
                        raise Refused(
                            f"он сжат подозрительно сильно (распаковывается больше чем в {limits['ratio']} раз)"
                            " — это похоже на «архивную бомбу»."
                        )
        except zipfile.BadZipFile:
            # zipfile stops at the size the directory declares and then finds the checksum wrong: the sizes lie
            raise Refused("его содержимое не сходится с оглавлением архива (файл повреждён или подделан).") from None


# ---------------------------------------------------------------- old Office files, RTF


def _check_ole(file) -> str:
    import olefile

    try:
        ole = olefile.OleFileIO(file)
    except Exception:  # deliberately broad: olefile raises many kinds of errors on a malformed file
        raise Refused("он повреждён (не читается как документ Office).") from None
    try:
        streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=True)}
    except Exception:  # deliberately broad, as above
        raise Refused("он повреждён (не читается как документ Office).") from None
    finally:
        ole.close()
    tops = {stream.split("/", 1)[0] for stream in streams}
    if "encryptedpackage" in tops:
        raise Refused("он защищён паролем; загрузите его без пароля.")
    if tops & {"macros", "_vba_project_cur", "vba"} or any("/vba/" in f"/{s}/" for s in streams):
        raise Refused("он содержит макросы. Сохраните документ без макросов и загрузите снова.")
    if "worddocument" in tops:
        return ".doc"
    if "workbook" in tops or "book" in tops:
        return ".xls"
    if "powerpoint document" in tops:
        return ".ppt"
    return "файл Microsoft Office другого вида"


def _check_rtf(file) -> None:
    """An RTF with embedded objects (\\object, \\objdata) carries what Word would run: refused."""
    carry = b""
    while chunk := file.read(CHUNK):
        window = carry + chunk
        if b"\\objdata" in window or b"\\object" in window or b"\\objemb" in window:
            raise Refused("в документе RTF есть встроенные объекты. Сохраните его как DOCX или PDF.")
        carry = window[-16:]


# ---------------------------------------------------------------- a form field and an API field


def checked_new_upload(file, *, purpose: Purpose):
    """For a model form's file field: a newly uploaded file passes the gate; the stored one (kept) or none
    (cleared) is returned as it is."""
    from django.core.files.uploadedfile import UploadedFile

    if isinstance(file, UploadedFile):
        try:
            check_upload(file, purpose=purpose)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
    return file


class UploadField(forms.FileField):
    """A form's file field that lets through only what the gate takes for `purpose`."""

    def __init__(self, *, purpose: Purpose, **kwargs):
        self.purpose = purpose
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", purpose.accept)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file and file is not initial and hasattr(file, "seek"):
            check_upload(file, purpose=self.purpose)
        return file


@extend_schema_field(OpenApiTypes.BINARY)
class UploadSerializerField(serializers.FileField):
    """The API's file field: the same gate, refusals answered as a validation error of the field (400)."""

    def __init__(self, *, purpose: Purpose, **kwargs):
        self.purpose = purpose
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        file = super().to_internal_value(data)
        try:
            return check_upload(file, purpose=self.purpose)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from error


# ---------------------------------------------------------------- materials: a file or a link, shared with others


def checked_link(url: str) -> str:
    url = (url or "").strip()
    if url and not url.startswith(("https://", "http://")):
        raise ServiceError("Ссылка должна начинаться с https:// или http://.")
    return url


def checked_material(*, title: str | None, file, url: str, purpose: Purpose = DOCUMENTS) -> tuple[str, str]:
    """The title tidied and the link checked, for a material that is a file or a link — one of the two; a file
    passes the gate. A title of None is not asked for (a new version of a material keeps its title)."""
    url = checked_link(url)
    if title is not None:
        title = " ".join(title.split())
        if not title:
            raise ServiceError("Укажите название материала.")
    if bool(file) == bool(url):
        raise ServiceError("Приложите файл или укажите ссылку — что-то одно.")
    if file:
        service_checked_upload(file, purpose=purpose)
    return title, url


def service_checked_upload(file, *, purpose: Purpose):
    """The gate for a service (which answers with ServiceError); free when a form or a serializer checked it."""
    try:
        return check_upload(file, purpose=purpose)
    except ValidationError as error:
        raise ServiceError(error.messages) from error

