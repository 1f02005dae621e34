"""A visitor filters the registry by the stage of the innovation cycle and sees the kinds × stages matrix, whose
count opens the filtered registry; the site page marks the stage in words."""

import pytest
from playwright.sync_api import expect

from innoinfra.reference.enums import CycleStage

from ..factories import OrganizationFactory, make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sites(school):
    make_site(organization=school, theme="Проектная площадка для старшеклассников", cycle_stage=CycleStage.DEVELOPMENT)
    make_site(
        kind_abbr="МАП",
        organization=OrganizationFactory(municipality=school.municipality, short_name="МБОУ СОШ № 3"),
        theme="Апробация новых учебников физики",
        cycle_stage=CycleStage.APPROBATION,
    )


def test_filter_by_stage_and_the_matrix(page, sites, screenshot):
    page.goto("/registry/")
    expect(page.get_by_test_id("result-count")).to_have_text("Найдено: 2")
    page.get_by_label("Этап цикла").select_option(label="Апробация")
    expect(page.get_by_test_id("result-count")).to_have_text("Найдено: 1")
    expect(page.get_by_role("link", name="Проектная площадка для старшеклассников")).to_have_count(0)
    screenshot("cycle-stage-registry")

    page.get_by_role("link", name="Апробация новых учебников физики").click()
    stage = page.get_by_test_id("cycle-stage")
    expect(stage).to_contain_text("Этап инновационного цикла: Апробация (3 из 5)")
    expect(stage.locator('[aria-current="step"]')).to_contain_text("Апробация")
    screenshot("cycle-stage-site")

    page.goto("/registry/map/matrix/")
    matrix = page.get_by_test_id("stage-matrix")
    expect(matrix).to_be_visible()
    expect(page.get_by_test_id("stage-grand-total")).to_have_text("2")
    screenshot("cycle-stage-matrix")
    matrix.get_by_role("link", name="Муниципальная апробационная площадка (МАП): 1").click()
    expect(page.get_by_test_id("result-count")).to_have_text("Найдено: 1")
    expect(page.get_by_role("link", name="Апробация новых учебников физики")).to_be_visible()
