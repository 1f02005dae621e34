"""Approbation pages: who may do what, refusals with a Russian message and 409/400 and nothing changed, hostile
names escaped, the section on the site page."""

import pytest

from innoinfra.approbation.enums import ApprobationState, Verdict
from innoinfra.approbation.models import Approbation

from ..factories import make_site
from .factories import make_approbation

pytestmark = pytest.mark.django_db

PRODUCT = {
    "product_title": "<script>alert(1)</script> Учебное пособие",
    "product_kind": "textbook",
    "product_authors": "Иванова М. П.",
    "aims": "Оценить пособие",
    "indicators": "Качество знаний",
}


@pytest.mark.parametrize(
    ("role", "status"),
    [("methodist", 302), ("authority", 302), ("orgadmin", 302), ("admin_user", 302),
     ("teacher", 403), ("other_methodist", 403), ("expert", 403), ("moderator", 403)],
)  # fmt: skip
def test_who_creates_for_a_site(request, school, client_for, role, status):
    site = make_site(organization=school)
    response = client_for(request.getfixturevalue(role)).post(f"/approbation/sites/{site.pk}/new/", PRODUCT)
    assert response.status_code == status
    assert Approbation.objects.count() == (1 if status == 302 else 0)


def test_the_curator_keeps_the_site_approbations(school, client_for, other_methodist):
    site = make_site(organization=school, curator=other_methodist)  # a curator from elsewhere is still the curator
    response = client_for(other_methodist).post(f"/approbation/sites/{site.pk}/new/", PRODUCT)
    assert response.status_code == 302


def test_life_cycle_through_the_pages_and_escaping(school, client_for, methodist):
    site = make_site(organization=school)
    client = client_for(methodist)
    client.post(f"/approbation/sites/{site.pk}/new/", PRODUCT)
    approbation = Approbation.objects.get()
    page = client.get(approbation.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Учебное пособие" in page
    assert "<script>alert(1)" not in page
    # a result before the start, and a conclusion of a planned approbation: refused, nothing changed
    refused = client.post(
        f"/approbation/{approbation.pk}/results/", {"date": "2025-04-11", "indicator": "К", "value": "1"}
    )
    assert refused.status_code == 409
    assert "Нельзя внести результат мониторинга: апробация в состоянии «Планируется»." in refused.content.decode()
    assert client.get(f"/approbation/{approbation.pk}/conclude/").status_code == 409
    assert client.post(f"/approbation/{approbation.pk}/start/").status_code == 302
    assert client.post(f"/approbation/{approbation.pk}/start/").status_code == 409
    ok = client.post(
        f"/approbation/{approbation.pk}/results/",
        {"date": "2025-04-11", "indicator": "Качество знаний", "value": "64 %"},
    )
    assert ok.status_code == 302
    missing = client.post(f"/approbation/{approbation.pk}/conclude/", {"verdict": "recommended", "date": "2025-05-20"})
    assert missing.status_code == 400
    approbation.refresh_from_db()
    assert approbation.state == ApprobationState.IN_PROGRESS
    done = client.post(
        f"/approbation/{approbation.pk}/conclude/",
        {"verdict": "recommended", "conclusion": "Пособие рекомендуется.", "date": "2025-05-20"},
    )
    assert done.status_code == 302
    approbation.refresh_from_db()
    assert approbation.verdict == Verdict.RECOMMENDED
    page = client.get(approbation.get_absolute_url()).content.decode()
    assert "Рекомендован к внедрению" in page and "20 мая 2025 г." in page
    assert client.get(f"/approbation/{approbation.pk}/edit/").status_code == 409  # finished: not edited


def test_site_page_section_per_role(school, client_for, methodist, teacher, other_methodist):
    site = make_site(organization=school)
    make_approbation(site, product_title="Пособие по робототехнике")
    url = site.get_absolute_url()
    assert "Пособие по робототехнике" in client_for(methodist).get(url).content.decode()
    assert "Новая апробация" in client_for(methodist).get(url).content.decode()
    teachers = client_for(teacher).get(url).content.decode()
    assert "Пособие по робототехнике" in teachers and "Новая апробация" not in teachers
    assert "Апробация продуктов" not in client_for(other_methodist).get(url).content.decode()
    assert "Апробация продуктов" not in client_for().get(url).content.decode()


def test_staff_list_shows_their_territory_in_constant_queries(
    school, client_for, methodist, other_methodist, assert_constant_queries
):
    site = make_site(organization=school)

    def grow(n):
        for _ in range(n):
            make_approbation(site, product_title=f"Продукт {Approbation.objects.count() + 1}")

    assert_constant_queries(client_for(methodist), "/approbation/", grow)
    assert "Найдено: 3" in client_for(methodist).get("/approbation/").content.decode()
    assert "Найдено: 0" in client_for(other_methodist).get("/approbation/").content.decode()


def test_conclusion_in_word(school, client_for, methodist, teacher, other_methodist):
    from innoinfra.approbation import services

    approbation = make_approbation(make_site(organization=school), by=methodist)
    url = f"/approbation/{approbation.pk}/conclusion.docx"
    assert client_for(methodist).get(url).status_code == 302  # nothing concluded yet
    services.start(approbation)
    services.add_result(approbation, date=approbation.created_at.date(), indicator="Качество знаний", value="64 %")
    services.conclude(
        approbation,
        verdict=Verdict.NEEDS_REVISION,
        conclusion="Доработать задания.",
        date=approbation.created_at.date(),
        by=methodist,
    )
    response = client_for(teacher).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client_for(other_methodist).get(url).status_code == 404
    from io import BytesIO

    from docx import Document

    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert "ЗАКЛЮЧЕНИЕ" in text and "Требует доработки" in text and "Доработать задания." in text
