"""The secretary records a roll-call vote with a recusal and a dissent; the meeting page shows the totals counted from
the votes, and the protocol in Word lists the roll-call and the «особое мнение»."""

import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect

from innoinfra.core.typography import plain
from innoinfra.council.enums import AgendaKind, Outcome

# The council's world (five members: the chair Людмила, the secretary Светлана, Олег and two more).
from tests.council.conftest import (  # noqa: F401 (fixtures)
    add_item,
    application,
    body,
    chair,
    council,
    decide,
    meeting,
    secretary,
    today,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretary_records_a_roll_call(page, login, meeting, application, chair, secretary, screenshot, tmp_path):  # noqa: F811
    item = add_item(meeting, kind=AgendaKind.APPLICATION, application=application)
    decide(item, Outcome.RECOMMEND, by=chair, votes=(5, 0, 0))
    login("svetlana")
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Поимённое голосование по вопросу 1").click()
    form = page.get_by_role("form", name="Поимённое голосование")
    for name in ("Загуменнова", "Кузнецова", "Олегов"):
        form.get_by_role("group", name=re.compile(name)).get_by_label("за", exact=True).check()
    petrova = form.get_by_role("group", name=re.compile("Петрова"))
    petrova.get_by_label("против", exact=True).check()
    petrova.get_by_label(re.compile("Особое мнение")).fill("Тема повторяет проект прошлого года.")
    sidorov = form.get_by_role("group", name=re.compile("Сидоров"))
    sidorov.get_by_label("самоотвод", exact=True).check()
    form.get_by_role("button", name="Записать голоса").click()
    expect(page.get_by_text("Укажите причину самоотвода.")).to_be_visible()  # the recusal needs its reason
    sidorov = page.get_by_role("group", name=re.compile("Сидоров"))
    sidorov.get_by_label(re.compile("Причина самоотвода")).fill("родственник директора школы-заявителя")
    screenshot("roll-call-form")
    page.get_by_role("button", name="Записать голоса").click()

    card = page.get_by_role("article", name="Вопрос 1")
    expect(card).to_contain_text("«За» – 3, «Против» – 1, «Воздержались» – 0")
    card.get_by_text("Поимённое голосование", exact=True).click()
    expect(card).to_contain_text("Сидоров Игорь Петрович — самоотвод (родственник директора школы-заявителя)")
    expect(card).to_contain_text("Особое мнение (Петрова Анна Сергеевна): Тема повторяет проект прошлого года.")
    screenshot("roll-call-meeting")

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Протокол \\(Word\\)")).click()
    target = tmp_path / "protocol.docx"
    download_info.value.save_as(target)
    lines = [plain(p.text) for p in Document(io.BytesIO(target.read_bytes())).paragraphs]
    assert "Голосовали: «За» – 3, «Против» – 1, «Воздержались» – 0." in lines
    assert "Петрова Анна Сергеевна — против;" in lines
    assert "Сидоров Игорь Петрович — самоотвод (родственник директора школы-заявителя);" in lines
    assert "Особое мнение (Петрова А. С.): Тема повторяет проект прошлого года." in lines
