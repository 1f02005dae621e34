"""File answers: documents the user downloads (Word, Excel) rather than pages."""

from django.http import HttpResponse

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(content: bytes, filename: str, content_type: str, *, inline: bool = False) -> HttpResponse:
    """`inline` lets the browser show the file (a PDF preview) instead of saving it."""
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def docx_response(filename: str, content: bytes) -> HttpResponse:
    return attachment(content, filename, DOCX_CONTENT_TYPE)
