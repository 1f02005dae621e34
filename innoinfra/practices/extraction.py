"""The words of a file attached to a practice, for the search.

Anybody with an account may upload a file, so every file is treated as hostile: a corrupted archive, a ZIP bomb,
a PDF that crashes its parser, a program renamed to «.docx». `extract_text` never raises: when it gets no text it
says why, in Russian, and the upload goes on without the text. Whether the file is taken at all (its content agrees
with its extension, it is no zip bomb, no macros) is the upload gate's decision, made before (core/uploads.py)."""

from __future__ import annotations

import io
import logging
import time
import zipfile
from pathlib import Path

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 1_000_000  # what is kept of a file's text; the search index takes a part of it
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # the sum of the sizes a DOCX archive declares for its parts
MAX_ZIP_MEMBERS = 5_000
MAX_PDF_PAGES = 300
PDF_SECONDS = 20  # checked between pages: a page pypdf chews on for long is the last one read

EXTRACTED = (".docx", ".pdf", ".txt")
ZIP_BASED = (".docx", ".pptx", ".xlsx", ".odt")

NOT_EXTRACTED = "Текст извлекается только из файлов DOCX, PDF и TXT: по содержимому этого файла практику не найти."
EMPTY = "Файл пустой: текст не извлечён."
BROKEN = "Файл повреждён: текст не извлечён."
BOMB = "Файл распаковывается в слишком большой объём: текст не извлечён."
ENCRYPTED = "Файл защищён паролем: текст не извлечён."
NO_TEXT_LAYER = "В PDF нет текстового слоя (возможно, это скан): текст не извлечён."
NO_TEXT = "В файле не найден текст."
TRUNCATED = "Текст файла очень длинный: для поиска сохранено только начало."
TIMED_OUT = "PDF слишком долго читается: для поиска сохранено только начало текста."


def _read(source) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    if hasattr(source, "seek"):
        source.seek(0)
    data = source.read()
    if hasattr(source, "seek"):
        source.seek(0)  # the caller stores the file after us
    return data


def _clean(parts: list[str]) -> tuple[str, bool]:
    """The parts as one text without NUL characters (PostgreSQL refuses them), cut to MAX_TEXT_CHARS."""
    text = "\n".join(part.strip() for part in parts if part and part.strip()).replace("\x00", "")
    return text[:MAX_TEXT_CHARS], len(text) > MAX_TEXT_CHARS


def _docx(data: bytes) -> tuple[str, str]:
    if not data.startswith(b"PK\x03\x04"):
        return "", "Файл не является документом DOCX: текст не извлечён."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return "", BROKEN
    # zipfile never yields more than the size a member declares, so the directory bounds what gets unpacked
    if len(members) > MAX_ZIP_MEMBERS or sum(member.file_size for member in members) > MAX_UNZIPPED_BYTES:
        return "", BOMB
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                previous = None
                for cell in row.cells:
                    # a merged cell comes back once per grid column it spans
                    if cell._tc is not previous:
                        parts.append(cell.text)
                    previous = cell._tc
    except (
        Exception
    ):  # deliberately broad: python-docx and lxml raise anything on a malformed package; none must escape
        logger.info("DOCX text extraction failed", exc_info=True)
        return "", BROKEN
    return _finish(parts)


def _pdf(data: bytes) -> tuple[str, str]:
    if b"%PDF" not in data[:1024]:
        return "", "Файл не является документом PDF: текст не извлечён."
    parts: list[str] = []
    note = ""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # a file with only an owner password opens with the empty user password; others stay closed
            try:
                if not reader.decrypt(""):
                    return "", ENCRYPTED
            except Exception:  # deliberately broad: an unsupported cipher or a broken encryption dictionary
                return "", ENCRYPTED
        started = time.monotonic()
        for number, page in enumerate(reader.pages):
            if number >= MAX_PDF_PAGES:
                note = TRUNCATED
                break
            if time.monotonic() - started > PDF_SECONDS:
                note = TIMED_OUT
                break
            parts.append(page.extract_text() or "")
            if sum(len(part) for part in parts) > MAX_TEXT_CHARS:
                break
    except Exception:  # deliberately broad: pypdf raises many kinds of errors (and plain ones) on malformed files
        logger.info("PDF text extraction failed", exc_info=True)
        if not any(part.strip() for part in parts):
            return "", BROKEN
        note = BROKEN.replace("не извлечён", "извлечён не полностью")
    text, truncated = _clean(parts)
    if not text:
        return "", NO_TEXT_LAYER
    return text, note or (TRUNCATED if truncated else "")


def _txt(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:8192]:
        return "", "Файл не похож на текстовый: текст не извлечён."
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1251", errors="replace")  # Russian texts saved by old Windows editors
    return _finish([text])


def _finish(parts: list[str]) -> tuple[str, str]:
    text, truncated = _clean(parts)
    if not text:
        return "", NO_TEXT
    return text, TRUNCATED if truncated else ""


def extract_text(uploaded_file, name: str) -> tuple[str, str]:
    """(text, note): the text of a DOCX, PDF or TXT file and, when it is missing or partial, why. Never raises."""
    suffix = Path(name or "").suffix.lower()
    if suffix not in EXTRACTED:
        return "", NOT_EXTRACTED
    try:
        data = _read(uploaded_file)
    except Exception:  # deliberately broad: a storage that fails to read is one more reason to have no text
        logger.warning("Could not read an uploaded file", exc_info=True)
        return "", "Файл не удалось прочитать: текст не извлечён."
    if not data:
        return "", EMPTY
    if suffix == ".docx":
        return _docx(data)
    if suffix == ".pdf":
        return _pdf(data)
    return _txt(data)
