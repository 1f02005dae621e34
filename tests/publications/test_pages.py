"""The catalogue, the feeds, the home page and the organization's block show publications to anyone; the people
who keep them enter and correct them through the form."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from innoinfra.publications.enums import PublicationKind, PublicationLevel
from innoinfra.publications.models import Publication

from ..factories import OrganizationFactory, make_site
from .factories import make_publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def publications(school, teacher, amursky):
    site = make_site(organization=school)
    gymnasium = OrganizationFactory(municipality=amursky, short_name="МБОУ Гимназия № 8")
    return {
        "article": make_publication(
            school,
            by=teacher,
            title="Смысловое чтение на уроках физики",
            outlet="Журнал «Народное образование»",
            level=PublicationLevel.FEDERAL,
            published_on=dt.date(2025, 4, 2),
            site=site,
        ),
        "video": make_publication(
            school,
            by=teacher,
            kind=PublicationKind.VIDEO,
            title="Репортаж о семинаре в инфозоне",
            outlet="Районная медиасреда «Инфозона»",
            published_on=dt.date(2024, 11, 20),
        ),
        "other": make_publication(gymnasium, title="Интервью директора гимназии", kind=PublicationKind.INTERVIEW),
        "site": site,
    }


def titles(response) -> list[str]:
    return [p.title for p in response.context["page"]]


def test_anyone_finds_publications_by_word_form_level_kind_and_year(client, publications):
    assert titles(client.get("/publications/", {"q": "семинары"})) == ["Репортаж о семинаре в инфозоне"]
    assert titles(client.get("/publications/", {"level": "federal"})) == ["Смысловое чтение на уроках физики"]
    assert titles(client.get("/publications/", {"kind": "interview"})) == ["Интервью директора гимназии"]
    assert titles(client.get("/publications/", {"year": 2024})) == ["Репортаж о семинаре в инфозоне"]
    page = client.get("/publications/").content.decode()
    assert "Найдено: 3 публикации" in page and "Федеральный: 1" in page


def test_a_bad_filter_is_ignored_not_a_server_error(client, publications):
    response = client.get("/publications/", {"year": "99999999999999999999", "organization": "abc"})
    assert response.status_code == 200


def test_the_publication_page_names_its_organization_site_and_date(client, publications):
    page = client.get(publications["article"].get_absolute_url()).content.decode()
    assert "2 апреля 2025 г." in page
    assert "Журнал «Народное образование»" in page and "МБОУ СОШ № 1 г. Амурска" in page
    assert publications["site"].theme in page
    assert "Изменить" not in page  # an anonymous visitor only reads


def test_rss_and_atom_carry_the_newest_publications(client, publications):
    rss = ET.fromstring(client.get("/publications/rss/").content)
    items = rss.findall("./channel/item")
    assert [item.findtext("title") for item in items][:2] == [
        "Смысловое чтение на уроках физики",
        "Интервью директора гимназии",
    ] or len(items) == 3
    assert {item.findtext("title") for item in items} == {p.title for p in Publication.objects.all()}
    assert all(item.findtext("link").startswith("http://testserver/publications/") for item in items)
    atom = ET.fromstring(client.get("/publications/atom/").content)
    assert len(atom.findall("{http://www.w3.org/2005/Atom}entry")) == 3


def test_home_organization_and_site_pages_and_the_embed_show_them(client, publications, school):
    assert "Смысловое чтение на уроках физики" in client.get("/").content.decode()
    organization_page = client.get(school.get_absolute_url()).content.decode()
    assert "Репортаж о семинаре в инфозоне" in organization_page
    assert "Интервью директора гимназии" not in organization_page
    site_page = client.get(publications["site"].get_absolute_url()).content.decode()
    assert "Смысловое чтение на уроках физики" in site_page and "Репортаж о семинаре" not in site_page
    embed = client.get(f"/registry/organizations/{school.pk}/embed/")
    assert "Смысловое чтение на уроках физики" in embed.content.decode()
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    feed = client.get(f"/registry/organizations/{school.pk}/activity.json").json()
    assert [p["title"] for p in feed["publications"]] == [
        "Смысловое чтение на уроках физики",
        "Репортаж о семинаре в инфозоне",
    ]


def test_the_home_page_lists_publications_in_constant_queries(client, school, teacher, assert_constant_queries):
    def grow(n):
        for _ in range(n):
            make_publication(school, by=teacher, title=f"Статья {Publication.objects.count()}")

    client.get("/")  # the first visit fills caches (the installation's settings) that later visits only read
    assert_constant_queries(client, "/", grow)
    assert_constant_queries(client, "/publications/", grow)
    assert_constant_queries(client, f"/registry/organizations/{school.pk}/embed/", grow)


def test_a_teacher_enters_a_publication_through_the_form(client_for, teacher, school):
    client = client_for(teacher)
    form = client.get("/publications/new/")
    assert form.status_code == 200 and list(form.context["form"].fields["organization"].queryset) == [school]
    response = client.post(
        "/publications/new/",
        {
            "kind": "article",
            "level": "regional",
            "title": "<script>alert(1)</script> Проектная неделя",
            "outlet": "Сайт ХК ИРО",
            "published_on": "2025-05-20",
            "url": "https://kkiro.example.org/news/1",
            "organization": school.pk,
        },
    )
    publication = Publication.objects.get()
    assert response.status_code == 302 and response["Location"] == publication.get_absolute_url()
    page = client.get(publication.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Проектная неделя" in page and "<script>alert(1)" not in page


def test_a_form_for_another_school_is_refused_with_a_message_and_saves_nothing(client_for, teacher, amursky):
    other = OrganizationFactory(municipality=amursky)
    response = client_for(teacher).post(
        "/publications/new/",
        {"kind": "news", "level": "municipal", "title": "Новость", "outlet": "Сайт", "published_on": "2025-05-20",
         "url": "https://example.org/", "organization": other.pk},
    )  # fmt: skip
    assert response.status_code == 400
    assert not Publication.objects.exists()


def test_a_stale_edit_is_a_409_and_keeps_the_newer_text(client_for, teacher, orgadmin, publications):
    article = publications["article"]
    data = {
        "kind": "article", "level": "federal", "title": "Правка Ирины", "outlet": article.outlet,
        "published_on": "2025-04-02", "url": article.url, "organization": article.organization_id, "version": 1,
    }  # fmt: skip
    assert client_for(orgadmin).post(f"/publications/{article.pk}/edit/", data).status_code == 302
    stale = client_for(teacher).post(f"/publications/{article.pk}/edit/", data | {"title": "Правка Петра"})
    assert stale.status_code == 409
    assert Publication.objects.get(pk=article.pk).title == "Правка Ирины"


def test_who_may_delete(client_for, publications, other_methodist, orgadmin):
    article = publications["article"]
    assert client_for(other_methodist).post(f"/publications/{article.pk}/delete/").status_code == 403
    assert client_for(orgadmin).post(f"/publications/{article.pk}/delete/").status_code == 302
    assert not Publication.objects.filter(pk=article.pk).exists()
