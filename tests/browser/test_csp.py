"""The main pages under the strict Content-Security-Policy in a real browser: nothing is refused, nothing fails.
Each page is watched for `securitypolicyviolation` events, console errors and uncaught exceptions."""

import pytest
from playwright.sync_api import expect

from innoinfra.plans.models import Plan

from ..factories import OrganizationFactory, make_site
from ..monitoring.world import build_world
from ..plans.factories import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Registered before any script of the page runs, so a violation during loading is caught too.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || ""));
});
"""


@pytest.fixture
def watched(page):
    problems = []
    page.add_init_script(WATCH)

    def on_console(message):
        # the browser asks for /favicon.ico on its own; whatever it answers is no error of the page
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            problems.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def check(path):
        """Open the page, let its scripts run, and fail on anything the policy refused."""
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert_clean()

    def assert_clean():
        violations = page.evaluate("window.__violations")
        assert not violations and not problems, (page.url, violations, problems)

    check.assert_clean = assert_clean
    return check


def test_public_pages_keep_to_the_policy(page, watched, school):
    make_site(organization=school)
    make_site(kind_abbr="КИП", organization=OrganizationFactory(municipality=school.municipality))
    for path in ("/", "/registry/", "/registry/map/", "/registry/map/matrix/", "/accounts/login/"):
        watched(path)
    response = page.goto("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # the map drew its markers and the legend its colours, set from data attributes through the CSSOM
    watched("/registry/map/")
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(2)
    dot = page.locator(".map-legend-dot").first
    assert dot.evaluate("el => getComputedStyle(el).backgroundColor") not in ("", "rgba(0, 0, 0, 0)")


def test_staff_pages_with_charts_selects_and_dialogs_keep_to_the_policy(
    page, watched, login, methodist, amursky, vyselki, school
):
    build_world(amursky, vyselki, school)
    plan = make_plan(school, title="План для проверки политики")
    login("larisa")
    watched.assert_clean()

    watched("/monitoring/")
    expect(page.locator("canvas[data-chart]").first).to_have_attribute("data-drawn", "1")  # Chart.js drew it
    watched("/plans/")
    bar = page.locator(".progress-bar[data-width]").first
    if bar.count():
        assert bar.evaluate("el => el.style.width").endswith("%")

    watched("/registry/sites/new/")
    select = page.locator(".ts-wrapper").first
    expect(select).to_be_visible()  # Tom Select dressed the select
    select.locator("input").first.click()
    select.locator("input").first.fill("нет такой организации")
    expect(page.locator(".ts-dropdown .no-results:visible")).to_have_text("Ничего не найдено")
    watched.assert_clean()

    # the confirmation that used to be an inline onclick: refusing it keeps the plan
    watched(f"/plans/{plan.pk}/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Удалить проект").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("План для проверки политики")
    assert Plan.objects.filter(pk=plan.pk).exists()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Удалить проект").click()
    page.wait_for_load_state("networkidle")
    assert not Plan.objects.filter(pk=plan.pk).exists()
    watched.assert_clean()


def test_the_admin_and_the_api_docs_keep_to_their_policies(page, watched, login, admin_user):
    login(admin_user.username)
    watched("/admin/")
    watched("/admin/communities/community/add/")
    watched("/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("innoinfra API")
