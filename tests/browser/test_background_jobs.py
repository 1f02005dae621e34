"""A background job whose worker died, in a real browser: Лариса's certificate batch stopped half-way and nobody
heard from it for over half an hour. The event page shows the same accessible progress bar as every job page
(role="progressbar", its value, a polite live region) and offers «Запустить снова»; pressed, the batch goes on where
it stopped and the bar reaches 100 %."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innoinfra.core.enums import JobState
from innoinfra.events.certificates import batches
from innoinfra.events.models import Certificate, CertificateBatch
from tests.events.test_certificates import held_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_organizer_starts_an_interrupted_batch_again(page, login, methodist, school, screenshot):
    event, _people = held_event(school, present=3, absent=0)
    first = list(batches.participants_without_certificate(event)[:1])
    batches.issue_to_participants(event, registrations=first)
    batch = CertificateBatch.objects.create(event=event, total=3, done=1, state=JobState.RUNNING)
    CertificateBatch.objects.filter(pk=batch.pk).update(heartbeat_at=timezone.now() - dt.timedelta(hours=1))

    login("larisa")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"/events/{event.pk}/certificates/")
    bar = page.get_by_role("progressbar", name="Готовность сертификатов")
    expect(bar).to_have_attribute("aria-valuenow", "33")
    expect(page.get_by_test_id("batch-status")).to_contain_text("сделано 1 из 3 сертификатов")
    expect(page.get_by_role("link", name="обновите её")).to_be_visible()  # for a browser without scripts
    expect(page.get_by_test_id("batch-silent")).to_contain_text("похоже, она прервалась")
    screenshot("jobs-batch-interrupted")

    page.get_by_role("button", name="Запустить снова").click()
    expect(page.get_by_test_id("batch-status")).to_contain_text("Готово: 3 из 3")
    expect(bar).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_role("button", name="Запустить снова")).to_have_count(0)
    assert Certificate.objects.filter(event=event).count() == 3
    screenshot("jobs-batch-resumed")
