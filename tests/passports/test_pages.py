"""The passport's pages: who reads, who edits, who sees contacts and the history; the section on the site page; the
Word document read back."""

import io

import pytest
from docx import Document

from innoinfra.core.typography import plain
from innoinfra.passports import services
from innoinfra.passports.models import SitePassport
from tests.factories import UserFactory, make_site

pytestmark = pytest.mark.django_db

SECRET_PHONE = "8-914-000-00-00"


@pytest.fixture
def site(school):
    return make_site(organization=school)


@pytest.fixture
def written(site, methodist):
    return services.save_passport(
        site,
        by=methodist,
        goal="Создать <b>модель</b> проектной деятельности",
        contacts=f"Тел. {SECRET_PHONE}",
        year_tasks=[{"year": 2024, "text": "Провести вебинары"}],
    )


@pytest.mark.parametrize(
    ("role", "may_edit"),
    [(None, False), ("teacher", False), ("expert", False), ("moderator", False), ("other_methodist", False),
     ("orgadmin", True), ("methodist", True), ("authority", True), ("admin_user", True)],
)  # fmt: skip
def test_who_edits(request, client_for, site, role, may_edit):
    user = request.getfixturevalue(role) if role else None
    client = client_for(user)
    page = client.get(f"/passports/sites/{site.pk}/").content.decode()
    assert ("Изменить паспорт" in page) is may_edit
    response = client.get(f"/passports/sites/{site.pk}/edit/")
    assert response.status_code == (200 if may_edit else 302 if user is None else 403)


def test_the_curator_edits_the_site_s_passport(client_for, school):
    curator = UserFactory(username="curator")
    site = make_site(organization=school, curator=curator)
    assert client_for(curator).get(f"/passports/sites/{site.pk}/edit/").status_code == 200


def test_contacts_and_history_stay_with_staff_and_editors(client_for, site, written, teacher, other_methodist):
    public = client_for(teacher).get(f"/passports/sites/{site.pk}/").content.decode()
    assert SECRET_PHONE not in public and "История изменений" not in public
    assert "Создать &lt;b&gt;модель&lt;/b&gt;" in public  # the text is shown, its HTML escaped
    assert client_for(teacher).get(f"/passports/sites/{site.pk}/history/").status_code == 403
    staff = client_for(other_methodist).get(f"/passports/sites/{site.pk}/").content.decode()
    assert SECRET_PHONE in staff


def test_the_head_saves_a_new_version(client_for, site, orgadmin):
    client = client_for(orgadmin)
    form = client.get(f"/passports/sites/{site.pk}/edit/").context["form"]
    data = {name: value or "" for name, value in form.initial.items()} | {"version": 1, "novelty": "Сетевая модель"}
    data["year_2024"] = "Апробация программы"
    response = client.post(f"/passports/sites/{site.pk}/edit/", data)
    assert response.status_code == 302
    passport = SitePassport.objects.get(site=site)
    assert (passport.novelty, passport.version) == ("Сетевая модель", 2)
    assert passport.year_tasks == [{"year": 2024, "text": "Апробация программы"}]
    stale = client.post(f"/passports/sites/{site.pk}/edit/", data | {"novelty": "Другое"})
    assert stale.status_code == 409 and "Ваши изменения не сохранены" in stale.content.decode()
    history = client.get(f"/passports/sites/{site.pk}/history/").content.decode()
    assert "Паспорт составлен по данным реестра" in history and "Новизна (инновационность)" in history


def test_two_versions_are_compared(client_for, site, written, methodist):
    services.save_passport(site, by=methodist, version=2, goal="Создать модель сетевого взаимодействия")
    a, b = SitePassport.objects.get(site=site).history.order_by("history_id").values_list("history_id", flat=True)[1:]
    page = client_for(methodist).get(f"/passports/sites/{site.pk}/history/compare/", {"a": b, "b": a})
    text = page.content.decode()
    assert page.status_code == 200 and "Сравнение версий 2 и 3" in text
    assert '<del class="text-danger"><span class="visually-hidden">удалено: </span>Создать &lt;b&gt;' in text
    assert "Создать модель сетевого взаимодействия</ins>" in text
    assert (
        client_for(methodist).get(f"/passports/sites/{site.pk}/history/compare/", {"a": a, "b": a}).status_code == 302
    )


def test_the_site_page_shows_the_passport_section(client_for, site, written):
    page = client_for().get(f"/registry/sites/{site.pk}/").content.decode()
    assert "Паспорт площадки" in page and f"/passports/sites/{site.pk}/" in page
    assert "Создать &lt;b&gt;модель&lt;/b&gt;" in page and SECRET_PHONE not in page


def test_the_word_document_has_the_sections(client_for, site, written, methodist):
    response = client_for(methodist).get(f"/passports/sites/{site.pk}/passport.docx")
    assert response.status_code == 200
    assert "Pasport innovatsionnoy ploshchadki" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    paragraphs = [plain(p.text) for p in document.paragraphs]
    assert paragraphs[0] == "Паспорт инновационной площадки"
    cells = [plain(c.text) for row in document.tables[0].rows for c in row.cells]
    for expected in (
        "Юридическое название организации (учреждения)",
        "Цель деятельности инновационной площадки",
        "Новизна (инновационность)",
        "Ресурсное обеспечение (кадровое, материально-техническое, финансовое)",
        "Задачи деятельности на 2024/2025 учебный год",
        "Провести вебинары",
        f"Тел. {SECRET_PHONE}",
    ):
        assert expected in cells, expected
    public = Document(io.BytesIO(client_for().get(f"/passports/sites/{site.pk}/passport.docx").content))
    assert not any(SECRET_PHONE in c.text for row in public.tables[0].rows for c in row.cells)


@pytest.mark.office
def test_the_word_document_opens_in_an_office_suite(client_for, site, written):
    from tests.office import read_as_pdf

    pages = read_as_pdf(client_for().get(f"/passports/sites/{site.pk}/passport.docx").content, ".docx")
    text = " ".join(pages)
    assert "Паспорт инновационной площадки" in text and "Провести вебинары" in text
