"""Wide pages fit the screens people use: a 1366×768 laptop and a 390×844 phone. The call settings form's lists of
checkboxes stay inside their column without covering the next fields; the ranking shows its last column on the
laptop and on the phone scrolls inside its own box, never the whole page."""

import pytest
from playwright.sync_api import expect

from ..review.test_ranking_views import scored_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = [(1366, 768), (390, 844)]


def boxes_overlap(a, b) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"] + 0.5
        or b["x"] + b["width"] <= a["x"] + 0.5
        or a["y"] + a["height"] <= b["y"] + 0.5
        or b["y"] + b["height"] <= a["y"] + 0.5
    )


def page_scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1")


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_call_settings_form_keeps_its_checkbox_lists_in_place(
    page, login, methodist, amursky, school, screenshot, width, height
):
    world = scored_world(amursky, school, title="Конкурс на присвоение статуса МИП в 2025 году")
    page.set_viewport_size({"width": width, "height": height})
    login("larisa")
    page.goto(f"/calls/{world.call.pk}/edit/")
    expect(page.get_by_role("heading", name="Настройки конкурса")).to_be_visible()
    lists = page.locator("fieldset.choice-list")
    assert lists.count() >= 2  # site kinds and the expert panel
    fields = page.locator("form .mb-3")
    field_boxes = [fields.nth(i).bounding_box() for i in range(fields.count())]
    for i in range(lists.count()):
        box = lists.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"the list sticks out of the screen: {box}"
        others = [b for b in field_boxes if b and b != box]
        assert not [b for b in others if boxes_overlap(box, b) and not (b["y"] >= box["y"] and b["y"] + b["height"] <= box["y"] + box["height"])]
        for label in lists.nth(i).locator("label").all():
            inner = label.bounding_box()
            assert inner["x"] + inner["width"] <= box["x"] + box["width"] + 1, "a label runs out of its list"
    assert not page_scrolls_sideways(page)
    screenshot(f"call-settings-{width}")


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_ranking_fits_the_laptop_and_scrolls_in_its_box_on_the_phone(
    page, login, methodist, amursky, school, screenshot, width, height
):
    world = scored_world(amursky, school, title="Конкурс на присвоение статуса МИП в 2025 году")
    # a district rubric has a dozen criteria, each a column of the ranking
    for position in range(4, 13):
        world.call.rubric.criteria.create(position=position, title=f"Критерий {position}", max_level=2)
    page.set_viewport_size({"width": width, "height": height})
    login("larisa")
    page.goto(f"/calls/{world.call.pk}/ranking/")
    table = page.get_by_role("table", name="Рейтинг заявок")
    expect(table).to_be_visible()
    last = table.locator("thead th").last
    expect(last).to_have_text("Порог")
    expect(table.locator("thead th abbr", has_text="К12")).to_have_count(1)
    if width >= 1366:
        box = last.bounding_box()
        assert box["x"] + box["width"] <= width, f"the last column is off-screen: {box}"
    assert not page_scrolls_sideways(page)
    screenshot(f"ranking-{width}")
