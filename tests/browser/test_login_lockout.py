"""In the browser: six wrong passwords in a row, and the page says in Russian that sign-in is closed and when to
come back."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_six_wrong_passwords_show_the_russian_lockout_message(page, login, methodist, screenshot):
    for attempt in range(6):
        login("larisa", password=f"угадываю-{attempt}")

    expect(page.get_by_role("heading", name="Вход временно закрыт")).to_be_visible()
    # in the last quarter of an hour of the day the time comes back tomorrow: «…через 15 минут, завтра в 00:03.»
    expect(page.get_by_test_id("lockout-message")).to_have_text(
        re.compile(
            r"Слишком много неудачных попыток входа\. Попробуйте снова через 1[45] минут, (завтра )?в \d\d:\d\d\."
        )
    )
    expect(page.get_by_test_id("current-user")).to_have_count(0)
    screenshot("login-locked-out")
