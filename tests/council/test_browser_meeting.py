"""The chair opens a meeting in the browser, records a decision in place and downloads the protocol."""

import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect

from innoinfra.core.typography import plain
from innoinfra.council.enums import AgendaKind
from innoinfra.review.enums import ApplicationState
from innoinfra.review.models import Application

from .conftest import add_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_records_a_decision_and_downloads_the_protocol(page, login, meeting, application, chair, tmp_path):
    add_item(
        meeting,
        kind=AgendaKind.APPLICATION,
        application=application,
        heard="Иванову И. С., директора МБОУ СОШ № 1, о проекте.",
        invited="Иванова И. С.",
    )
    add_item(meeting, kind=AgendaKind.OTHER, title="О плане работы совета на 2025/2026 учебный год")
    login("lyudmila")
    page.goto(meeting.get_absolute_url())
    expect(page.get_by_test_id("quorum")).to_contain_text("Кворум есть")
    page.evaluate("window.notReloaded = true")

    page.get_by_role("link", name="Записать решение по вопросу 1").click()
    form = page.get_by_role("form", name="Решение по вопросу 1")
    expect(form).to_be_visible()
    form.get_by_label("Итог").select_option(label="Рекомендовать к присвоению статуса")
    form.get_by_label("«За»").fill("4")
    form.get_by_label("«Воздержались»").fill("1")
    form.get_by_label("РЕШИЛИ").fill(
        "Рекомендовать присвоить МБОУ СОШ № 1 г. Амурска статус муниципальной инновационной площадки."
    )
    form.get_by_role("button", name="Записать решение").click()

    card = page.get_by_role("article", name="Вопрос 1")
    expect(card).to_contain_text("РЕШИЛИ: Рекомендовать присвоить МБОУ СОШ № 1 г. Амурска статус")
    expect(card).to_contain_text("«За» – 4, «Против» – 0, «Воздержались» – 1")
    expect(card).to_contain_text("рекомендована советом")
    assert page.evaluate("window.notReloaded") is True
    assert Application.objects.get(pk=application.pk).state == ApplicationState.RECOMMENDED
    page.screenshot(path="/tmp/council_meeting.png", full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Протокол \\(Word\\)")).click()
    download = download_info.value
    assert download.suggested_filename == (  # numbered when held
        f"Протокол заседания от {meeting.date:%d.%m.%Y} (без номера) — {meeting.body.name}.docx"
    )
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    lines = [plain(p.text) for p in Document(io.BytesIO(target.read_bytes())).paragraphs]
    assert "ПРОТОКОЛ" in lines and "Председатель — Загуменнова Л. В." in lines
    assert "1. СЛУШАЛИ: Иванову И. С., директора МБОУ СОШ № 1, о проекте." in lines
    assert "Голосовали: «За» – 4, «Против» – 0, «Воздержались» – 1." in lines
