"""The upload gate in a real browser: a program renamed to .pdf is refused on the page with a Russian message, and
nothing is attached."""

import pytest
from playwright.sync_api import expect

from innoinfra.practices.models import PracticeFile

from ..hostile_files import EXE
from ..practices.factories import make_practice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_program_renamed_to_pdf_is_refused_on_the_page(page, login, teacher, school, tmp_path):
    practice = make_practice(school, by=teacher, title="Школьный краеведческий маршрут")
    path = tmp_path / "Программа.pdf"
    path.write_bytes(EXE)

    login("petr")
    page.goto(f"/practices/{practice.pk}/files/")
    page.get_by_label("Название").fill("Программа курса")
    page.get_by_label("Файл").set_input_files(str(path))
    page.get_by_role("button", name="Добавить").click()

    expect(page.get_by_text("Файл «Программа.pdf» не похож на PDF: по содержимому это исполняемый файл Windows.")).to_be_visible()
    page.screenshot(path="/tmp/upload_gate.png", full_page=True)
    assert not PracticeFile.objects.exists()
