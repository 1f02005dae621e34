"""A yearly report in a real browser: the school's head fills and submits it, the methodist returns it with a
remark, the head fixes and resubmits, the methodist accepts it."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innoinfra.reports.enums import ReportState, ValueType
from innoinfra.reports.models import Report

from ..factories import make_site
from ..reports.factories import attachment, indicator, make_campaign, section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page):
    """Confirm and wait for the answer page: the POST is a full page load, and on a loaded machine it may take longer
    than a check's five seconds (in which the draft's autosave, three seconds after the last input, also fires)."""
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation(wait_until="domcontentloaded", timeout=30_000):
        page.get_by_role("button", name="Представить отчёт").click()


def test_the_head_submits_the_methodist_returns_the_head_fixes_and_the_methodist_accepts(
    page, login, methodist, orgadmin, school, amursky, screenshot, tmp_path
):
    make_site(organization=school)
    today = timezone.localdate()
    make_campaign(
        amursky,
        by=methodist,
        title="Отчёты площадок за учебный год",
        period=(today - dt.timedelta(days=270), today - dt.timedelta(days=1)),
        deadline=today + dt.timedelta(days=10),
        items=[
            section("Практическая деятельность", hint="Проведённые мероприятия проекта, консультации, конкурсы."),
            indicator("Проведено мероприятий", code="events_held", unit="шт.", min_value=0),
            indicator(
                "Результаты проекта за период", ValueType.CHOICE, options=["Соответствуют плану", "Достигнуты частично"]
            ),
            indicator("Планируется продолжение работы в статусе", ValueType.BOOLEAN),
            attachment("Отчёт, подписанный руководителем"),
        ],
        open_it=True,
    )
    signed = tmp_path / "otchet.pdf"
    signed.write_bytes(b"%PDF-1.4\n% signed\n")

    login("irina")
    page.goto("/")
    page.get_by_role("navigation").get_by_role("button", name="Планы").or_(
        page.get_by_role("navigation").get_by_role("link", name="Планы")
    ).first.click()
    page.get_by_role("link", name="Отчёты").click()
    expect(page.get_by_test_id("own-reports")).to_contain_text("МБОУ СОШ № 1 г. Амурска")
    screenshot("reports-orgadmin-index")
    page.get_by_role("link", name="Заполнить").click()
    expect(page.get_by_label("Проведено мероприятий, шт.")).to_have_value("0")  # prefilled from the system
    page.get_by_label("Проведено мероприятий, шт.").fill("3")
    submit(page)
    expect(page.get_by_test_id("errors")).to_contain_text("«Практическая деятельность»: раздел не заполнен.")
    expect(page.get_by_test_id("errors")).to_contain_text("«Отчёт, подписанный руководителем»: приложите файл.")
    screenshot("reports-fill-errors")
    page.get_by_label("Практическая деятельность").fill("Проведены три сетевых семинара для педагогов района.")
    # the draft saves itself: after a reload the text is still there
    expect(page.get_by_test_id("autosave-status")).to_contain_text("сохранён автоматически", timeout=10_000)
    page.goto(page.url)  # a GET: reloading would post the form that showed the errors again
    expect(page.get_by_label("Практическая деятельность")).to_have_value(
        "Проведены три сетевых семинара для педагогов района."
    )
    page.get_by_label("Проведено мероприятий, шт.").fill("3")
    page.get_by_label("Результаты проекта за период").select_option("Соответствуют плану")
    page.get_by_label("Планируется продолжение работы в статусе").select_option(label="Да")
    page.get_by_label("Отчёт, подписанный руководителем").set_input_files(str(signed))
    screenshot("reports-fill")
    submit(page)
    expect(page.get_by_text("Отчёт представлен куратору.")).to_be_visible()
    expect(page.get_by_test_id("report-state")).to_have_text("Представлен")

    login("larisa")
    report = Report.objects.get()
    page.goto(f"/reports/campaigns/{report.campaign_id}/")
    expect(page.get_by_test_id("progress")).to_contain_text("Представлен")
    screenshot("reports-campaign-progress")
    page.get_by_role("link", name="МБОУ СОШ № 1 г. Амурска").click()
    page.get_by_label("Замечания").fill("Опишите результаты семинаров: сколько педагогов применяют приёмы.")
    screenshot("reports-curator-decision")
    page.get_by_role("button", name="Вернуть на доработку").click()
    expect(page.get_by_text("Отчёт возвращён на доработку с замечаниями.")).to_be_visible()

    login("irina")
    page.goto(f"/reports/{report.pk}/")
    expect(page.get_by_test_id("remarks")).to_contain_text("Опишите результаты семинаров")
    screenshot("reports-returned")
    page.get_by_role("link", name="Исправить отчёт").click()
    page.get_by_label("Практическая деятельность").fill(
        "Проведены три сетевых семинара; 12 педагогов применяют приёмы на уроках."
    )
    submit(page)
    expect(page.get_by_text("Отчёт представлен куратору.")).to_be_visible()

    login("larisa")
    page.goto(f"/reports/{report.pk}/")
    page.get_by_role("button", name="Принять отчёт").click()
    expect(page.get_by_test_id("report-state")).to_have_text("Принят")
    expect(page.get_by_test_id("history")).to_contain_text(re.compile("Представлен повторно"))
    screenshot("reports-accepted")
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
