"""A methodist imports a plan whose table goes on after a page break: the preview shows every row of both parts,
with the numbers Word drew, and the saved plan has them all."""

import pytest
from playwright.sync_api import expect

from innoinfra.plans.models import Plan

from ..plans.corpus.cases import continued_with_caption_and_repeated_header

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_continued_table_is_previewed_and_saved_whole(page, login, methodist, amursky, tmp_path, screenshot):
    built = continued_with_caption_and_repeated_header()
    items = [item for _, section in built.sections for item in section]
    path = tmp_path / "plan-odarennye.docx"
    path.write_bytes(built.content)
    login("larisa")
    page.goto("/plans/import/")
    page.get_by_label("Файл плана").set_input_files(str(path))
    page.get_by_role("button", name="Разобрать и показать").click()

    expect(page.get_by_test_id("item-count")).to_have_text(str(len(items)))
    # The last rows come from the second table, after «Продолжение таблицы».
    last_number, last_activity, *_ = items[-1]
    expect(page.get_by_role("row").filter(has_text=last_activity).filter(has_text=last_number)).to_have_count(1)
    for number, activity, *_ in items:
        expect(page.get_by_role("row").filter(has_text=activity).filter(has_text=number).first).to_be_visible()
    screenshot("plan-import-continued-preview")

    page.get_by_role("button", name="Сохранить план").click()

    expect(page.get_by_role("alert")).to_contain_text(f"мероприятий — {len(items)}")
    plan = Plan.objects.get()
    assert plan.items.count() == len(items)
    assert plan.title == built.title
    screenshot("plan-import-continued-saved")
