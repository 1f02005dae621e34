"""Certificates: issued to those present, each with a unique number and a PDF whose QR code leads to a public
page confirming it; a forged number is not found; templates are data, never code; organizers only."""

import datetime as dt
import io

import pytest
from django.core import mail
from pypdf import PdfReader

from innoinfra.core.errors import ServiceError
from innoinfra.events import services
from innoinfra.events.certificates import batches
from innoinfra.events.certificates import render as certificate_render
from innoinfra.events.certificates import services as certificates
from innoinfra.events.enums import BatchState, CertificateKind
from innoinfra.events.models import Certificate, CertificateBatch, CertificateTemplate

from ..conftest import ROLE_FIXTURES
from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db

ORGANIZERS = {"methodist", "authority", "orgadmin", "admin_user"}


def held_event(school, *, present=3, absent=1):
    event = make_event(school, starts_in=-dt.timedelta(days=1))
    people = sign_up(event, present + absent, now=event.starts_at - dt.timedelta(days=2))
    services.mark_attendance(event, attended=[r.pk for r in people[:present]])
    services.mark_held(event)
    return event, people


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_those_present_get_a_certificate_with_a_unique_number_and_their_name_in_the_pdf(school):
    event, people = held_event(school, present=3, absent=1)
    issued = certificates.issue_to_participants(event)
    assert sorted(c.registration_id for c in issued) == sorted(r.pk for r in people[:3])
    assert len({c.number for c in issued}) == 3
    first = issued[0]
    text = pdf_text(certificates.certificate_pdf(first))
    assert first.full_name.split()[0] in text
    assert first.number in text
    assert "Сертификат участника" in text.replace("\n", " ") or "СЕРТИФИКАТ УЧАСТНИКА" in text


def test_issuing_again_gives_nobody_a_second_certificate(school):
    event, _people = held_event(school, present=2)
    certificates.issue_to_participants(event)
    assert certificates.issue_to_participants(event) == []
    assert Certificate.objects.filter(event=event).count() == 2


def test_no_certificates_before_the_event_is_held(school):
    event = make_event(school)
    sign_up(event, 2)
    with pytest.raises(ServiceError, match="проведённым"):
        certificates.issue_to_participants(event)
    assert not Certificate.objects.exists()


def test_the_verification_page_confirms_a_real_number_and_404s_a_forged_one(school, client):
    event, _people = held_event(school, present=1, absent=0)
    (certificate,) = certificates.issue_to_participants(event)
    page = client.get(f"/certificates/{certificate.number}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Документ подлинный" in text and certificate.full_name in text and event.title in text
    # the holder may type the number in lower case
    assert client.get(f"/certificates/{certificate.number.lower()}/").status_code == 200
    forged = certificate.number[:-1] + ("2" if certificate.number[-1] != "2" else "3")
    assert client.get(f"/certificates/{forged}/").status_code == 404
    assert client.get("/certificates/2026-AAAA-BBBB/pdf/").status_code == 404


def test_the_pdf_is_downloaded_from_the_verification_page(school, client):
    event, _people = held_event(school, present=1, absent=0)
    (certificate,) = certificates.issue_to_participants(event)
    response = client.get(f"/certificates/{certificate.number}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert certificate.number in pdf_text(response.content)


def test_a_revoked_certificate_is_reported_as_annulled(school, client):
    event, _people = held_event(school, present=1, absent=0)
    (certificate,) = certificates.issue_to_participants(event)
    certificates.revoke(certificate)
    page = client.get(f"/certificates/{certificate.number}/")
    assert "аннулирован" in page.content.decode()
    # the PDF of an annulled certificate is not given out: its page, which says so, opens instead
    assert client.get(f"/certificates/{certificate.number}/pdf/").url == f"/certificates/{certificate.number}/"
    with pytest.raises(ServiceError):
        certificates.revoke(certificate)


def test_the_qr_code_points_at_the_verification_page(school):
    event, _people = held_event(school, present=1, absent=0)
    (certificate,) = certificates.issue_to_participants(event)
    data = certificate_render.CertificateData.of(certificate, certificates.verify_url(certificate.number))
    assert data.verify_url.endswith(f"/certificates/{certificate.number}/")
    filled = certificate_render.fill("{{ qr }} {{ ссылка }}", data)
    assert "data:image/svg+xml;base64," in filled and data.verify_url in filled


def test_a_batch_issues_and_mails_everyone_present_and_reports_its_progress(
    school, methodist, client_for, django_capture_on_commit_callbacks
):
    event, _people = held_event(school, present=4, absent=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(methodist).post(f"/events/{event.pk}/certificates/issue/", {"send_email": "1"})
    assert response.status_code == 302
    batch = CertificateBatch.objects.get(event=event)
    assert (batch.state, batch.total, batch.done, batch.emailed) == (BatchState.DONE, 4, 4, 4)
    assert len(mail.outbox) == 4
    letter = mail.outbox[0]
    assert letter.attachments[0][2] == "application/pdf"
    assert "/certificates/" in letter.body
    progress = client_for(methodist).get(f"/events/{event.pk}/certificates/batch/{batch.pk}/")
    assert "4 из 4" in progress.content.decode()
    # a second batch has no one left to serve
    client_for(methodist).post(f"/events/{event.pk}/certificates/issue/")
    assert CertificateBatch.objects.filter(event=event).count() == 1


def test_a_failed_batch_keeps_what_was_done_and_goes_on_when_run_again(
    school, monkeypatch, django_capture_on_commit_callbacks
):
    event, _people = held_event(school, present=3, absent=0)
    monkeypatch.setattr(batches, "CHUNK", 2)
    real_render = certificate_render.render_pdfs
    calls = {"n": 0}

    def failing_second_time(body, items):
        calls["n"] += 1
        if calls["n"] == 2:
            raise ServiceError("сбой вёрстки")
        return real_render(body, items)

    monkeypatch.setattr(certificate_render, "render_pdfs", failing_second_time)
    batch = CertificateBatch.objects.create(event=event, total=3)
    batches.run_batch(batch.pk)
    batch.refresh_from_db()
    assert (batch.state, batch.done) == (BatchState.FAILED, 2)
    assert "сбой вёрстки" in batch.error
    assert Certificate.objects.filter(event=event).count() == 2  # the failed chunk left nothing behind
    assert batches.run_batch(batch.pk).state == BatchState.FAILED  # a failed batch is not simply run again
    with django_capture_on_commit_callbacks(execute=True):
        batches.restart_batch(batch)  # «Запустить снова»
    batch.refresh_from_db()
    assert (batch.state, batch.done) == (BatchState.DONE, 3)


def test_speakers_and_winners_are_listed_by_hand(school, orgadmin, client_for, django_capture_on_commit_callbacks):
    event, _people = held_event(school, present=0, absent=0)
    text = "Петрова Анна Сергеевна; МБОУ СОШ № 2; PETROVA@example.org; «Проектная неделя»\n\nСидоров Иван"
    with django_capture_on_commit_callbacks(execute=True):
        client_for(orgadmin).post(
            f"/events/{event.pk}/certificates/people/", {"kind": "speaker", "text": text, "send_email": "on"}
        )
    issued = list(Certificate.objects.filter(event=event).order_by("full_name"))
    assert [(c.full_name, c.kind, c.email) for c in issued] == [
        ("Петрова Анна Сергеевна", CertificateKind.SPEAKER, "petrova@example.org"),
        ("Сидоров Иван", CertificateKind.SPEAKER, ""),
    ]
    assert issued[0].extra == "«Проектная неделя»"
    assert [m.to for m in mail.outbox] == [["petrova@example.org"]]


def test_a_bad_line_issues_nothing(school, orgadmin, client_for):
    event, _people = held_event(school, present=0, absent=0)
    response = client_for(orgadmin).post(
        f"/events/{event.pk}/certificates/people/",
        {"kind": "winner", "text": "Петрова Анна; школа; not-an-email", "send_email": ""},
        follow=True,
    )
    assert "не адрес электронной почты" in response.content.decode()
    assert not Certificate.objects.exists()


def test_a_template_is_data_placeholders_are_escaped_and_nothing_is_fetched(school):
    event, _people = held_event(school, present=0, absent=0)
    with pytest.raises(ServiceError, match="неизвестные подстановки"):
        certificate_render.check_body("<p>{{ фио }} {{ request.user.password }}</p>")
    template = certificates.save_template(
        None,
        title="Свой",
        body='<link rel="stylesheet" href="file:///etc/passwd"><img src="http://169.254.169.254/x"><p>{{ ФИО }}</p>',
        organization=school,
    )
    certificates.choose_template(event, template)
    certificates.issue_to_people(event, kind="winner", text="<b>Злоумышленник</b> {{ номер }}")
    certificate = Certificate.objects.get(event=event)
    text = pdf_text(certificates.certificate_pdf(certificate))
    assert "<b>Злоумышленник</b>" in text  # shown as text, not markup, and not substituted twice
    assert certificate.number not in text


def test_a_template_of_another_organization_cannot_be_chosen(school, vyselki):
    from tests.factories import OrganizationFactory

    stranger = OrganizationFactory(municipality=vyselki)
    template = certificates.save_template(None, title="Чужой", body="<p>{{ фио }}</p>", organization=stranger)
    event = make_event(school)
    with pytest.raises(ServiceError, match="другой организации"):
        certificates.choose_template(event, template)


@pytest.mark.parametrize("role", ["anonymous", *ROLE_FIXTURES])
def test_only_organizers_open_the_certificates_page(
    role, school, client_for, request, django_capture_on_commit_callbacks
):
    event, _people = held_event(school, present=1, absent=0)
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    page = client.get(f"/events/{event.pk}/certificates/")
    preview = client.get(f"/events/{event.pk}/certificates/preview.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/{event.pk}/certificates/issue/")
    if role == "anonymous":
        assert page.status_code == 302 and page.url.startswith("/accounts/login/")
    elif role in ORGANIZERS:
        assert page.status_code == 200 and preview["Content-Type"] == "application/pdf"
    else:
        assert page.status_code == 403 and preview.status_code == 403
    assert Certificate.objects.filter(event=event).exists() == (role in ORGANIZERS)


@pytest.mark.parametrize("role", ["anonymous", *ROLE_FIXTURES])
def test_templates_are_edited_by_their_organization_and_its_territory_staff(role, school, client_for, request):
    template = certificates.save_template(None, title="Школьный", body="<p>{{ фио }}</p>", organization=school)
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = client_for(user).post(
        f"/events/certificate-templates/{template.pk}/", {"title": "Изменённый", "body": "<h1>{{ фио }}</h1>"}
    )
    template.refresh_from_db()
    changed = template.title == "Изменённый"
    assert changed == (role in ORGANIZERS), response.status_code


def test_only_the_installation_admin_edits_the_common_template(methodist, admin_user, client_for):
    common = certificates.save_template(None, title="Общий", body="<p>{{ фио }}</p>")
    assert client_for(methodist).get(f"/events/certificate-templates/{common.pk}/").status_code == 403
    assert client_for(admin_user).get(f"/events/certificate-templates/{common.pk}/").status_code == 200


def test_an_unknown_placeholder_is_refused_with_a_clear_message(orgadmin, school, client_for):
    response = client_for(orgadmin).post(
        "/events/certificate-templates/new/",
        {"title": "Мой", "organization": school.pk, "body": "<p>{{ имя_ученика }}</p>", "save": ""},
    )
    assert response.status_code == 200
    assert "неизвестные подстановки" in response.content.decode()
    assert not CertificateTemplate.objects.exists()


def test_a_template_preview_is_a_pdf_of_a_sample(orgadmin, school, client_for):
    response = client_for(orgadmin).post(
        "/events/certificate-templates/new/",
        {"title": "Мой", "organization": school.pk, "body": "<p>{{ фио }}</p>", "preview": ""},
    )
    assert response["Content-Type"] == "application/pdf"
    assert "Иванова Мария Петровна" in pdf_text(response.content)
    assert not CertificateTemplate.objects.exists()


def test_the_issued_list_has_no_per_row_queries(school, methodist, client_for, assert_constant_queries):
    event, _people = held_event(school, present=0, absent=0)
    counter = {"n": 0}

    def grow(n):
        lines = "\n".join(f"Выступающий {counter['n'] + i}" for i in range(n))
        counter["n"] += n
        certificates.issue_to_people(event, kind="speaker", text=lines)

    client = client_for(methodist)
    client.get(f"/events/{event.pk}/certificates/")  # the first page of a session fills caches (the user's scope)
    assert_constant_queries(client, f"/events/{event.pk}/certificates/", grow)
