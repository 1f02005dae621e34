"""The open data section read as a robot of the regional portal reads it: the list, the passports, the structures and
the data, in CSV and JSON; and the page people open. Anyone may read all of it, anonymous visitors included."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from innoinfra.events.models import Event
from innoinfra.legal.models import LegalDocument
from innoinfra.opendata.datasets import DATASETS, DOCUMENTS, EVENTS, ORGANIZATIONS, PRACTICES, SITES
from innoinfra.practices.enums import PracticeState
from innoinfra.practices.models import Practice
from innoinfra.reference.models import Organization
from innoinfra.registry.models import Site

from ..events.factories import make_event
from ..factories import DirectionFactory, OrganizationFactory, make_site
from ..legal.factories import make_document
from ..practices.factories import make_practice

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


def body(response) -> str:
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(body(response), newline="")))


def meta(client, dataset, ext="csv") -> dict[str, str]:
    response = client.get(f"/opendata/{dataset.identifier}/meta.{ext}")
    if ext == "json":
        return json.loads(body(response))
    rows = read_csv(response)
    assert rows[0] == ["property", "value"]
    return dict(rows[1:])


def data_url(client, dataset, ext="csv") -> str:
    passport = meta(client, dataset, ext)
    (name,) = [key for key in passport if key.startswith("data-")]
    return passport[name].removeprefix(ORIGIN)


@pytest.fixture
def world(school):
    """One of everything the sets publish, and the drafts they must not."""
    site = make_site(organization=school, directions=[DirectionFactory(name="Функциональная грамотность")])
    published = make_practice(
        school,
        state=PracticeState.PUBLISHED,
        title="Опубликованная практика",
        authors="Петрова Анна Ивановна, учитель, anna.petrova@example.org, +7 914 123-45-67",
    )
    draft = make_practice(school, title="Черновик практики")
    submitted = make_practice(school, state=PracticeState.SUBMITTED, title="Практика на модерации")
    event = make_event(school, title="Открытый семинар")
    draft_event = make_event(school, title="Семинар-черновик", published=False)
    document = make_document()
    return locals()


@pytest.mark.parametrize("dataset", DATASETS, ids=lambda d: d.code)
def test_each_set_parses_with_the_fields_of_its_structure_in_order(world, client, dataset):
    structure = read_csv(client.get(f"/opendata/{dataset.identifier}/structure-{dataset.structure:%Y%m%d}.csv"))
    assert structure[0] == ["field name", "english description", "russian description", "format"]
    names = [row[0] for row in structure[1:]]
    assert names == [f.name for f in dataset.fields]
    assert all(row[2] and row[3] for row in structure[1:]), "every field has a Russian description and a format"

    rows = read_csv(client.get(data_url(client, dataset)))
    assert rows[0] == names
    assert len(rows) > 1
    assert all(len(row) == len(names) for row in rows)
    raw = body(client.get(data_url(client, dataset)))
    assert raw.startswith('"id",'), "every field is quoted"
    assert raw.endswith("\r\n")


def column(rows: list[list[str]], name: str) -> list[str]:
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


def test_practices_are_published_ones_only(world, client):
    rows = read_csv(client.get(data_url(client, PRACTICES)))
    assert column(rows, "title") == ["Опубликованная практика"]
    assert column(rows, "url") == [f"{ORIGIN}/practices/{world['published'].pk}/"]


def test_events_leave_out_drafts(world, client):
    titles = column(read_csv(client.get(data_url(client, EVENTS))), "title")
    assert "Открытый семинар" in titles
    assert "Семинар-черновик" not in titles


def test_no_contacts_of_people_are_published(world, client):
    text = "".join(body(client.get(data_url(client, d))) for d in DATASETS)
    assert "Петрова Анна Ивановна, учитель" in text
    assert "anna.petrova@example.org" not in text
    assert "123-45-67" not in text
    assert "person" not in text  # no registrations of anybody


def test_the_passport_has_the_rows_of_the_recommendations(world, client, settings):
    settings.OPENDATA = settings.OPENDATA | {
        "PUBLISHER_INN": "2706012345",
        "PUBLISHER_NAME": "Иванова Ольга Петровна",
        "PUBLISHER_PHONE": "+74214222222",
        "PUBLISHER_EMAIL": "opendata@amursk.example.ru",
        "CREATOR": "Управление образования администрации Амурского муниципального района",
    }
    passport = meta(client, SITES)
    today = timezone.localdate().strftime("%Y%m%d")
    assert passport["standardversion"] == "http://opendata.gosmonitor.ru/standard/3.0"
    assert passport["identifier"] == "2706012345-innovationsites"
    assert passport["title"] == SITES.title
    assert passport["description"] == SITES.description
    assert passport["creator"] == "Управление образования администрации Амурского муниципального района"
    assert passport["format"] == "csv"
    assert passport["subject"] == SITES.subject
    assert passport["created"] == "20261207"
    assert passport["modified"] == today  # the site was made just now
    assert passport["valid"] == today
    assert passport["provenance"]
    assert passport["publishername"] == "Иванова Ольга Петровна"
    assert passport["publisherphone"] == "+74214222222"
    assert passport["publishermbox"] == "opendata@amursk.example.ru"
    assert passport["license"] == "https://creativecommons.org/licenses/by/4.0/deed.ru"
    data = f"data-{today}-structure-20261207"
    assert passport[data] == f"{ORIGIN}/opendata/2706012345-innovationsites/{data}.csv"
    assert passport["structure-20261207"] == f"{ORIGIN}/opendata/2706012345-innovationsites/structure-20261207.csv"


def test_the_list_names_every_set_with_its_passport(world, client):
    rows = read_csv(client.get("/opendata/list.csv"))
    assert rows[0] == ["property", "title", "value", "format"]
    assert rows[1][0] == "standardversion"
    listed = {row[0]: row for row in rows[2:]}
    assert set(listed) == {d.identifier for d in DATASETS}
    for dataset in DATASETS:
        _, title, url, fmt = listed[dataset.identifier]
        assert (title, fmt) == (dataset.title, "csv")
        assert url == f"{ORIGIN}/opendata/{dataset.identifier}/meta.csv"
        assert client.get(url).status_code == 200


def test_the_json_files_are_valid_and_say_the_same(world, client):
    listed = json.loads(body(client.get("/opendata/list.json")))
    assert [row["property"] for row in listed[1:]] == [d.identifier for d in DATASETS]
    assert all(row["value"].endswith("/meta.json") for row in listed[1:])
    for dataset in DATASETS:
        passport = meta(client, dataset, "json")
        assert passport["identifier"] == dataset.identifier
        assert passport["format"] == "json"
        records = json.loads(body(client.get(data_url(client, dataset, "json"))))
        assert records and list(records[0]) == [f.name for f in dataset.fields]
        structure = json.loads(body(client.get(f"/opendata/{dataset.identifier}/structure-20261207.json")))
        assert [f["field name"] for f in structure] == [f.name for f in dataset.fields]
    practices = json.loads(body(client.get(data_url(client, PRACTICES, "json"))))
    assert [p["title"] for p in practices] == ["Опубликованная практика"]


@pytest.mark.parametrize(
    ("dataset", "model"),
    [(SITES, Site), (ORGANIZATIONS, Organization), (EVENTS, Event), (PRACTICES, Practice), (DOCUMENTS, LegalDocument)],
    ids=lambda v: getattr(v, "code", ""),
)
def test_an_edit_moves_the_modified_date_and_the_data_name(world, client, dataset, model):
    long_ago = timezone.make_aware(dt.datetime(2025, 4, 11, 12, 0))
    model.objects.update(updated_at=long_ago)
    assert meta(client, dataset)["modified"] == "20250411"
    old = data_url(client, dataset)
    assert "/data-20250411-structure-20261207.csv" in old
    assert client.get(old).status_code == 200

    row = dataset.rows().first()
    row.save()  # any saved change (auto_now) dates the set anew

    today = timezone.localdate().strftime("%Y%m%d")
    assert meta(client, dataset)["modified"] == today
    new = data_url(client, dataset)
    assert new.endswith(f"/data-{today}-structure-20261207.csv")
    response = client.get(old)  # a link read before the change leads to the current file
    assert (response.status_code, response.url) == (302, new)


def test_a_withdrawn_practice_leaves_the_set_and_dates_it(world, client):
    from innoinfra.practices import services

    Practice.objects.update(updated_at=timezone.make_aware(dt.datetime(2025, 4, 11, 12, 0)))
    services.withdraw(world["published"])
    assert column(read_csv(client.get(data_url(client, PRACTICES))), "title") == []
    assert meta(client, PRACTICES)["modified"] == timezone.localdate().strftime("%Y%m%d")


def test_a_draft_edited_today_does_not_date_the_practices(world, client):
    Practice.objects.update(updated_at=timezone.make_aware(dt.datetime(2025, 4, 11, 12, 0)))
    world["draft"].save()
    assert meta(client, PRACTICES)["modified"] == "20250411"


def test_formulas_typed_into_names_open_as_text(school, client):
    OrganizationFactory(
        municipality=school.municipality,
        full_name='=HYPERLINK("http://evil.example";"Нажми")',
        short_name="@SUM(A1)",
        phone="+7 (4214) 22-33-44",
        address="-2+3+cmd|' /C calc'!A0",
        latitude="-33.500000",
    )
    rows = read_csv(client.get(data_url(client, ORGANIZATIONS)))
    assert '\'=HYPERLINK("http://evil.example";"Нажми")' in column(rows, "full_name")
    assert "'@SUM(A1)" in column(rows, "short_name")
    assert "'-2+3+cmd|' /C calc'!A0" in column(rows, "address")
    assert "+7 (4214) 22-33-44" in column(rows, "phone")  # a telephone stays as written
    assert "-33.500000" in column(rows, "latitude")  # and a number too


def test_unknown_files_are_not_found(world, client):
    assert client.get("/opendata/0000000000-nosuchset/meta.csv").status_code == 404
    assert client.get(f"/opendata/{SITES.identifier}/structure-20000101.csv").status_code == 404
    assert client.get(f"/opendata/{SITES.identifier}/data-20250101-structure-20000101.csv").status_code == 404
    assert client.get(f"/opendata/{SITES.identifier}/data.xlsx").status_code == 404
    assert client.post("/opendata/list.csv").status_code == 405


def queries_reading(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        body(client.get(url))
    return len(ctx)


NUMBERS = itertools.count(1)  # documents of one issuer and day differ by number
GROW = {
    "innovationsites": lambda n, school: [
        make_site(organization=OrganizationFactory(municipality=school.municipality), theme=f"Тема {i}")
        for i in range(n)
    ],
    "organizations": lambda n, school: OrganizationFactory.create_batch(n, municipality=school.municipality),
    "events": lambda n, school: [make_event(school, title=f"Семинар {i}") for i in range(n)],
    "practices": lambda n, school: [
        make_practice(school, state=PracticeState.PUBLISHED, title=f"Практика {i}") for i in range(n)
    ],
    "normativedocuments": lambda n, school: [make_document(number=f"{next(NUMBERS)}н") for _ in range(n)],
}


@pytest.mark.parametrize("dataset", DATASETS, ids=lambda d: d.code)
def test_reading_a_set_takes_the_same_queries_for_5_rows_and_for_50(school, client, dataset):
    GROW[dataset.code](5, school)
    url = data_url(client, dataset)
    few = queries_reading(client, url)
    GROW[dataset.code](45, school)
    url = data_url(client, dataset)
    many = queries_reading(client, url)
    assert len(read_csv(client.get(url))) > 50
    assert few == many, f"{few} queries for 5 rows, {many} for 50: a query runs per row"
    assert many <= 6


def test_the_page_lists_every_set_with_its_files_and_the_licence(world, client):
    response = client.get("/opendata/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Открытые данные</h1>" in html
    for dataset in DATASETS:
        assert dataset.title in html
        assert f"/opendata/{dataset.identifier}/meta.csv" in html
        assert f"/opendata/{dataset.identifier}/structure-20261207.csv" in html
    today = timezone.localdate()
    assert f"/opendata/{SITES.identifier}/data-{today:%Y%m%d}-structure-20261207.csv" in html
    from innoinfra.core.dates import russian_date

    assert russian_date(today) in html
    assert 'rel="license"' in html and "CC BY 4.0" in html
    assert 'href="/opendata/"' in html  # the footer link


def test_the_page_dates_a_set_in_words(school, client):
    make_document()
    LegalDocument.objects.update(updated_at=timezone.make_aware(dt.datetime(2025, 4, 11, 12, 0)))
    html = client.get("/opendata/").content.decode()
    assert "11 апреля 2025 г." in html


def test_the_page_escapes_the_publishers_name(client, settings, db):
    settings.OPENDATA = settings.OPENDATA | {"CREATOR": "<script>alert(1)</script> Управление", "PUBLISHER_NAME": ""}
    html = client.get("/opendata/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Управление" in html
    assert "<script>alert(1)" not in html


def test_the_open_licence_may_be_chosen(client, settings, db):
    settings.OPENDATA = settings.OPENDATA | {"LICENCE": "open"}
    html = client.get("/opendata/").content.decode()
    assert "Открытая лицензия" in html
    assert meta(client, SITES)["license"].startswith("Открытая лицензия")


def test_anonymous_visitors_read_everything(world, client):
    urls = ["/opendata/", "/opendata/list.csv", "/opendata/list.json"]
    for dataset in DATASETS:
        for ext in ("csv", "json"):
            urls += [f"/opendata/{dataset.identifier}/meta.{ext}", data_url(client, dataset, ext)]
            urls.append(f"/opendata/{dataset.identifier}/structure-20261207.{ext}")
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)
