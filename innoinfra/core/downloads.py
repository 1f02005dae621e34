"""File answers: documents the user downloads (Word, Excel, stored files) rather than pages."""

import mimetypes
import re
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"
# A name longer than this is cut at a word: Windows keeps 255 characters for the whole path.
MAX_NAME_CHARS = 120
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"
_TRANSLIT = {
    cyrillic: "" if latin == "-" else latin
    for cyrillic, latin in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN.split(), strict=True)
}


def document_filename(title: str, suffix: str, *, fallback: str = "document") -> str:
    """The name a document downloads under, made from its title: «План мероприятий на 2025 год.docx». Characters
    no file system accepts are dropped, spaces collapse, a long title is cut at a word."""
    name = " ".join(_FORBIDDEN.sub(" ", (title or "").replace("/", "-")).split()).strip(" .")
    if len(name) > MAX_NAME_CHARS:
        name = name[:MAX_NAME_CHARS].rsplit(" ", 1)[0].rstrip(" ,.;:—–-")
    return f"{name or fallback}{suffix}"


def ascii_filename(filename: str) -> str:
    """The Latin spelling of a Russian name (ГОСТ 7.79-2000 system B, simplified) for clients that ignore
    `filename*`: «План 2025.docx» → «Plan 2025.docx»."""
    out = []
    for char in filename:
        lower = char.lower()
        if lower in _TRANSLIT:
            latin = _TRANSLIT[lower]
            out.append(latin.capitalize() if char != lower else latin)
        else:
            out.append(char)
    text = unicodedata.normalize("NFKD", "".join(out)).encode("ascii", "ignore").decode("ascii")
    text = " ".join(_FORBIDDEN.sub(" ", text).split())
    return text if text.strip(" .") else "document"


def disposition(filename: str, *, inline: bool = False) -> str:
    """RFC 6266: `filename="<ASCII>"` for every client and, for a name that is not pure ASCII, `filename*=UTF-8''…`
    with the real name, which browsers prefer (the form of Django's own helper, which gave no fallback)."""
    kind = "inline" if inline else "attachment"
    fallback = ascii_filename(filename)
    header = f'{kind}; filename="{fallback}"'
    if fallback != filename:
        header += f"; filename*=utf-8''{quote(filename)}"
    return header


def attachment(content: bytes, filename: str, content_type: str, *, inline: bool = False) -> HttpResponse:
    """`inline` lets the browser show the file (a PDF preview) instead of saving it."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = disposition(filename, inline=inline)
    return response


def docx_response(filename: str, content: bytes) -> HttpResponse:
    return attachment(content, filename, DOCX_CONTENT_TYPE)


def pdf_response(filename: str, content: bytes, *, inline: bool = False) -> HttpResponse:
    return attachment(content, filename, PDF_CONTENT_TYPE, inline=inline)


def file_response(field_file, *, filename: str, inline: bool = False) -> HttpResponse:
    """A stored file, for a download the caller has already allowed — the only way a stored file leaves the system
    (no file is reachable by its address). On S3-compatible storage the answer is a redirect to a presigned URL
    (`signed_redirect`). In production on local disk (FILES_X_ACCEL_REDIRECT) Django answers with headers only and
    nginx sends the bytes from its `internal` location, which no client can open directly; otherwise Django streams
    the file itself."""
    if not field_file:
        raise Http404("Файл не найден.")
    content_type = mimetypes.guess_type(filename)[0] or mimetypes.guess_type(field_file.name)[0]
    content_type = content_type or "application/octet-stream"
    if getattr(field_file.storage, "querystring_auth", False):
        return signed_redirect(field_file, filename=filename, content_type=content_type, inline=inline)
    if settings.FILES_X_ACCEL_REDIRECT:
        if not field_file.storage.exists(field_file.name):
            raise Http404("Файл не найден.")
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.FILES_X_ACCEL_PREFIX + quote(field_file.name)
    else:
        try:
            handle = field_file.open("rb")
        except FileNotFoundError:
            raise Http404("Файл не найден.") from None
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = disposition(filename, inline=inline)
    # the type is ours, not the browser's guess: a "PDF" that is really HTML is never run as a page
    response["X-Content-Type-Options"] = "nosniff"
    # a permission-checked file must not be kept by a shared cache and handed to the next person who asks
    patch_cache_control(response, private=True)
    return response


def signed_redirect(field_file, *, filename: str, content_type: str, inline: bool = False) -> HttpResponse:
    """302 to a URL of the S3 storage signed for S3_SIGNED_URL_TTL seconds. The signature covers the answer headers
    the storage is asked for (the Russian name in Content-Disposition, the content type), so a link copied from the
    address bar soon dies and cannot be bent to another name or type. S3 has no parameter for X-Content-Type-Options;
    the type fixed here stands in for it."""
    if not field_file.storage.exists(field_file.name):
        raise Http404("Файл не найден.")
    parameters = {
        "ResponseContentDisposition": disposition(filename, inline=inline),
        "ResponseContentType": content_type,
        # the object is private: no cache between the storage and the reader may keep it for the next one
        "ResponseCacheControl": "private, no-store",
    }
    url = field_file.storage.url(field_file.name, parameters=parameters, expire=settings.S3_SIGNED_URL_TTL)
    response = HttpResponseRedirect(url)
    # the redirect carries a live signature: it must not be stored and handed out again either
    patch_cache_control(response, private=True, no_store=True)
    return response


def pdf_from_docx(request, docx: bytes, filename: str, *, docx_url: str = "", back_url: str = "") -> HttpResponse:
    """A Word document as PDF through LibreOffice (core.office). Without LibreOffice, or when it fails, the reader
    gets a page that says so in Russian and links the Word file — status 503 (the server cannot do it now), never a
    500."""
    from django.shortcuts import render

    from .office import ConversionFailed, OfficeUnavailable, convert

    try:
        pdf = convert(docx, source_suffix=".docx", target="pdf")
    except OfficeUnavailable:
        message = (
            "На сервере не установлен LibreOffice, которым система переводит документы в PDF. Скачайте документ в "
            "формате Word или попросите администратора установить пакет libreoffice-writer-nogui."
        )
    except ConversionFailed as error:
        message = " ".join(error.messages)
    else:
        return pdf_response(filename, pdf)
    context = {"message": message, "docx_url": docx_url, "back_url": back_url}
    return render(request, "core/document_unavailable.html", context, status=503)
