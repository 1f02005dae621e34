"""Before «Внести приказ» changes the registry, Лариса (`methodist`) sees exactly what it will do: which sites will be
created, which changed, whose status ends, which applications are refused. «Отмена» changes nothing; the confirmation
does what was listed."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from innoinfra.council import services
from innoinfra.council.enums import AgendaKind, MeetingState, Outcome
from innoinfra.registry.enums import SiteState
from innoinfra.registry.models import Order, Site
from innoinfra.review.enums import ApplicationState
from innoinfra.review.models import Application
from tests.factories import make_site

from .conftest import add_item, decide, reviewed_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def held(meeting, amursky, methodist):
    first = reviewed_application(amursky, theme="Цифровая школа")
    second = reviewed_application(amursky, theme="Школа полного дня", call=first.call)
    weak = reviewed_application(amursky, theme="Слабый проект", call=first.call)
    ending = make_site(kind_abbr="МОП", theme="Опорная школа")
    extended = make_site(kind_abbr="МАП", theme="Апробация ФОП")
    for application, outcome in (
        (first, Outcome.RECOMMEND),
        (second, Outcome.RECOMMEND),
        (weak, Outcome.NOT_RECOMMEND),
    ):
        decide(add_item(meeting, kind=AgendaKind.APPLICATION, application=application), outcome, by=methodist)
    decide(add_item(meeting, kind=AgendaKind.SITE, site=ending), Outcome.TERMINATE, by=methodist)
    decide(
        add_item(meeting, kind=AgendaKind.SITE, site=extended),
        Outcome.EXTEND,
        by=methodist,
        new_end_date=dt.date(2029, 6, 30),
    )
    services.change_meeting_state(meeting, MeetingState.HELD, by=methodist)
    return {"weak": weak, "ending": ending, "extended": extended}


def test_the_order_confirmation_lists_the_changes_cancel_keeps_the_registry_confirm_makes_them(
    page, login, screenshot, meeting, held, today
):
    sites_before = Site.objects.count()
    login("larisa")
    page.goto(f"/council/meetings/{meeting.pk}/order/")
    form = page.get_by_role("form", name="Внести реквизиты приказа")
    form.get_by_label("Номер приказа").fill("215-Д")
    form.get_by_label("Дата приказа").fill(today.isoformat())
    form.get_by_role("button", name="Внести приказ").click()

    plan = page.get_by_test_id("order-plan")
    expect(plan).to_contain_text(f"Приказ от {today:%d.%m.%Y} № 215-Д будет внесён в реестр")
    expect(plan).to_contain_text("Будут созданы 2 площадки:")
    expect(plan).to_contain_text("тема «Цифровая школа»")
    expect(plan).to_contain_text("тема «Школа полного дня»")
    expect(plan).to_contain_text("Статус 1 площадки будет прекращён:")
    expect(plan).to_contain_text("«Опорная школа»): статус прекращается досрочно")
    expect(plan).to_contain_text("Изменятся сведения 1 площадки:")
    expect(plan).to_contain_text("срок статуса продлевается до 30.06.2029")
    expect(plan).to_contain_text("Будет отклонена 1 заявка (совет её не рекомендовал; заявитель получит уведомление):")
    expect(plan).to_contain_text("Слабый проект")
    screenshot("council-order-confirm-1-plan")

    plan.get_by_role("link", name="Отмена").click()
    expect(page.get_by_role("form", name="Внести реквизиты приказа")).to_be_visible()
    assert not Order.objects.filter(number="215-Д").exists() and Site.objects.count() == sites_before
    assert Site.objects.get(pk=held["ending"].pk).state == SiteState.ACTIVE
    assert Application.objects.get(pk=held["weak"].pk).state == ApplicationState.NOT_RECOMMENDED

    form = page.get_by_role("form", name="Внести реквизиты приказа")
    form.get_by_label("Номер приказа").fill("215-Д")
    form.get_by_label("Дата приказа").fill(today.isoformat())
    form.get_by_role("button", name="Внести приказ").click()
    page.get_by_role("button", name="Подтвердить и внести приказ").click()
    expect(page.get_by_role("alert")).to_contain_text("внесён в реестр и исполнен")
    screenshot("council-order-confirm-2-done")
    order = Order.objects.get(number="215-Д")
    assert Site.objects.filter(order=order).count() == 2
    assert Site.objects.get(pk=held["ending"].pk).state == SiteState.REVOKED
    assert Site.objects.get(pk=held["extended"].pk).end_date == dt.date(2029, 6, 30)
    assert Application.objects.get(pk=held["weak"].pk).state == ApplicationState.REJECTED
