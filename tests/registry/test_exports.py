"""Лариса downloads the registry's lists as Excel workbooks, with the same filters as the pages."""

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from innoinfra.registry.exports import ORGANIZATION_HEADERS, SITE_HEADERS

from ..factories import OrderFactory, OrganizationFactory, make_site

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert response["Content-Disposition"].endswith('.xlsx"')
    return load_workbook(BytesIO(response.content)).active


def rows_of(ws):
    return [list(row) for row in ws.iter_rows(min_row=2, values_only=True)]


def test_it_exports_the_sites_of_the_filter_with_russian_headers_and_real_dates(client_for, school, vyselki):
    order = OrderFactory(number="245-Д", date=dt.date(2024, 6, 14), municipality=school.municipality)
    make_site(organization=school, order=order, theme="Проектная школа", start_date=dt.date(2024, 9, 1))
    make_site(organization=OrganizationFactory(municipality=vyselki), theme="Чужая тема")

    ws = sheet_of(client_for().get(f"/registry/?format=xlsx&municipality={school.municipality.pk}"))

    assert ws.title == "Площадки"
    assert [c.value for c in ws[1]] == SITE_HEADERS
    rows = rows_of(ws)
    assert len(rows) == 1
    row = dict(zip(SITE_HEADERS, rows[0], strict=True))
    assert row["Вид"] == "Муниципальная инновационная площадка"
    assert row["Организация"] == school.full_name
    assert row["Тема"] == "Проектная школа"
    assert row["Состояние"] == "Действует"
    assert row["Приказ (номер)"] == "245-Д"
    # Real dates, not text: a methodist sorts and filters them in Excel.
    assert row["Начало"] == dt.datetime(2024, 9, 1)
    assert row["Приказ (дата)"] == dt.datetime(2024, 6, 14)
    assert ws.cell(row=2, column=SITE_HEADERS.index("Начало") + 1).number_format == "DD.MM.YYYY"


def test_it_exports_the_organizations_of_the_filter(client_for, school, vyselki):
    OrganizationFactory(municipality=vyselki, short_name="МБОУ СОШ № 5 ст. Выселки")

    ws = sheet_of(client_for().get(f"/registry/organizations/?format=xlsx&municipality={school.municipality.pk}"))

    assert ws.title == "Организации"
    assert [c.value for c in ws[1]] == ORGANIZATION_HEADERS
    rows = rows_of(ws)
    assert len(rows) == 1
    row = dict(zip(ORGANIZATION_HEADERS, rows[0], strict=True))
    assert row["Полное наименование"] == school.full_name
    assert row["Краткое наименование"] == "МБОУ СОШ № 1 г. Амурска"
    assert row["Тип"] == "Общеобразовательная организация"
    assert row["Муниципалитет"] == "Амурский район"


def test_it_exports_the_orders_of_the_filter_with_real_dates(client_for, amursky):
    OrderFactory(number="245-Д", date=dt.date(2024, 6, 14), title="О присвоении статуса МИП", municipality=amursky)
    OrderFactory(number="12-Д", date=dt.date(2023, 3, 1), municipality=amursky)

    ws = sheet_of(client_for().get("/registry/orders/?format=xlsx&year=2024"))

    assert ws.title == "Приказы"
    assert [c.value for c in ws[1]] == ["Дата", "Номер", "Заголовок", "Издавший орган", "Муниципалитет", "Площадок"]
    assert rows_of(ws) == [[dt.datetime(2024, 6, 14), "245-Д", "О присвоении статуса МИП", None, "Амурский район", 0]]
    assert ws["A2"].number_format == "DD.MM.YYYY"


def test_it_keeps_the_html_list_of_orders_without_the_format_parameter(client_for, amursky):
    OrderFactory(number="245-Д", municipality=amursky)
    response = client_for().get("/registry/orders/")
    assert response.status_code == 200
    assert "№ 245-Д" in response.content.decode()


@pytest.mark.parametrize("url", ["/registry/?format=xlsx", "/registry/organizations/?format=xlsx"])
def test_it_runs_the_same_queries_for_few_and_many_sites(client_for, assert_constant_queries, amursky, url):
    def grow(n):
        for _ in range(n):
            organization = OrganizationFactory(municipality=amursky)
            make_site(kind_abbr="ИК", organization=organization, participants=[OrganizationFactory()])

    assert_constant_queries(client_for(), url, grow)


def test_it_runs_the_same_queries_for_few_and_many_orders(client_for, assert_constant_queries, amursky):
    def grow(n):
        for _ in range(n):
            make_site(order=OrderFactory(municipality=amursky, issuer=OrganizationFactory()))

    assert_constant_queries(client_for(), "/registry/orders/?format=xlsx", grow)
