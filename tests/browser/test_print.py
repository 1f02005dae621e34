"""Printing the pages people print (a site, an organization, a plan, an event with its programme, a report, a call's
ranking): the menu, buttons, forms and footer stay off the paper, the text is black on white, and Chromium makes a
PDF of each. The PDFs are kept in test-artifacts/ to look at (pdftoppm turns them into pictures)."""

import datetime as dt
import os

import pytest
from pypdf import PdfReader

from ..conftest import SCREENSHOTS
from ..events.factories import make_event
from ..factories import make_site
from ..plans.factories import make_plan
from ..reports.factories import report_world
from ..review.test_ranking_views import scored_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HIDDEN_ON_PAPER = ["nav.navbar", "footer", ".lv-bar", "main .btn", "main form:not([data-print='keep'])"]


def visible(page, selector) -> list[str]:
    return page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector))
             .filter(el => el.getClientRects().length && getComputedStyle(el).display !== 'none')
             .map(el => el.outerHTML.slice(0, 80))""",
        selector,
    )


def print_pages(page, pages):
    os.makedirs(SCREENSHOTS, exist_ok=True)
    page.emulate_media(media="print")
    for name, path in pages:
        page.goto(path)
        for selector in HIDDEN_ON_PAPER:
            assert not visible(page, selector), (path, selector, visible(page, selector))
        assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
        target = os.path.join(SCREENSHOTS, f"print-{name}.pdf")
        page.pdf(path=target, format="A4", prefer_css_page_size=True)
        reader = PdfReader(target)
        text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
        assert "Версия для слабовидящих" not in text and "Войти" not in text, path
        yield name, reader, text


def test_public_pages_print_without_menus_and_buttons(page, school, methodist):
    site = make_site(organization=school)
    plan = make_plan(site, approved=True)
    event = make_event(school, title="Семинар «Первые шаги к инновациям»", starts_in=dt.timedelta(days=10))
    pages = [
        ("site", f"/registry/sites/{site.pk}/"),
        ("organization", f"/registry/organizations/{school.pk}/"),
        ("plan", f"/plans/{plan.pk}/"),
        ("event", f"/events/{event.pk}/"),
    ]
    for name, reader, text in print_pages(page, pages):
        assert len(reader.pages) >= 1
        if name == "plan":
            assert "Семинар для педагогов" in text
        if name == "event":
            assert "Первые шаги к инновациям" in text


def test_a_report_and_a_ranking_print_for_staff(page, login, methodist, amursky, school):
    make_site(organization=school)  # the campaign's one reporting site
    world = report_world(amursky)
    call = scored_world(amursky, school, title="Конкурс на присвоение статуса МИП в 2025 году").call
    login("larisa")
    # the low-vision version, if on, stays off the paper too
    page.context.add_cookies([{"name": "low_vision", "value": "size-3.scheme-wb", "url": page.url}])
    pages = [("report", f"/reports/{world['report'].pk}/"), ("ranking", f"/calls/{call.pk}/ranking/")]
    for name, _reader, text in print_pages(page, pages):
        if name == "ranking":
            assert "Рейтинг" in text
