"""Every dashboard table downloads as Excel with the page's numbers; the yearly analytical report opens in Word with
the generated sentences, their word forms agreeing with the numbers."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from innoinfra.core.typography import plain
from innoinfra.monitoring import text
from innoinfra.monitoring.tables import BUILDERS

from .helpers import run, table_headers, table_rows
from .world import YEAR

pytestmark = pytest.mark.django_db

PAGE_OF = {
    "sites_by_kind": "/monitoring/",
    "sites_by_municipality": "/monitoring/",
    "trends": "/monitoring/",
    "applications": "/monitoring/applications/",
    "plan_execution_by_municipality": "/monitoring/plans/",
    "events_by_month": "/monitoring/events/",
    "deficits": "/monitoring/deficits/",
}


def workbook_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("key", sorted(PAGE_OF))
def test_the_excel_file_holds_the_numbers_of_the_page(key, client_for, methodist, world):
    client = client_for(methodist)
    page = client.get(PAGE_OF[key], {"year": YEAR})
    rows = workbook_rows(client.get(f"/monitoring/tables/{key}.xlsx", {"year": YEAR}))
    assert rows[0] == table_headers(page, key)
    assert rows[1:] == table_rows(page, key)
    assert len(rows) > 1


def test_every_table_downloads(client_for, methodist, world):
    client = client_for(methodist)
    for key in BUILDERS:
        response = client.get(f"/monitoring/tables/{key}.xlsx", {"year": YEAR})
        assert workbook_rows(response)[0], key
        assert f"monitoring-{key}-{YEAR}.xlsx" in response["Content-Disposition"]


def test_the_report_opens_in_word_with_the_generated_sentences(
    client_for, methodist, world, django_capture_on_commit_callbacks
):
    client = client_for(methodist)
    job, content = run(client, django_capture_on_commit_callbacks, "monitoring-report", f"year={YEAR}")
    assert job.filename.startswith("Аналитическая справка за 2025-2026 учебный год — ")
    disposition = client.get(reverse("exports:download", args=[job.pk]))["Content-Disposition"]
    assert 'filename="Analiticheskaya spravka za 2025-2026 uchebnyy god' in disposition
    assert quote("Аналитическая справка за 2025-2026 учебный год — ") in disposition
    document = Document(io.BytesIO(content))
    paragraphs = [plain(p.text) for p in document.paragraphs]
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in paragraphs
    assert "В 2025/2026 учебном году действовали 2 инновационные площадки (на 1 меньше, чем годом ранее)." in paragraphs
    assert (
        "В 2025/2026 учебном году статус МИП имели 2 образовательные организации (столько же, сколько годом ранее)."
        in paragraphs
    )
    assert (
        "В 2025/2026 учебном году статус МАП имели 0 образовательных организаций (на 1 меньше, чем годом ранее)."
        in (paragraphs)
    )
    assert "Подано 2 заявки на конкурсы (на 1 больше, чем годом ранее), поддержано 1 (50 % принятых решений)." in (
        paragraphs
    )
    assert "Проведено 2 мероприятия (на 1 больше, чем годом ранее); присутствие отмечено у 3 участников." in paragraphs
    # the tables: sites by kind first, with its numbers
    first = document.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["Вид", "Наименование вида", "Площадок", "Организаций со статусом"]
    assert [c.text for c in first.rows[1].cells][::2] == ["МИП", "2"]
    section = document.sections[0]
    assert round(section.left_margin.mm) == 20 and round(section.right_margin.mm) == 10
    assert section.different_first_page_header_footer


def test_the_old_address_of_the_report_leads_to_its_button(client_for, methodist, world):
    """Bookmarks of the report's old address land on the page that builds it in the background, same year."""
    response = client_for(methodist).get("/monitoring/report.docx", {"year": YEAR}, follow=True)
    assert response.redirect_chain == [(f"/monitoring/?year={YEAR}", 302)]
    page = response.content.decode()
    assert "Аналитическая справка готовится в фоне" in page
    assert reverse("exports:start", args=["monitoring-report"]) in page


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [
        (1, 0, "В 2024/2025 учебном году действовала 1 инновационная площадка (на 1 больше, чем годом ранее)."),
        (3, 5, "В 2024/2025 учебном году действовали 3 инновационные площадки (на 2 меньше, чем годом ранее)."),
        (12, 9, "В 2024/2025 учебном году действовали 12 инновационных площадок (на 3 больше, чем годом ранее)."),
        (21, 21, "В 2024/2025 учебном году действовала 21 инновационная площадка (столько же, сколько годом ранее)."),
        (1234, None, "В 2024/2025 учебном году действовали 1\u00a0234 инновационные площадки."),
    ],
)
def test_sentences_agree_with_their_numbers(now, before, expected):
    assert text.sites_sentence("2024/2025 учебный год", now, before) == expected


def test_kind_sentence_reads_like_the_council_writes_it():
    sentence = text.kind_sentence("2024/2025 учебный год", "МИП", 12, 9)
    assert (
        sentence
        == "В 2024/2025 учебном году статус МИП имели 12 образовательных организаций (на 3 больше, чем годом ранее)."
    )
    assert text.kind_sentence("2024/2025 учебный год", "МИП", 1, 1).startswith(
        "В 2024/2025 учебном году статус МИП имела 1 образовательная организация"
    )
