"""The удостоверение о повышении квалификации as PDF (WeasyPrint, like the participation certificates). The layout
is fixed (the register's document, not an organizer's template); every value is escaped by the template engine and
the renderer fetches nothing but inline images."""

from __future__ import annotations

from django.template.loader import render_to_string

from innoinfra.core.dates import russian_date
from innoinfra.core.numerals import numeral

from ..certificates.render import inline_only
from .models import TrainingCertificate


def certificate_pdf(certificate: TrainingCertificate) -> bytes:
    from weasyprint import HTML

    event = certificate.event
    html = render_to_string(
        "events/courses/training_certificate_pdf.html",
        {
            "certificate": certificate,
            "event": event,
            # genitive after «в объёме»: «1 часа», «36 часов»
            "hours": numeral(certificate.hours, ("часа", "часов", "часов")),
            "issued_on": russian_date(certificate.issued_on),
            "kind": event.get_format_display().lower(),
        },
    )
    return HTML(string=html, url_fetcher=inline_only()).write_pdf()
