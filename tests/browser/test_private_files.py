"""A private file in a real browser: the head of a school attaches a file to her application and downloads it from
the application's page under its own Russian name, though it is stored under a random one."""

import pytest
from playwright.sync_api import expect

from innoinfra.review.models import ApplicationFile

from ..review.factories import make_application, make_call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_head_of_a_school_downloads_her_application_file_under_its_name(page, login, amursky, school, orgadmin,
                                                                            tmp_path):  # fmt: skip
    application = make_application(make_call(amursky), school, by=orgadmin)
    path = tmp_path / "План работы школы.pdf"
    path.write_bytes(PDF)

    login("irina")
    page.goto(f"/applications/{application.pk}/")
    page.get_by_label("Наименование файла").fill("План работы")
    page.get_by_label("Файл", exact=True).set_input_files(str(path))
    page.get_by_role("button", name="Приложить").click()
    expect(page.get_by_text("Файл добавлен.")).to_be_visible()

    stored = ApplicationFile.objects.get(application=application)
    assert "План" not in stored.file.name
    with page.expect_download() as download:
        page.get_by_role("link", name="План работы").click()
    assert download.value.suggested_filename == "План работы школы.pdf"
    with open(download.value.path(), "rb") as received:
        assert received.read() == PDF
