"""A real reader for the files the system writes: LibreOffice headless converts them to PDF, `pdftotext` reads the
pages back. CI installs both (.ci/run); a machine without them fails these tests loudly, with what to install,
unless INNOINFRA_SKIP_OFFICE=1 says on purpose that this machine has no office suite."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from innoinfra.core import office
from innoinfra.core.typography import plain

INSTALL = "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils"


def require_reader() -> None:
    missing = [name for name, found in (("soffice", office.office_binary()), ("pdftotext", shutil.which("pdftotext"))) if not found]
    if not missing:
        return
    message = f"{' and '.join(missing)} not installed: the files the system writes cannot be checked ({INSTALL})"
    if os.environ.get("INNOINFRA_SKIP_OFFICE") == "1":
        pytest.skip(f"{message}; skipped because INNOINFRA_SKIP_OFFICE=1")
    pytest.fail(message, pytrace=False)


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF, as `pdftotext` reads it (spaces normalised)."""
    assert pdf.startswith(b"%PDF"), pdf[:40]
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60)
    pages = result.stdout.decode("utf-8").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [plain(page) for page in pages]


def read_as_pdf(content: bytes, suffix: str) -> list[str]:
    """Open `content` (a .docx, .xlsx or .pdf) as a reader would and return its pages' text."""
    require_reader()
    pdf = content if suffix == ".pdf" else office.convert(content, source_suffix=suffix, target="pdf")
    pages = pdf_pages(pdf)
    assert pages and any(page.strip() for page in pages), "the converted file has no pages with text"
    return pages
