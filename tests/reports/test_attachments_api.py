"""A report's attachments through the API (issue 21): listed with the form's attachment items, uploaded through the
same upload gate as the report's page (a hostile file is refused with the gate's Russian message, 400), removed —
only while the report is editable (409 otherwise) and only by those who fill it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from innoinfra.core.uploads import ATTACHMENTS, check_upload
from innoinfra.reports import services
from innoinfra.reports.enums import ItemKind
from innoinfra.reports.models import Answer
from tests.api.clients import api, persona
from tests.hostile_files import EXE, HTML, PDF, upload

from .factories import attachment, make_campaign, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(amursky, methodist, site):
    today = timezone.localdate()
    return make_campaign(
        amursky,
        by=methodist,
        period=(today - dt.timedelta(days=270), today - dt.timedelta(days=1)),
        deadline=today + dt.timedelta(days=10),
        items=[section("Практическая деятельность"), attachment("Отчёт с подписью руководителя")],
        open_it=True,
    )


@pytest.fixture
def report(campaign):
    return campaign.reports.get()


@pytest.fixture
def item(campaign):
    return campaign.form.items.get(kind=ItemKind.ATTACHMENT)


def url(report) -> str:
    return f"/api/v1/reports/{report.pk}/attachments/"


def send(user, report, item_id, file):
    return api(user).post(url(report), {"item": item_id, "file": file}, format="multipart")


def gate_message(file) -> str:
    try:
        check_upload(file, purpose=ATTACHMENTS.narrowed([".pdf"]))
    except ValidationError as error:
        file.seek(0)
        return error.messages[0]
    raise AssertionError("the gate took a hostile file")


def test_the_school_uploads_replaces_and_removes_a_file(report, item, orgadmin, methodist):
    listed = api(orgadmin).get(url(report)).json()
    assert [(row["item"], row["file_name"], row["file_types"]) for row in listed] == [(item.pk, None, [".pdf"])]
    response = send(orgadmin, report, item.pk, upload("otchet.pdf", PDF))
    assert response.status_code == 200, response.json()
    assert response.json()[0]["file_name"] == "otchet.pdf" and response.json()[0]["url"].startswith("http")
    send(orgadmin, report, item.pk, upload("otchet-2.pdf", PDF))
    assert Answer.objects.get(report=report, item=item).display == "otchet-2.pdf"
    assert api(methodist).get(url(report)).json()[0]["file_name"] == "otchet-2.pdf"  # the curator reads it
    removed = api(orgadmin).delete(f"{url(report)}{item.pk}/")
    assert removed.status_code == 204
    assert not Answer.objects.filter(report=report, item=item).exists()
    again = api(orgadmin).delete(f"{url(report)}{item.pk}/")
    assert again.status_code == 400 and again.json()["detail"] == "«Отчёт с подписью руководителя»: файл не приложен."


@pytest.mark.parametrize(("name", "content"), [("virus.pdf", EXE), ("page.pdf", HTML), ("otchet.exe", PDF)])
def test_a_hostile_file_is_refused_with_the_gates_message(report, item, orgadmin, name, content):
    expected = gate_message(upload(name, content))
    response = send(orgadmin, report, item.pk, upload(name, content))
    assert response.status_code == 400
    assert response.json()["detail"] == f"«Отчёт с подписью руководителя»: {expected}"
    assert not Answer.objects.filter(report=report).exists()


def test_a_non_attachment_item_is_refused(report, campaign, orgadmin):
    text_item = campaign.form.items.get(kind=ItemKind.SECTION)
    response = send(orgadmin, report, text_item.pk, upload("otchet.pdf", PDF))
    assert response.status_code == 400
    assert response.json()["item"] == ["В форме отчёта нет такого пункта-приложения."]


def test_a_submitted_report_is_locked(report, item, campaign, orgadmin):
    send(orgadmin, report, item.pk, upload("otchet.pdf", PDF))
    text_item = campaign.form.items.get(kind=ItemKind.SECTION)
    services.submit(report, by=orgadmin, values={text_item.pk: "Семинары."})
    response = send(orgadmin, report, item.pk, upload("other.pdf", PDF))
    assert response.status_code == 409
    assert response.json()["detail"] == "Отчёт представлен: менять его ответы нельзя."
    assert api(orgadmin).delete(f"{url(report)}{item.pk}/").status_code == 409
    assert Answer.objects.get(report=report, item=item).display == "otchet.pdf"


@pytest.mark.parametrize(
    ("role", "status"),
    [("methodist", 403), ("other_methodist", 404), ("expert", 404), ("teacher", 404), (None, 403)],
)
def test_only_the_school_uploads(request, report, item, role, status):
    response = send(persona(request, role), report, item.pk, upload("otchet.pdf", PDF))
    assert response.status_code in ({status, 401} if role is None else {status})
    deleted = api(persona(request, role)).delete(f"{url(report)}{item.pk}/")
    assert deleted.status_code in ({status, 401} if role is None else {status})
    assert not Answer.objects.filter(report=report).exists()
