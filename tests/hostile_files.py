"""Files an attacker would upload, built in memory, and a few legitimate ones, for the upload gate's tests."""

from __future__ import annotations

import functools
import io
import struct
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

DEMO_FILES = Path(__file__).resolve().parents[1] / "innoinfra" / "demo" / "files"
MB = 1024 * 1024

EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + b"\x00" * 47
    + b"\x0e\x1f\xba\x0e\x00\xb4\t\xcd!\xb8\x01L\xcd!This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 400
)  # fmt: skip
HTML = b"<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def demo_docx() -> bytes:
    return (DEMO_FILES / "003_event_plan_2021.docx").read_bytes()


def docx_with_macros() -> bytes:
    """A real plan with a vbaProject.bin put into it, as Word keeps the macros of a .docm."""
    source = zipfile.ZipFile(io.BytesIO(demo_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    return out.getvalue()


def docx_compressed_with_lzma() -> bytes:
    """A real plan whose parts are packed with LZMA: a valid archive, but not how Office writes one."""
    source = zipfile.ZipFile(io.BytesIO(demo_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_LZMA) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    return out.getvalue()


def corrupt_zip() -> bytes:
    data = bytearray(demo_docx())
    middle = len(data) // 2
    data[middle : middle + 2000] = b"\x00" * 2000  # a member's compressed data overwritten
    return bytes(data)


def _bomb_archive(inflated: int) -> tuple[bytes, int]:
    """A real DOCX (the demo's plan) whose word/document.xml is replaced by `inflated` bytes of zeros, written in
    chunks so that building it takes little memory; and the offset of that member's local header. Every other
    part is genuine, so a reader that checks the package's parts and content types lets it through."""
    source = zipfile.ZipFile(io.BytesIO(demo_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, source.read(info))
        offset = out.tell()
        with archive.open("word/document.xml", "w", force_zip64=inflated > 0xFFFFFFF0) as member:
            chunk = b"\x00" * MB
            for _ in range(inflated // MB):
                member.write(chunk)
    return out.getvalue(), offset


@functools.cache
def zip_bomb(inflated: int = 200 * MB) -> bytes:
    """An honest bomb: its headers tell the true size, a highly compressible member (~1000:1)."""
    return _bomb_archive(inflated)[0]


@functools.cache
def lying_zip_bomb(inflated: int = 200 * MB, declared: int = 1000) -> bytes:
    """A bomb whose local and central headers declare `declared` bytes for word/document.xml though its data
    inflates to `inflated`: a reader that trusts the headers lets it through, one that inflates it all at once
    takes all that memory."""
    data, local = _bomb_archive(inflated)
    data = bytearray(data)
    # local header: sizes at +18 (compressed) and +22 (uncompressed); zip64 keeps them in the extra field
    name_len, _ = struct.unpack_from("<HH", data, local + 26)
    if struct.unpack_from("<L", data, local + 22)[0] == 0xFFFFFFFF:
        extra = local + 30 + name_len
        struct.pack_into("<Q", data, extra + 4, declared)
    else:
        struct.pack_into("<L", data, local + 22, declared)
    # the central directory entry of the same member
    central = data.find(b"word/document.xml", data.find(b"PK\x01\x02")) - 46
    assert data[central : central + 4] == b"PK\x01\x02"
    if struct.unpack_from("<L", data, central + 24)[0] == 0xFFFFFFFF:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        struct.pack_into("<Q", data, central + 46 + name_len + 4, declared)
    else:
        struct.pack_into("<L", data, central + 24, declared)
    return bytes(data)


def ole_file(streams: dict[str, bytes], storages: tuple[str, ...] = ()) -> bytes:
    """A minimal OLE compound file (the container of .doc/.xls/.ppt): streams of at least 4096 bytes each (so no
    mini stream is needed) and empty storages. Enough for olefile, and for telling a Word file with macros."""
    end, free, fat_sect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fat_sect, end]  # sector 0: the FAT, sector 1: the directory
    data = b""
    entries = []
    for name, content in streams.items():
        content = content.ljust(4096, b"\x00")
        content += b"\x00" * (-len(content) % 512)
        start = len(fat)
        count = len(content) // 512
        fat += [start + i + 1 for i in range(count - 1)] + [end]
        data += content
        entries.append((name, 2, start, len(content)))
    entries += [(name, 1, end, 0) for name in storages]
    assert len(entries) <= 3 and len(fat) <= 128

    def entry(name, kind, start, size, child=nostream, right=nostream):
        encoded = (name.encode("utf-16-le") + b"\x00\x00").ljust(64, b"\x00")
        return (
            encoded
            + struct.pack("<HBB3L", len(name) * 2 + 2, kind, 1, nostream, right, child)
            + bytes(16)
            + struct.pack("<L2QLQ", 0, 0, 0, start, size)
        )

    directory = entry("Root Entry", 5, end, 0, child=1)
    for index, (name, kind, start, size) in enumerate(entries, start=1):
        directory += entry(name, kind, start, size, right=index + 1 if index < len(entries) else nostream)
    directory = directory.ljust(512, b"\x00")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<LLLLLLLLL", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<L", 0)
        + struct.pack("<108L", *([free] * 108))
    )
    fat_sector = struct.pack(f"<{len(fat)}L", *fat) + struct.pack(f"<{128 - len(fat)}L", *([free] * (128 - len(fat))))
    return header + fat_sector + directory + data


def word_97_doc() -> bytes:
    return ole_file({"WordDocument": b"\xec\xa5" + bytes(100), "1Table": bytes(100)})


def word_97_doc_with_macros() -> bytes:
    return ole_file({"WordDocument": b"\xec\xa5" + bytes(100), "1Table": bytes(100)}, storages=("Macros",))


def zip_of_files() -> bytes:
    """An ordinary archive of evidence: a photo and a list."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("фото.png", PNG)
        archive.writestr("список.txt", "Участники семинара".encode())
    return buffer.getvalue()
