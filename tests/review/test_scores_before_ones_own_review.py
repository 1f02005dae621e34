"""Nobody sees the other experts' scores of an application they still have to score — not even the chair of the
council, who otherwise follows the whole ranking: Галина (`chair`) joins the experts of application № 1, and until
she submits her own review, № 1's scores are withheld from her ranking, its Excel tables and her expert's page.
Лариса (`methodist`), who runs the call, keeps seeing everything."""

from __future__ import annotations

import re

import pytest

from innoinfra.accounts.enums import BodyPosition, Role
from innoinfra.accounts.models import Membership
from innoinfra.review import services
from innoinfra.review.enums import ApplicationState as AS
from innoinfra.review.enums import StageKind
from innoinfra.review.models import Application
from innoinfra.review.visibility import WITHHELD
from tests.factories import MembershipFactory, UserFactory
from tests.review.test_ranking_views import all_text, score, scored_world, sheet_rows

pytestmark = pytest.mark.django_db

FIRST_CONCLUSION = "Проект зрелый, результаты измеримы."  # Экспертова1's review of № 1 (30 points; Экспертова2: 10)


@pytest.fixture
def chair(expert):
    """Галина chairs the council Олег (`expert`) sits on, the council of the call."""
    user = UserFactory(username="galina", first_name="Галина", last_name="Председателева")
    MembershipFactory(
        user=user, role=Role.EXPERT, body=Membership.objects.get(user=expert).body, body_position=BodyPosition.CHAIR
    )
    return user


@pytest.fixture
def world(amursky, school, expert):
    return scored_world(amursky, school, body=Membership.objects.get(user=expert).body)


def chair_joins(world, chair):
    """№ 1 is back in review with the chair as its third expert."""
    Application.objects.filter(pk=world.first.pk).update(state=AS.UNDER_REVIEW)
    world.call.panel.add(chair)
    return services.assign(Application.objects.get(pk=world.first.pk), chair)


def row_of(response, number):
    return next(item for item in response.context["rows"] if item["number"] == number)


def test_it_withholds_the_scores_from_the_chairs_ranking_until_she_submits(client_for, world, chair):
    chair_joins(world, chair)
    score(world.first, chair, [1, 1, 1], submit=False)  # a draft changes nothing
    client = client_for(chair)
    response = client.get(f"/calls/{world.call.pk}/ranking/")
    page = response.content.decode()
    first = row_of(response, 1)
    assert (first["has_score"], first["score"], first["totals"], first["verdict"]) == (False, "—", "", WITHHELD)
    assert (first["submitted"], first["assigned"]) == (2, 3)
    row = re.search(r'<tr[^>]*data-application="1"[^>]*>.*?</tr>', page, re.S).group(0)
    assert "30" not in row and "20" not in row and "1,5" not in row
    # no places while one is withheld: a gap would tell where № 1 stands; № 2 keeps its score
    assert {item["rank"] for item in response.context["rows"]} == {"—"}
    assert row_of(response, 2)["score"] == "24"
    assert response.context["passing_count"] == 1
    assert "Вы ещё оцениваете заявки этого конкурса (заявок: 1)" in page
    score(world.first, chair, [2, 1, 1])
    response = client.get(f"/calls/{world.call.pk}/ranking/")
    assert row_of(response, 1)["has_score"] is True and row_of(response, 1)["rank"] != "—"
    assert "Вы ещё оцениваете" not in response.content.decode()


def test_it_withholds_the_scores_from_the_chairs_excel_tables(client_for, world, chair):
    chair_joins(world, chair)
    client = client_for(chair)
    header, *data = sheet_rows(client.get(f"/calls/{world.call.pk}/ranking.xlsx"))
    first = next(row for row in data if row[1] == 1)
    assert header[7].startswith("Балл") and first[7] is None and first[header.index("Порог")] == WITHHELD
    assert [row[0] for row in data] == [None, None, None]
    scores = sheet_rows(client.get(f"/calls/{world.call.pk}/scores.xlsx"))
    assert [row[0] for row in scores[1:]] == [2, 2]
    assert FIRST_CONCLUSION not in all_text(scores)


def test_the_methodist_sees_every_score_while_the_chair_scores(client_for, world, chair, methodist):
    chair_joins(world, chair)
    response = client_for(methodist).get(f"/calls/{world.call.pk}/ranking/")
    assert row_of(response, 1)["score"] == "20" and row_of(response, 2)["rank"] == 1
    scores = sheet_rows(client_for(methodist).get(f"/calls/{world.call.pk}/scores.xlsx"))
    assert FIRST_CONCLUSION in all_text(scores)


def test_the_chairs_expert_page_shows_no_colleague_before_her_own_review(client_for, world, chair):
    assignment = chair_joins(world, chair)
    world.call.stages.filter(kind=StageKind.REVIEW).update(experts_see_other_reviews=True)
    client = client_for(chair)
    page = client.get(f"/expertise/{assignment.pk}/")
    assert page.status_code == 200
    assert page.context["others"] == [] and FIRST_CONCLUSION not in page.content.decode()
    score(world.first, chair, [2, 1, 1])
    page = client.get(f"/expertise/{assignment.pk}/")
    assert [item["label"] for item in page.context["others"]] == ["Эксперт 2", "Эксперт 3"]
    assert FIRST_CONCLUSION in page.content.decode()
