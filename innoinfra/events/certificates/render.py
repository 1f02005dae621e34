"""Certificates as PDF from an organizer's HTML template.

A template is data, not code: the only thing substituted is a fixed set of placeholders ({{ фио }} …) whose
values are escaped, and the PDF renderer may fetch nothing but inline `data:` images — no files, no network.
So a template can neither run code nor read what it should not, whoever edits it."""

from __future__ import annotations

import base64
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

import segno
from django.utils import timezone

from innoinfra.core.dates import russian_date
from innoinfra.core.errors import ServiceError

MAX_TEMPLATE_SIZE = 200_000
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")
STYLE = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)

# placeholder (as the organizer writes it) → what it stands for; the guide and the editor list them
PLACEHOLDERS = {
    "фио": "фамилия, имя, отчество получателя",
    "организация": "организация получателя",
    "вид": "вид документа: «Сертификат участника», «Диплом победителя» …",
    "роль": "за что выдан: «принял(а) участие в», «выступил(а) на» …",
    "дополнительно": "тема выступления или номинация",
    "мероприятие": "название мероприятия",
    "форма": "форма проведения: семинар, вебинар …",
    "дата": "дата проведения («11 апреля 2025 г.»)",
    "место": "место проведения или «онлайн»",
    "организатор": "организатор мероприятия",
    "муниципалитет": "муниципалитет организатора",
    "номер": "номер сертификата",
    "дата_выдачи": "дата выдачи",
    "ссылка": "адрес страницы проверки подлинности",
    "qr": "QR-код со ссылкой на страницу проверки",
}

ROLE_PHRASES = {
    "participant": "принял(а) участие в мероприятии",
    "speaker": "выступил(а) на мероприятии",
    "winner": "стал(а) победителем",
    "prize_winner": "стал(а) призёром",
}


DEFAULT_TEMPLATE = Path(__file__).with_name("default.html")


def default_body() -> str:
    return DEFAULT_TEMPLATE.read_text(encoding="utf-8")


def unknown_placeholders(body: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(body) if name.lower() not in PLACEHOLDERS})


def check_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ServiceError("Шаблон пуст.")
    if len(body) > MAX_TEMPLATE_SIZE:
        raise ServiceError("Шаблон слишком велик (не больше 200 000 знаков).")
    unknown = unknown_placeholders(body)
    if unknown:
        names = ", ".join("{{ " + name + " }}" for name in unknown)
        raise ServiceError(f"В шаблоне неизвестные подстановки: {names}. Допустимые перечислены под полем.")
    return body


def qr_image(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=3, border=1)
    encoded = base64.b64encode(svg.encode()).decode()
    return f'<img class="qr" alt="QR-код" src="data:image/svg+xml;base64,{encoded}">'


@dataclass(frozen=True)
class CertificateData:
    """What a certificate says; built from a Certificate (or a sample, for the preview)."""

    number: str
    kind: str
    kind_label: str
    full_name: str
    organization_name: str
    extra: str
    event_title: str
    event_format: str
    event_date: str
    place: str
    organizer: str
    municipality: str
    issued_on: str
    verify_url: str

    @classmethod
    def of(cls, certificate, verify_url: str) -> CertificateData:
        event = certificate.event
        return cls(
            number=certificate.number,
            kind=certificate.kind,
            kind_label=certificate.get_kind_display(),
            full_name=certificate.full_name,
            organization_name=certificate.organization_name,
            extra=certificate.extra,
            event_title=event.title,
            event_format=event.get_format_display().lower(),
            event_date=event_dates(event),
            place=event.place or "онлайн",
            organizer=event.organizer.full_name,
            municipality=event.municipality.name,
            issued_on=russian_date(timezone.localtime(certificate.issued_at).date()),
            verify_url=verify_url,
        )

    def values(self) -> dict[str, str]:
        escaped = {
            "фио": self.full_name,
            "организация": self.organization_name,
            "вид": self.kind_label,
            "роль": ROLE_PHRASES.get(self.kind, ""),
            "дополнительно": self.extra,
            "мероприятие": self.event_title,
            "форма": self.event_format,
            "дата": self.event_date,
            "место": self.place,
            "организатор": self.organizer,
            "муниципалитет": self.municipality,
            "номер": self.number,
            "дата_выдачи": self.issued_on,
            "ссылка": self.verify_url,
        }
        values = {name: html.escape(value) for name, value in escaped.items()}
        values["qr"] = qr_image(self.verify_url)
        return values


def event_dates(event) -> str:
    start = timezone.localtime(event.starts_at).date()
    end = timezone.localtime(event.ends_at).date()
    if start == end:
        return russian_date(start)
    return f"{russian_date(start).removesuffix(' г.')} — {russian_date(end)}"


def fill(body: str, data: CertificateData) -> str:
    values = data.values()
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1).lower(), ""), body)


def inline_only():
    """Only inline images (the QR code, a logo pasted as data:) are read; files and the network are refused."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), timeout=1, allow_redirects=False)


def render_pdfs(body: str, items: list[CertificateData]) -> list[bytes]:
    """One PDF per certificate. The certificates are laid out and written as one document — styles and fonts
    are processed once, which is what makes a batch of hundreds take seconds — and the document is then cut into
    each certificate's pages (a template may run over one page)."""
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    if not items:
        return []
    # the template's styles go once into the head: repeated in every certificate, they made the layout quadratic
    styles = "".join(STYLE.findall(body))
    markup = STYLE.sub("", body)
    sections = "".join(
        f'<section class="certificate-page" id="c{n}">{fill(markup, item)}</section>' for n, item in enumerate(items)
    )
    document_html = (
        "<!doctype html><html lang='ru'><head><meta charset='utf-8'>"
        "<style>.certificate-page{break-before:page}.certificate-page:first-child{break-before:auto}</style>"
        f"{styles}</head><body>{sections}</body></html>"
    )
    document = HTML(string=document_html, url_fetcher=inline_only()).render()
    starts = _first_pages(document, len(items))
    whole = PdfReader(io.BytesIO(document.write_pdf()))
    pdfs = []
    for n, item in enumerate(items):
        end = starts[n + 1] if n + 1 < len(starts) else len(whole.pages)
        writer = PdfWriter()
        for page in whole.pages[starts[n] : end]:
            writer.add_page(page)
        writer.add_metadata({"/Title": f"{item.kind_label} № {item.number}", "/Author": item.organizer})
        buffer = io.BytesIO()
        writer.write(buffer)
        pdfs.append(buffer.getvalue())
    return pdfs


def _first_pages(document, count: int) -> list[int]:
    """The page on which each certificate begins, found by its anchor."""
    found: dict[int, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("c") and anchor[1:].isdigit():
                found.setdefault(int(anchor[1:]), index)
    if len(found) != count:
        raise ServiceError("Не удалось разметить сертификаты по страницам: проверьте шаблон.")
    return [found[n] for n in range(count)]


def sample(event, verify_url: str) -> CertificateData:
    """A preview: the organizer's event (or a made-up one, when a template is edited on its own) and a made-up
    recipient."""
    return CertificateData(
        number="2026-ОБРА-ЗЕЦ1",
        kind="participant",
        kind_label="Сертификат участника",
        full_name="Иванова Мария Петровна",
        organization_name="МБОУ «Средняя общеобразовательная школа № 1»",
        extra="",
        event_title=event.title if event else "Как превратить идею в проект",
        event_format=event.get_format_display().lower() if event else "семинар",
        event_date=event_dates(event) if event else russian_date(timezone.localdate()),
        place=(event.place or "онлайн") if event else "Информационно-методический центр",
        organizer=event.organizer.full_name if event else "Информационно-методический центр",
        municipality=event.municipality.name if event else "Муниципальный район",
        issued_on=russian_date(timezone.localdate()),
        verify_url=verify_url,
    )
