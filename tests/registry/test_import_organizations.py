"""Лариса imports the organizations of her district from an Excel file: upload, check the preview,
confirm. Вера (Vyselki) may not import into Amursky; Пётр the teacher may not import at all."""

import random
import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from innoinfra.core.errors import ServiceError
from innoinfra.reference.models import Organization
from innoinfra.registry import imports
from innoinfra.registry.exports import ORGANIZATION_HEADERS
from innoinfra.registry.import_services import import_organizations
from innoinfra.registry.imports import CREATE, REJECT, UNCHANGED, UPDATE, ImportFileError

from ..factories import OrganizationFactory

pytestmark = pytest.mark.django_db

URL = "/registry/organizations/import/"
PREVIEW = "/registry/organizations/import/preview/"
HEADERS = imports.TEMPLATE_HEADERS


def inn(first9: str) -> str:
    """A 10-digit INN with the right check digit."""
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    return first9 + str(sum(w * int(d) for w, d in zip(weights, first9, strict=True)) % 11 % 10)


INN_1 = inn("270601234")
INN_2 = inn("270601235")
INN_3 = inn("270601236")
BAD_CHECK_DIGIT = INN_1[:-1] + str((int(INN_1[-1]) + 1) % 10)


def xlsx(rows, headers=HEADERS, *, before=()) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Организации"
    for row in [*before, headers, *rows]:
        ws.append(list(row))
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def row(**values):
    """A row for HEADERS: keys are the column keys (full_name, inn, …)."""
    base = {
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение СОШ № 7 г. Амурска",
        "short_name": "МБОУ СОШ № 7",
        "type": "Общеобразовательная организация",
        "inn": INN_1,
        "municipality": "Амурский район",
        "address": "г. Амурск, пр. Мира, 7",
        "latitude": 50.2345,
        "longitude": 136.8991,
        "head_name": "Петрова Анна Ивановна",
        "phone": "+7 (42142) 2-22-22",
        "email": "school7@amursk.example.ru",
        "website": "school7.amursk.ru",
    }
    base.update(values)
    return [base[c.key] for c in imports.COLUMNS]


def plan(user, content, filename="organizacii.xlsx"):
    return imports.plan_import(imports.read_workbook(content, filename=filename).rows, user=user)


def upload(client, content, name="organizacii.xlsx"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content)})


# Reading the columns ---------------------------------------------------------------------------


def test_it_reads_the_headers_of_our_own_export_in_any_order(methodist):
    headers = list(reversed(ORGANIZATION_HEADERS))  # «Действующих статусов» first, then «Сайт» … «Полное наименование»
    values = list(reversed([*row(), 2]))

    sheet = imports.read_workbook(xlsx([values], headers), filename="export.xlsx")

    assert sheet.ignored == ["Действующих статусов"]
    assert sheet.rows[0].number == 2
    assert sheet.rows[0].values["inn"] == INN_1
    result = imports.plan_import(sheet.rows, user=methodist)
    assert [r.action for r in result.rows] == [CREATE]
    assert result.rows[0].values["website"] == "https://school7.amursk.ru"
    assert result.rows[0].values["latitude"] == Decimal("50.234500")


def test_it_finds_nothing_to_change_in_a_file_exported_from_the_registry(client_for, methodist, school):
    OrganizationFactory(municipality=school.municipality, inn=INN_2, email="s2@example.ru", website="https://s2.ru")
    exported = client_for().get("/registry/organizations/?format=xlsx").content

    result = plan(methodist, exported)

    assert [r.action for r in result.rows] == [UNCHANGED, UNCHANGED]


def test_it_recognises_header_variants_below_a_title(methodist, amursky):
    headers = ["№", "Наименование", "Сокращённое наименование", "ФИО руководителя", "Электронная почта", "Район"]
    title = ["Список образовательных организаций Амурского района"]
    content = xlsx(
        [[1, "МБДОУ детский сад № 3", "Детский сад № 3", "Сидорова О. П.", "ds3@example.ru", "Амурский район"]],
        headers,
        before=[title, []],
    )

    result = plan(methodist, content)

    [only] = result.rows
    assert only.number == 4
    assert only.action == CREATE
    assert only.values["head_name"] == "Сидорова О. П."
    assert only.values["email"] == "ds3@example.ru"
    assert only.values["short_name"] == "Детский сад № 3"
    assert only.municipality == amursky


@pytest.mark.parametrize(
    ("cell", "code"),
    [("Дошкольная образовательная организация", "doo"), ("udo", "udo"), ("колледж", "college"), ("", "school")],
)
def test_it_reads_the_type_by_its_label_or_code(methodist, amursky, cell, code):
    [only] = plan(methodist, xlsx([row(type=cell or None)])).rows
    assert only.values["type"] == code


def test_it_finds_the_municipality_by_its_full_name_ignoring_case(methodist, amursky):
    [only] = plan(methodist, xlsx([row(municipality="амурский МУНИЦИПАЛЬНЫЙ район")])).rows
    assert only.municipality == amursky


def test_it_puts_rows_without_a_municipality_into_the_only_one_the_user_runs(methodist, amursky):
    [only] = plan(methodist, xlsx([row(municipality=None)])).rows
    assert (only.action, only.municipality) == (CREATE, amursky)


def test_it_restores_the_leading_zero_excel_drops_from_a_numeric_inn(methodist, amursky):
    adygea = inn("010501234")
    [only] = plan(methodist, xlsx([row(inn=int(adygea))])).rows
    assert only.values["inn"] == adygea


# Rejected rows ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"full_name": None}, "Не указано полное наименование организации."),
        ({"municipality": "Нанайский район"}, "Муниципалитет «Нанайский район» не найден в справочнике."),
        (
            {"municipality": "Выселковский район"},
            "Вы не ведёте реестр муниципалитета «Выселковский район»: импорт в него недоступен.",
        ),
        ({"inn": "27060123"}, "ИНН «27060123» должен состоять из 10 цифр (для организации) или из 12 цифр."),
        ({"inn": BAD_CHECK_DIGIT}, f"ИНН {BAD_CHECK_DIGIT} не проходит проверку контрольного числа — проверьте цифры."),
        ({"latitude": 95}, "Широта должна быть числом от −90 до 90, а указано «95»."),
        ({"longitude": "восток"}, "Долгота «восток» — не число."),
        ({"longitude": None}, "Укажите обе координаты — широту и долготу — или ни одной."),
        ({"email": "school7@"}, "Некорректный e-mail «school7@»."),
        ({"website": "не сайт"}, "Некорректный адрес сайта «не сайт»."),
        ({"type": "Гимназия"}, "Неизвестный тип организации «Гимназия»."),
        ({"short_name": "Ш" * 256}, "Слишком длинное значение в столбце «Краткое наименование»: больше 255 знаков."),
    ],
)
def test_it_rejects_a_bad_row_and_says_why(methodist, vyselki, values, reason):
    [only] = plan(methodist, xlsx([row(**values)])).rows
    assert only.action == REJECT
    assert any(reason in error for error in only.errors), only.errors


def test_it_rejects_a_row_repeating_an_earlier_one(methodist, amursky):
    result = plan(methodist, xlsx([row(), row(short_name="СОШ № 7"), row(inn=INN_2, full_name="Другая школа")]))

    assert [r.action for r in result.rows] == [CREATE, REJECT, CREATE]
    assert result.rows[1].errors == ["Повторяет строку 2: эта организация в файле уже есть."]


def test_it_refuses_to_update_an_organization_of_a_district_the_user_does_not_run(methodist, vyselki):
    OrganizationFactory(municipality=vyselki, inn=INN_1, short_name="МБОУ СОШ № 5 ст. Выселки")

    [only] = plan(methodist, xlsx([row()])).rows

    assert only.action == REJECT
    assert only.errors == [
        "Организация «МБОУ СОШ № 5 ст. Выселки» числится в реестре муниципалитета «Выселковский район», "
        "который вы не ведёте."
    ]


# Updates ---------------------------------------------------------------------------------------


def test_it_updates_the_organization_with_the_same_inn_and_lists_the_changes(methodist, school):
    school.inn = INN_1
    school.save()
    content = xlsx(
        [[INN_1, "Новикова Елена Петровна", "МБОУ «СОШ № 1 г. Амурска»"]], ["ИНН", "Руководитель", "Наименование"]
    )

    [only] = plan(methodist, content).rows

    assert (only.action, only.organization) == (UPDATE, school)
    assert [(c.label, c.old, c.new) for c in only.changes] == [
        ("Полное наименование", school.full_name, "МБОУ «СОШ № 1 г. Амурска»"),
        ("Руководитель", "Иванова Ирина Сергеевна", "Новикова Елена Петровна"),
    ]


def test_it_updates_by_full_name_within_the_municipality_when_the_row_has_no_inn(methodist, school):
    spaced = "  " + school.full_name.replace(" ", "   ") + " "
    content = xlsx([[spaced, "8 (42142) 3-33-33"]], ["Полное наименование", "Телефон"])

    [only] = plan(methodist, content).rows

    assert (only.action, only.organization) == (UPDATE, school)
    assert [(c.label, c.new) for c in only.changes] == [("Телефон", "8 (42142) 3-33-33")]


def test_it_matches_the_full_name_ignoring_case_and_quotes(methodist, school):
    school.full_name = "МБОУ «СОШ № 1 г. Амурска»"
    school.save()
    [only] = plan(methodist, xlsx([['мбоу "сош № 1 г. амурска"']], ["Полное наименование"])).rows
    assert only.organization == school


def test_it_rejects_a_name_match_whose_inn_differs(methodist, school):
    school.inn = INN_3
    school.save()
    [only] = plan(methodist, xlsx([row(full_name=school.full_name, inn=INN_1)])).rows
    assert only.action == REJECT
    assert only.errors == [f"В реестре уже есть «{school.short_name}» с другим ИНН ({INN_3}). Проверьте ИНН в файле."]


def test_it_checks_any_number_of_rows_with_the_same_queries(methodist, amursky):
    rows = [row(inn=inn(f"27060{n:04d}"), full_name=f"Школа № {n}") for n in range(30)]
    sheet = imports.read_workbook(xlsx(rows), filename="f.xlsx")
    imports.plan_import(sheet.rows[:1], user=methodist)  # the user's scope is computed once

    with CaptureQueriesContext(connection) as one:
        imports.plan_import(sheet.rows[:1], user=methodist)
    with CaptureQueriesContext(connection) as many:
        imports.plan_import(sheet.rows, user=methodist)

    assert len(one) == len(many) == 2


# Files that cannot be imported -----------------------------------------------------------------


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def macro_workbook() -> bytes:
    with zipfile.ZipFile(BytesIO(xlsx([row()]))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + bytes(500)
    return zip_of(members)


def zip_bomb() -> bytes:
    """Looks like an .xlsx but its sheet unpacks to 65 MB of zeros (≈65 KB packed)."""
    return zip_of(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": bytes(65 * 1024 * 1024),
        }
    )


def empty_workbook() -> bytes:
    buffer = BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def broken_xml_workbook() -> bytes:
    with zipfile.ZipFile(BytesIO(xlsx([row()]))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row><c>"
    return zip_of(members)


# Built when the test runs, not at import: the zip bomb takes a moment to pack.
HOSTILE = {
    "random bytes": (lambda: random.Random(1).randbytes(4096), "organizacii.xlsx", "не похож на таблицу Excel (XLSX)"),
    "a truncated workbook": (lambda: xlsx([row()])[:-300], "cut.xlsx", "повреждён"),
    "a workbook with broken XML": (broken_xml_workbook, "broken.xlsx", "не является книгой Excel"),
    "a zip that is not a workbook": (lambda: zip_of({"readme.txt": b"hi"}), "archive.xlsx", "по содержимому это архив ZIP"),
    "a zip bomb": (zip_bomb, "bomb.xlsx", "похоже на «архивную бомбу»"),
    "an .xlsm renamed to .xlsx": (macro_workbook, "renamed.xlsx", "содержит макросы"),
    "an .xlsm": (macro_workbook, "with-macros.xlsm", "с макросами (.xlsm) не принимаются"),
    "an old .xls": (lambda: b"\xd0\xcf\x11\xe0" + bytes(600), "old.xls", "Старый формат Excel (.xls)"),
    "a Word file": (lambda: b"PK", "order.docx", "Принимаются только книги Excel"),
    "an empty workbook": (empty_workbook, "empty.xlsx", "В книге нет данных: лист пустой."),
    "a sheet without headers": (lambda: xlsx([["a", "b"]], ["x", "y"]), "f.xlsx", "Не найдена строка заголовков"),
    "headers only": (lambda: xlsx([]), "f.xlsx", "нет ни одной строки с организацией"),
    "a repeated column": (
        lambda: xlsx([], ["ИНН", "Наименование", "ИНН"]),
        "f.xlsx",
        "«ИНН» встречается в заголовке дважды",
    ),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_it_refuses_a_file_that_cannot_be_imported(client_for, methodist, amursky, case):
    make, name, message = HOSTILE[case]

    response = upload(client_for(methodist), make(), name)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "registry_organization_import" not in response.wsgi_request.session
    assert not Organization.objects.exists()


def test_it_refuses_a_file_bigger_than_the_upload_limit(client_for, methodist, amursky, settings):
    settings.MAX_UPLOAD_SIZE = 2000
    response = upload(client_for(methodist), xlsx([row()]))
    assert response.status_code == 400
    assert "Файл слишком большой" in response.content.decode()
    assert not Organization.objects.exists()


def test_it_refuses_more_than_five_thousand_rows(methodist):
    rows = [[f"Школа № {n}"] for n in range(imports.MAX_ROWS + 1)]
    with pytest.raises(ImportFileError, match="В таблице больше 5 000 строк"):
        imports.read_workbook(xlsx(rows, ["Полное наименование"]), filename="big.xlsx")


def test_it_asks_for_a_file_when_none_is_sent(client_for, methodist):
    response = client_for(methodist).post(URL, {})
    assert response.status_code == 400
    assert "Выберите файл .xlsx с организациями." in response.content.decode()


# The pages -------------------------------------------------------------------------------------


def test_it_shows_the_upload_page_with_the_template_link(client_for, methodist):
    response = client_for(methodist).get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Импорт организаций из Excel" in page
    assert "/registry/organizations/import/template.xlsx" in page
    assert "Столбец «Муниципалитет» можно не заполнять." in page


def test_it_offers_a_template_the_import_reads_back(client_for, methodist, amursky):
    response = client_for(methodist).get("/registry/organizations/import/template.xlsx")

    assert response.status_code == 200
    wb = load_workbook(BytesIO(response.content))
    ws = wb["Организации"]
    assert [c.value for c in ws[1]] == HEADERS
    assert wb["Справочники"]["B2"].value == "Амурский муниципальный район"
    ws.append(row())
    buffer = BytesIO()
    wb.save(buffer)
    assert [r.action for r in plan(methodist, buffer.getvalue()).rows] == [CREATE]


def test_it_imports_after_the_preview_is_confirmed(client_for, methodist, school):
    school.inn = INN_2
    school.save()
    client = client_for(methodist)
    content = xlsx([row(), row(inn=INN_2, full_name=school.full_name, head_name="Новикова Е. П."), row(email="bad@")])

    response = upload(client, content)
    assert response.status_code == 302
    assert response["Location"] == PREVIEW
    assert Organization.objects.count() == 1  # nothing saved before confirmation

    preview = client.get(PREVIEW)
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Будут созданы: 1" in page
    assert "Будут обновлены: 1" in page
    assert "Отклонены: 1" in page
    assert "Руководитель: Иванова Ирина Сергеевна → Новикова Е. П." in page
    assert "Некорректный e-mail «bad@»." in page

    response = client.post(PREVIEW, {"digest": preview.context["plan"].digest}, follow=True)

    assert response.redirect_chain == [("/registry/organizations/", 302)]
    assert "Импорт завершён. Создано организаций: 1, обновлено: 1. Отклонено строк: 1 — они не сохранены." in (
        response.content.decode()
    )
    created = Organization.objects.get(inn=INN_1)
    assert created.short_name == "МБОУ СОШ № 7"
    assert created.history.get().history_user == methodist
    school.refresh_from_db()
    assert school.head_name == "Новикова Е. П."
    assert school.history.first().history_user == methodist
    assert client.get(PREVIEW)["Location"] == URL  # the session no longer holds the file


def test_it_shows_the_fresh_preview_when_the_registry_changed_before_confirmation(client_for, methodist, amursky):
    client = client_for(methodist)
    upload(client, xlsx([row()]))
    digest = client.get(PREVIEW).context["plan"].digest
    OrganizationFactory(municipality=amursky, inn=INN_1)  # someone else adds it meanwhile

    response = client.post(PREVIEW, {"digest": digest})

    assert response.status_code == 409
    assert "Пока вы просматривали файл, реестр изменился." in response.content.decode()
    assert Organization.objects.count() == 1


def test_it_sends_the_user_to_the_upload_page_when_there_is_nothing_to_preview(client_for, methodist):
    response = client_for(methodist).get(PREVIEW)
    assert (response.status_code, response["Location"]) == (302, URL)


def test_vera_cannot_import_into_amursky(client_for, other_methodist, amursky):
    client = client_for(other_methodist)
    upload(client, xlsx([row()]))

    preview = client.get(PREVIEW)
    page = preview.content.decode()
    assert "Отклонены: 1" in page
    assert "Вы не ведёте реестр муниципалитета «Амурский район»: импорт в него недоступен." in page
    assert "Подтвердить импорт" not in page

    response = client.post(PREVIEW, {"digest": preview.context["plan"].digest})
    assert response.status_code == 400
    assert "В файле нет ни одной строки, которую можно сохранить." in response.content.decode()
    assert not Organization.objects.exists()


def test_it_sends_an_anonymous_visitor_to_the_login_page(client_for):
    for url in (URL, PREVIEW, "/registry/organizations/import/template.xlsx"):
        response = client_for().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


def test_it_forbids_a_teacher(client_for, teacher):
    client = client_for(teacher)
    assert client.get(URL).status_code == 403
    assert upload(client, xlsx([row()])).status_code == 403
    assert client.get("/registry/organizations/import/template.xlsx").status_code == 403
    assert not Organization.objects.filter(inn=INN_1).exists()


def test_it_shows_the_import_button_only_to_staff(client_for, methodist, teacher):
    assert "Импорт из Excel" in client_for(methodist).get("/registry/organizations/").content.decode()
    assert "Импорт из Excel" not in client_for(teacher).get("/registry/organizations/").content.decode()


# The service -----------------------------------------------------------------------------------


def test_the_service_saves_nothing_when_one_save_fails(methodist, amursky, monkeypatch):
    rows = imports.read_workbook(xlsx([row(), row(inn=INN_2, full_name="Школа № 8")]), filename="f.xlsx").rows
    save = Organization.save

    def fail_on_second(self, *args, **kwargs):
        if Organization.objects.exists():
            raise ServiceError("Сбой базы данных")
        save(self, *args, **kwargs)

    monkeypatch.setattr(Organization, "save", fail_on_second)
    with pytest.raises(ServiceError):
        import_organizations(rows=rows, by=methodist)
    assert not Organization.objects.exists()


def test_the_service_checks_the_rows_again_for_the_user_it_saves_for(other_methodist, amursky):
    rows = imports.read_workbook(xlsx([row()]), filename="f.xlsx").rows
    result = import_organizations(rows=rows, by=other_methodist)
    assert result.counts[REJECT] == 1
    assert not Organization.objects.exists()
