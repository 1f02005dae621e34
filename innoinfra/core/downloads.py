"""File answers: documents the user downloads (Word, Excel, stored files) rather than pages."""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(content: bytes, filename: str, content_type: str, *, inline: bool = False) -> HttpResponse:
    """`inline` lets the browser show the file (a PDF preview) instead of saving it."""
    response = HttpResponse(content, content_type=content_type)
    # RFC 6266/5987: a Russian name travels as filename*=utf-8''…, a Latin one as filename="…"
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    return response


def docx_response(filename: str, content: bytes) -> HttpResponse:
    return attachment(content, filename, DOCX_CONTENT_TYPE)


def file_response(field_file, *, filename: str, inline: bool = False) -> HttpResponse:
    """A stored file, for a download the caller has already allowed — the only way a stored file leaves the system
    (no file is reachable by its address). In production (FILES_X_ACCEL_REDIRECT) Django answers with headers only
    and nginx sends the bytes from its `internal` location, which no client can open directly; otherwise Django
    streams the file itself."""
    if not field_file:
        raise Http404("Файл не найден.")
    content_type = mimetypes.guess_type(filename)[0] or mimetypes.guess_type(field_file.name)[0]
    content_type = content_type or "application/octet-stream"
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
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    # the type is ours, not the browser's guess: a "PDF" that is really HTML is never run as a page
    response["X-Content-Type-Options"] = "nosniff"
    # a permission-checked file must not be kept by a shared cache and handed to the next person who asks
    patch_cache_control(response, private=True)
    return response
