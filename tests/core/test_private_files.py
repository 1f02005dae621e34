"""Private files stay private: stored under random names, handed out only by views that check who asks.

People: Ирина (`orgadmin`) heads school № 1 and owns its application; Светлана heads school № 2 of the same district
(another organization); Лариса (`methodist`) runs the district's call; an anonymous visitor.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from innoinfra.accounts.enums import Role
from innoinfra.legal.services import create_document
from innoinfra.registry.models import Order
from innoinfra.review import services
from innoinfra.review.models import ApplicationFile
from tests.factories import MembershipFactory, OrderFactory, OrganizationFactory, UserFactory
from tests.review.factories import make_application, make_call

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NAME = "Заявка школы № 1.pdf"

pytestmark = pytest.mark.django_db


def pdf(name=NAME, content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def other_head(amursky):
    """Светлана: head of school № 2 — another organization of the same district."""
    school2 = OrganizationFactory(municipality=amursky, short_name="МБОУ СОШ № 2 г. Амурска")
    user = UserFactory(username="svetlana", first_name="Светлана", organization=school2)
    MembershipFactory(user=user, role=Role.ORG_ADMIN, organization=school2)
    return user


@pytest.fixture
def attached(amursky, school, orgadmin):
    application = make_application(make_call(amursky), school, by=orgadmin)
    return services.add_file(application, title="Заявка", file=pdf(), by=orgadmin)


# ---------------------------------------------------------------- stored names


def test_stored_names_are_random_and_the_given_name_is_kept(attached, orgadmin):
    second = services.add_file(attached.application, title="Ещё раз", file=pdf(), by=orgadmin)
    assert attached.file.name != second.file.name
    for row in (attached, second):
        row.refresh_from_db()
        assert row.file_name == NAME
        assert row.file.name.startswith("applications/") and row.file.name.endswith(".pdf")
        assert "Заявка" not in row.file.name and "school" not in row.file.name
        assert default_storage.exists(row.file.name)


def test_a_name_with_a_path_or_no_suffix_is_stored_plainly(attached):
    order = Order(number="1", date=attached.uploaded_at.date(), title="О площадках")
    order.file.save("..\\..\\C:\\windows\\приказ", ContentFile(PDF), save=True)
    order.refresh_from_db()
    assert order.file_name == "приказ"
    assert order.file.name.count("/") == 2 and "." not in order.file.name.rsplit("/", 1)[1]


# ---------------------------------------------------------------- who gets an application's file


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 404), ("other_head", 404), ("teacher", 404), ("orgadmin", 200), ("methodist", 200), ("admin_user", 200)],
)
def test_an_application_file_goes_to_its_readers_only(request, client_for, attached, who, status):
    user = request.getfixturevalue(who) if who else None
    response = client_for(user).get(f"/applications/files/{attached.pk}/")
    assert response.status_code == status
    if status == 200:
        assert body(response) == PDF
        assert response["Content-Disposition"] == f"attachment; filename=\"Zayavka shkoly No 1.pdf\"; filename*=utf-8''{quote(NAME)}"
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
    else:
        assert PDF not in response.content


def test_the_application_page_links_to_the_view_not_to_the_file(client_for, attached, orgadmin):
    page = client_for(orgadmin).get(f"/applications/{attached.application_id}/").content.decode()
    assert f'href="/applications/files/{attached.pk}/"' in page
    assert attached.file.name not in page and "/media/" not in page


# ---------------------------------------------------------------- files of other records


def test_a_file_of_a_draft_call_is_for_its_staff_only(client_for, amursky, methodist, orgadmin):
    call = make_call(amursky, published=False)
    document = services.add_document(call, title="Положение", file=pdf("Положение о конкурсе.pdf"))
    url = f"/calls/documents/{document.pk}/"
    assert client_for(None).get(url).status_code == 404
    assert client_for(orgadmin).get(url).status_code == 404
    response = client_for(methodist).get(url)
    assert response.status_code == 200 and body(response) == PDF
    assert quote("Положение о конкурсе.pdf") in response["Content-Disposition"]


def test_a_public_order_file_goes_to_anyone_through_the_view(client_for, amursky):
    order = OrderFactory(municipality=amursky)
    order.file.save("Приказ 172-Д.pdf", ContentFile(PDF), save=True)
    page = client_for(None).get(f"/registry/orders/{order.pk}/").content.decode()
    assert f'href="/registry/orders/{order.pk}/file/"' in page and "/media/" not in page
    response = client_for(None).get(f"/registry/orders/{order.pk}/file/")
    assert response.status_code == 200 and body(response) == PDF
    assert response["Content-Disposition"] == f"attachment; filename=\"Prikaz 172-D.pdf\"; filename*=utf-8''{quote('Приказ 172-Д.pdf')}"


def test_a_normative_document_in_the_api_links_to_the_view(client_for, amursky):
    document = create_document(
        level="municipal",
        doc_type="order",
        issuer="Управление образования",
        date=dt.date(2025, 4, 11),
        title="Положение",
        municipality=amursky,
    )
    document.file.save("Положение.pdf", ContentFile(PDF), save=True)
    data = client_for(None).get(f"/api/v1/legal-documents/{document.pk}/").json()
    assert data["file"] == f"http://testserver/documents/{document.pk}/file/"
    assert body(client_for(None).get(f"/documents/{document.pk}/file/")) == PDF


# ---------------------------------------------------------------- the old way in is closed


def test_media_is_not_served(client_for, attached, methodist):
    for user in (None, methodist):
        assert client_for(user).get(f"/media/{attached.file.name}").status_code == 404


def test_a_file_stored_before_random_names_still_downloads_under_its_name(client_for, attached, orgadmin):
    legacy = "applications/2025/Паспорт проекта.pdf"
    default_storage.save(legacy, ContentFile(PDF))
    ApplicationFile.objects.filter(pk=attached.pk).update(file=legacy, file_name="")
    response = client_for(orgadmin).get(f"/applications/files/{attached.pk}/")
    assert response.status_code == 200 and body(response) == PDF
    assert response["Content-Disposition"] == f"attachment; filename=\"Pasport proekta.pdf\"; filename*=utf-8''{quote('Паспорт проекта.pdf')}"


def test_in_production_nginx_sends_the_file(settings, client_for, attached, orgadmin, other_head):
    settings.FILES_X_ACCEL_REDIRECT = True
    response = client_for(orgadmin).get(f"/applications/files/{attached.pk}/")
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected/{attached.file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"attachment; filename=\"Zayavka shkoly No 1.pdf\"; filename*=utf-8''{quote(NAME)}"
    assert response["X-Content-Type-Options"] == "nosniff"
    refused = client_for(other_head).get(f"/applications/files/{attached.pk}/")
    assert refused.status_code == 404 and not refused.has_header("X-Accel-Redirect")


def test_the_edit_form_names_the_stored_file_without_a_link_to_it(client_for, amursky, methodist):
    order = OrderFactory(municipality=amursky)
    order.file.save("Приказ 172-Д.pdf", ContentFile(PDF), save=True)
    page = client_for(methodist).get(f"/registry/orders/{order.pk}/edit/").content.decode()
    assert "Приказ 172-Д.pdf" in page
    assert order.file.name not in page and "/media/" not in page


def test_evidence_of_a_draft_plan_is_for_those_who_may_change_it(client_for, school, orgadmin, other_head):
    from innoinfra.plans.models import Evidence
    from tests.plans.factories import make_plan

    plan = make_plan(school, by=orgadmin)
    evidence = Evidence(occurrence=plan.occurrences.first(), title="Фотоотчёт")
    evidence.file.save("Фотоотчёт семинара.pdf", ContentFile(PDF), save=True)
    url = f"/plans/evidence/{evidence.pk}/file/"
    assert client_for(None).get(url).status_code == 404
    assert client_for(other_head).get(url).status_code == 404
    response = client_for(orgadmin).get(url)
    assert response.status_code == 200 and body(response) == PDF
    assert quote("Фотоотчёт семинара.pdf") in response["Content-Disposition"]
