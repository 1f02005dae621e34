import pytest
from playwright.sync_api import expect

from ..registry.test_import_organizations import BAD_CHECK_DIGIT, INN_2, row, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_methodist_imports_organizations_after_checking_the_preview(page, login, methodist, tmp_path, screenshot):
    path = tmp_path / "organizacii-amurskogo-rajona.xlsx"
    path.write_bytes(
        xlsx(
            [
                row(),
                row(
                    inn=INN_2,
                    full_name="Муниципальное бюджетное дошкольное образовательное учреждение детский сад № 3",
                    short_name="МБДОУ д/с № 3",
                    type="Дошкольная образовательная организация",
                    email="ds3@amursk.example.ru",
                ),
                row(inn=BAD_CHECK_DIGIT, full_name="МБОУ СОШ № 9", short_name="СОШ № 9"),
            ]
        )
    )
    login("larisa")
    page.goto("/registry/organizations/")
    page.get_by_role("link", name="Импорт из Excel").click()
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(str(path))
    screenshot("organization-import-upload")
    page.get_by_role("button", name="Проверить файл").click()

    summary = page.get_by_test_id("import-summary")
    expect(summary).to_contain_text("Будут созданы: 2")
    expect(summary).to_contain_text("Отклонены: 1")
    rejected = page.get_by_test_id("import-row").filter(has_text="Отклонена")
    expect(rejected).to_have_count(1)
    expect(rejected).to_contain_text(f"ИНН {BAD_CHECK_DIGIT} не проходит проверку контрольного числа")
    screenshot("organization-import-preview")

    page.get_by_role("button", name="Подтвердить импорт").click()

    expect(page).to_have_url(f"{page.url.split('/registry/')[0]}/registry/organizations/")
    expect(page.get_by_role("alert")).to_contain_text("Создано организаций: 2, обновлено: 0. Отклонено строк: 1")
    expect(page.get_by_role("link", name="МБОУ СОШ № 7")).to_be_visible()
    expect(page.get_by_role("link", name="МБДОУ д/с № 3")).to_be_visible()
    expect(page.get_by_role("link", name="СОШ № 9")).to_have_count(0)
    screenshot("organization-import-done")
