"""Links in documents lead to the address the system is really at: SITE_URL when it is configured, otherwise the
address the request came to (`make run PORT=8101` gives QR codes and links on 8101, never 127.0.0.1:8000)."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from innoinfra.core import site_url
from innoinfra.events import services as events
from innoinfra.events.certificates import render as certificate_render
from innoinfra.events.certificates import services as certificates

from ..events.factories import make_event, sign_up

pytestmark = pytest.mark.django_db
PORT_8101 = {"HTTP_HOST": "127.0.0.1:8101"}


def protocol_link(response) -> str:
    lines = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    return next(line for line in lines if line.startswith("Электронная версия протокола:"))


def certificate(school):
    event = make_event(school, starts_in=-dt.timedelta(days=1))
    (person,) = sign_up(event, 1, now=event.starts_at - dt.timedelta(days=2))
    events.mark_attendance(event, attended=[person.pk])
    events.mark_held(event)
    (issued,) = certificates.issue_to_participants(event)
    return issued


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_without_site_url_the_protocol_link_carries_the_port_served(settings, meeting, expert, client_for):
    settings.SITE_URL = ""
    response = client_for(expert).get(reverse("council:protocol_docx", args=[meeting.pk]), **PORT_8101)
    assert (
        protocol_link(response) == f"Электронная версия протокола: http://127.0.0.1:8101/council/meetings/{meeting.pk}/"
    )


def test_with_site_url_the_protocol_link_carries_it(settings, meeting, expert, client_for):
    settings.SITE_URL = "https://innoinfra.example.ru"
    response = client_for(expert).get(reverse("council:protocol_docx", args=[meeting.pk]), **PORT_8101)
    assert protocol_link(response).endswith(f"https://innoinfra.example.ru/council/meetings/{meeting.pk}/")


@pytest.mark.parametrize(
    ("configured", "expected"),
    [("", "http://127.0.0.1:8101"), ("https://innoinfra.example.ru", "https://innoinfra.example.ru")],
)
def test_the_certificate_text_and_qr_code_carry_the_right_address(settings, client, school, configured, expected):
    settings.SITE_URL = configured
    site_url._remembered = ""
    client.get("/", **PORT_8101)  # the system is served on 8101
    issued = certificate(school)  # issued outside any request, as the task worker does
    response = client.get(f"/certificates/{issued.number}/pdf/", **PORT_8101)
    assert response.status_code == 200
    text = re.sub(r"\s+", "", pdf_text(response.content))
    assert f"{expected}/certificates/{issued.number}/".replace(" ", "") in text
    assert "127.0.0.1:8000" not in text
    # The QR code is drawn from the same address as the text: fill the template as the PDF view does.
    with site_url_request("127.0.0.1:8101"):
        data = certificate_render.CertificateData.of(issued, certificates.verify_url(issued.number))
    assert data.verify_url == f"{expected}/certificates/{issued.number}/"
    assert certificate_render.qr_image(data.verify_url) in certificate_render.fill("{{ qr }}", data)


class site_url_request:
    """Code running below a view on a request to `host` (what SiteOriginMiddleware gives it)."""

    def __init__(self, host):
        self.origin = f"http://{host}"

    def __enter__(self):
        self.token = site_url._request_origin.set(self.origin)

    def __exit__(self, *exc):
        site_url._request_origin.reset(self.token)


def test_background_work_uses_the_address_last_served_and_never_a_guess(settings, client, tmp_path):
    settings.SITE_URL = ""
    settings.MEDIA_ROOT = tmp_path / "fresh"
    site_url._remembered = ""
    with pytest.raises(site_url.UnknownSiteAddress):
        site_url.absolute_url("/certificates/1/")
    client.get("/", **PORT_8101)
    # A worker process has no request: it reads what the server wrote down.
    site_url._remembered = ""
    assert site_url.absolute_url("/certificates/1/") == "http://127.0.0.1:8101/certificates/1/"
