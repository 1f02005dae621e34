"""File answers: documents the user downloads (Word, Excel) rather than pages."""

from django.http import HttpResponse

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def docx_response(filename: str, content: bytes) -> HttpResponse:
    return attachment(content, filename, DOCX_CONTENT_TYPE)
