"""The methodist carries a council's recommendation out in the browser: from the meeting to the order page, the draft
order in Word, the order's number and date entered, and the new site in the registry with the application approved."""

import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect

from innoinfra.core.typography import plain
from innoinfra.council import services
from innoinfra.council.enums import AgendaKind, MeetingState, Outcome
from innoinfra.reference.enums import OrganizationType
from innoinfra.registry.enums import SiteState
from innoinfra.registry.models import Order, Site
from innoinfra.review.enums import ApplicationState
from innoinfra.review.models import Application
from tests.factories import OrganizationFactory

from .conftest import add_item, decide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def recommended(meeting, application, chair, methodist, amursky):
    """The council recommended the school's application; the meeting is held. The district's education authority
    is in the registry, so the order is issued in its name."""
    OrganizationFactory(
        municipality=amursky,
        type=OrganizationType.AUTHORITY,
        short_name="УОМПиС",
        full_name="Управление образования, молодёжной политики и спорта администрации Амурского муниципального района",
        head_name="Сиденкова Наталья Евгеньевна",
        head_position="Начальник управления",
    )
    item = add_item(meeting, kind=AgendaKind.APPLICATION, application=application, invited="Иванова И. С.")
    decide(item, Outcome.RECOMMEND, by=chair, votes=(4, 0, 1))
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    return application


def test_the_methodist_issues_the_order_and_the_site_appears_in_the_registry(
    page, login, screenshot, meeting, recommended, school, today, tmp_path
):
    application = recommended
    login("larisa")
    page.goto(meeting.get_absolute_url())
    card = page.get_by_role("article", name="Вопрос 1")
    expect(card).to_contain_text("Рекомендовать к присвоению статуса")
    expect(card).to_contain_text("ожидает приказа")
    screenshot("council-order-1-meeting")

    page.get_by_role("link", name="Приказ по решениям (1)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Приказ по решениям заседания")
    expect(page.locator("main")).to_contain_text("ПРИКАЗЫВАЮ:")
    expect(page.locator("main")).to_contain_text(f"тема «{application.theme}»")
    screenshot("council-order-2-draft")

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"Проект приказа \(Word\)")).click()
    download = download_info.value
    assert download.suggested_filename.startswith("Проект приказа — ") and download.suggested_filename.endswith(".docx")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    lines = [plain(p.text) for p in Document(io.BytesIO(target.read_bytes())).paragraphs]
    text = "\n".join(lines)
    assert "ПРИКАЗ" in lines and "ПРИКАЗЫВАЮ:" in lines
    assert "«___» ____________ 20___ г. № _____" in lines  # date and number are blanks until it is signed
    assert f"{school.full_name} ({school.short_name})" in text
    assert f"тема «{application.theme}»" in text
    assert "статус «Муниципальная инновационная площадка»" in text
    assert f"(протокол заседания от {meeting.date:%d.%m.%Y} № {meeting.number})" in text

    form = page.get_by_role("form", name="Внести реквизиты приказа")
    form.get_by_label("Номер приказа").fill("215-Д")
    form.get_by_label("Дата приказа").fill(today.isoformat())
    form.get_by_role("button", name="Внести приказ").click()
    page.get_by_role("button", name="Подтвердить и внести приказ").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Приказ от {today:%d.%m.%Y} № 215-Д внесён в реестр и исполнен.")
    card = page.get_by_role("article", name="Вопрос 1")
    expect(card).to_contain_text(f"исполнено приказом от {today:%d.%m.%Y} № 215-Д")
    expect(page.get_by_role("link", name="Приказ по решениям (1)")).to_have_count(0)
    screenshot("council-order-3-meeting-after")

    order = Order.objects.get(number="215-Д")
    site = Site.objects.get(order=order)
    assert (site.lead_organization, site.theme, site.state) == (school, application.theme, SiteState.ACTIVE)
    fresh = Application.objects.get(pk=application.pk)
    assert (fresh.state, fresh.order, fresh.site) == (ApplicationState.APPROVED, order, site)

    # The registry: the new site is listed and its page names the order.
    page.goto("/registry/")
    filters = page.get_by_role("search", name="Фильтры реестра")
    filters.get_by_label("Поиск").fill(school.short_name)
    filters.get_by_role("button", name="Найти").click()
    expect(page.get_by_test_id("result-count")).to_have_text("Найдено: 1")
    site_link = page.get_by_role("link", name=re.compile(re.escape(application.theme[:30])))
    expect(site_link.first).to_be_visible()
    screenshot("council-order-4-registry")
    site_link.first.click()
    expect(page.locator("main")).to_contain_text("215-Д")
    screenshot("council-order-5-site")

    # The application's page: approved by the order.
    page.goto(application.get_absolute_url())
    expect(page.get_by_test_id("application-state")).to_have_text("Утверждена приказом")
    expect(page.get_by_test_id("application-order")).to_have_text(
        f"Статус присвоен приказом от {today:%d.%m.%Y} № 215-Д · площадка в реестре"
    )
    screenshot("council-order-6-application")
    page.get_by_role("link", name="площадка в реестре").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(application.theme)

    # The order in the registry can be printed again, now with its date and number.
    page.goto(meeting.get_absolute_url())
    page.locator("main").get_by_role("link", name="Приказы").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"текст \(Word\)")).click()
    issued = download_info.value
    target = tmp_path / issued.suggested_filename
    issued.save_as(target)
    lines = [plain(p.text) for p in Document(io.BytesIO(target.read_bytes())).paragraphs]
    assert f"{today:%d.%m.%Y} № 215-Д" in lines
