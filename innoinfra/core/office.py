"""LibreOffice headless as a converter: old Word (.doc) and OpenDocument (.odt, .ods) files become .docx/.xlsx for
the importers, and our own DOCX/XLSX become PDF so that tests (and the PDF downloads) see what a real reader sees.

LibreOffice is an optional system package: without it the caller gets `OfficeUnavailable` with a Russian message
that says what to install or how to save the file instead, never a 500."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ServiceError

# A real plan converts in 2–5 s on a loaded machine; a file that takes longer is broken or hostile.
TIMEOUT_SECONDS = int(os.environ.get("OFFICE_CONVERT_TIMEOUT", "90"))


class OfficeUnavailable(ServiceError):
    """LibreOffice is not installed on the server."""


class ConversionFailed(ServiceError):
    """LibreOffice could not read the file."""


def office_binary() -> str | None:
    """The path of `soffice` (or `libreoffice`), or None when the server has neither."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, *, source_suffix: str, target: str) -> bytes:
    """The bytes of `data` (a file ending in `source_suffix`, e.g. ".doc") converted to `target` ("docx", "xlsx",
    "pdf"). Each call uses its own LibreOffice profile so that parallel conversions do not lock each other out."""
    binary = office_binary()
    if binary is None:
        raise OfficeUnavailable(
            "На сервере не установлен LibreOffice, поэтому файлы .doc, .odt и .ods не читаются. Сохраните файл в "
            "формате .docx или .xlsx (в Word: «Файл» → «Сохранить как») или попросите администратора установить "
            "пакет libreoffice-writer-nogui."
        )
    suffix = source_suffix if source_suffix.startswith(".") else f".{source_suffix}"
    with tempfile.TemporaryDirectory(prefix="innoinfra-office-") as work:
        folder = Path(work)
        source = folder / f"document{suffix.lower()}"
        source.write_bytes(data)
        out = folder / "out"
        command = [
            binary,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False, cwd=work)
        except subprocess.TimeoutExpired as error:
            raise ConversionFailed(
                "LibreOffice не успел прочитать файл: он слишком велик или повреждён. Сохраните его в формате .docx."
            ) from error
        result = out / f"document.{target.split(':')[0]}"
        if not result.exists() or result.stat().st_size == 0:
            raise ConversionFailed(
                "LibreOffice не смог прочитать файл: он повреждён или это не документ. Откройте его в Word или "
                "LibreOffice и сохраните в формате .docx."
            )
        return result.read_bytes()
