"""The applicant's application with its project passport, to sign and stamp: Word and PDF (issue 20, point 5)."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from docx import Document

from innoinfra.accounts.enums import Role
from innoinfra.core import office
from innoinfra.core.typography import plain
from innoinfra.review.passport import BY_CODE
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.office import read_as_pdf
from tests.review.factories import PASSPORT, make_application, make_call

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def application(amursky, school, orgadmin):
    school.head_name = "Загуменнова Людмила Викторовна"
    school.save()
    call = make_call(amursky, title="Конкурс «Школа будущего» 2025 года")
    return make_application(call, school, by=orgadmin, submitted=True, theme="Функциональная грамотность")


@pytest.fixture
def other_head(amursky):
    school2 = OrganizationFactory(municipality=amursky, short_name="МБОУ СОШ № 2 г. Амурска")
    user = UserFactory(username="svetlana", first_name="Светлана", organization=school2)
    MembershipFactory(user=user, role=Role.ORG_ADMIN, organization=school2)
    return user


def lines_of(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    return [plain(p.text) for p in Document(io.BytesIO(response.content)).paragraphs]


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_head", 404), ("teacher", 404), ("expert", 404), ("orgadmin", 200), ("methodist", 200), ("admin_user", 200)],
)
def test_the_application_document_goes_to_those_who_see_the_application(
    request, client_for, application, who, status
):
    user = request.getfixturevalue(who)
    response = client_for(user).get(f"/applications/{application.pk}/application.docx")
    assert response.status_code == status
    if status != 200:
        assert "ЗАЯВКА".encode() not in response.content


def test_an_anonymous_visitor_is_sent_to_log_in(client_for, application):
    response = client_for(None).get(f"/applications/{application.pk}/application.docx")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_document_has_the_passport_and_the_signature_block(client_for, application, orgadmin):
    response = client_for(orgadmin).get(f"/applications/{application.pk}/application.docx")
    lines = lines_of(response)
    assert "ЗАЯВКА" in lines
    # the call's title keeps its inner quotes as „…“ inside «…»
    assert "на участие в конкурсе «Конкурс „Школа будущего“ 2025 года»" in lines
    assert "Тема проекта: Функциональная грамотность" in lines
    assert "ПАСПОРТ ПРОЕКТА" in lines
    for code in application.call.form_fields:
        assert any(line.endswith(BY_CODE[code].label) for line in lines), BY_CODE[code].label
        assert PASSPORT[code] in lines
    assert "Руководитель организации _______________ / Л. В. Загуменнова /" in lines
    assert "М. П." in lines and "«___» ____________ 20___ г." in lines
    name = f"Заявка № {application.number} — Функциональная грамотность.docx"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"Zayavka No {application.number} Funktsionalnaya gramotnost.docx\"; "
        f"filename*=utf-8''{quote(name)}"
    )


def test_the_application_page_links_both_files(client_for, application, orgadmin):
    page = client_for(orgadmin).get(f"/applications/{application.pk}/").content.decode()
    assert f'href="/applications/{application.pk}/application.docx"' in page
    assert f'href="/applications/{application.pk}/application.pdf"' in page


def test_without_libreoffice_the_pdf_says_so_in_russian(client_for, application, orgadmin, monkeypatch):
    monkeypatch.setattr(office, "office_binary", lambda: None)
    response = client_for(orgadmin).get(f"/applications/{application.pk}/application.pdf")
    assert response.status_code == 503
    page = response.content.decode()
    assert "не установлен LibreOffice" in page
    assert f'href="/applications/{application.pk}/application.docx"' in page


def test_the_pdf_is_refused_to_others_like_the_word_file(client_for, application, other_head):
    assert client_for(other_head).get(f"/applications/{application.pk}/application.pdf").status_code == 404


@pytest.mark.office
def test_the_pdf_reads_as_the_application(client_for, application, methodist):
    response = client_for(methodist).get(f"/applications/{application.pk}/application.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert quote(f"Заявка № {application.number} — Функциональная грамотность.pdf") in response["Content-Disposition"]
    text = " ".join(read_as_pdf(response.content, ".pdf"))
    assert "ЗАЯВКА" in text and "ПАСПОРТ ПРОЕКТА" in text
    assert PASSPORT["goal"] in text
    assert "Руководитель организации" in text and "Л. В. Загуменнова" in text and "М. П." in text
