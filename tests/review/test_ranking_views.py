"""The results of a call: the ranking, the progress of the review and the Excel tables, as the methodist and the
chair of the council use them — and as nobody else may."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from innoinfra.accounts.enums import BodyPosition, Role
from innoinfra.accounts.models import Membership
from innoinfra.review import services
from innoinfra.review.enums import ApplicationState as AS
from innoinfra.review.enums import AssignmentState, ReviewState, StageKind
from innoinfra.review.models import Assignment, Review
from innoinfra.review.ranking import build_ranking
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.review.factories import make_application, make_call, stages_around

pytestmark = pytest.mark.django_db

RESULT_URLS = ["/calls/{pk}/ranking/", "/calls/{pk}/progress/", "/calls/{pk}/ranking.xlsx", "/calls/{pk}/scores.xlsx"]


# ---------------------------------------------------------------- a scored call


def application_in_review(call, organization, theme, experts):
    application = make_application(call, organization, theme=theme)
    application.state = AS.SUBMITTED
    application.save(update_fields=["state"])
    services.send_to_review(application)
    for expert in experts:
        services.assign(application, expert)
    return application


def score(application, expert, levels, *, comments=(), conclusion="", recommendation="support", submit=True):
    criteria = list(application.call.rubric.criteria.all())
    comments = list(comments) + [""] * (len(criteria) - len(comments))
    return services.save_review(
        application.assignments.get(expert=expert),
        by=expert,
        scores={c.pk: (level, comment) for c, level, comment in zip(criteria, levels, comments, strict=True)},
        conclusion=conclusion or f"Проект заявки № {application.number} в целом обоснован.",
        recommendation=recommendation,
        submit=submit,
    )


def scored_world(municipality, school, *, body=None, stage=StageKind.REVIEW, **call_fields):
    """Three applications in review (rubric weights 3, 5, 7 on levels 0–2: maximum 30, threshold 60 % = 18).

    № 1 (school): 30 and 10 — mean 20, experts disagree.  № 2 (gymnasium): 25 and 23 — mean 24; a third expert
    declined it, a fourth recused with a (zero) review that must not count.  № 3 (lyceum): one draft only.
    """
    experts = [
        UserFactory(username=f"rank-e{i}", first_name="Анна", last_name=f"Экспертова{i}", middle_name="Ивановна")
        for i in (1, 2, 3, 4)
    ]
    e1, e2, e3, e4 = experts
    call = make_call(municipality, panel=experts, stage=stage, body=body, **call_fields)
    gymnasium = OrganizationFactory(
        municipality=municipality,
        short_name="МБОУ Гимназия № 8",
        full_name="Муниципальное бюджетное общеобразовательное учреждение Гимназия № 8",
    )
    lyceum = OrganizationFactory(municipality=municipality, short_name="МАОУ Лицей № 3", full_name="МАОУ Лицей № 3")
    first = application_in_review(call, school, "Школа функциональной грамотности", [e1, e2])
    second = application_in_review(call, gymnasium, "Цифровая образовательная среда гимназии", [e1, e2, e3, e4])
    third = application_in_review(call, lyceum, "Лицейская проектная лаборатория", [e3])
    services.decline(second.assignments.get(expert=e2), by=e2, reason="Болезнь")
    recused = second.assignments.get(expert=e4)
    review = Review.objects.create(
        assignment=recused, state=ReviewState.SUBMITTED, total=0, conclusion="Заключение отведённого эксперта"
    )
    for criterion in call.rubric.criteria.all():
        review.scores.create(criterion=criterion, value=0)
    Assignment.objects.filter(pk=recused.pk).update(state=AssignmentState.RECUSED, reason="Конфликт интересов")
    score(
        first,
        e1,
        [2, 2, 2],
        comments=["Тема востребована в районе"],
        conclusion="Проект зрелый, результаты измеримы.",
    )
    score(first, e2, [1, 0, 1], conclusion="Новизна не показана.", recommendation="reject")
    score(second, e1, [2, 1, 2])
    score(second, e3, [2, 2, 1], recommendation="revise")
    score(third, e3, [1, 1, 1], submit=False)
    return SimpleNamespace(
        call=call, experts=experts, first=first, second=second, third=third, gymnasium=gymnasium, lyceum=lyceum
    )


@pytest.fixture
def council(expert):
    """The council Олег (`expert`) sits on; its chair follows the ranking."""
    return Membership.objects.get(user=expert).body


@pytest.fixture
def chair(council):
    user = UserFactory(username="galina", first_name="Галина", last_name="Председателева")
    MembershipFactory(user=user, role=Role.EXPERT, body=council, body_position=BodyPosition.CHAIR)
    return user


@pytest.fixture
def world(amursky, school, council):
    return scored_world(amursky, school, body=council)


@pytest.fixture
def blind(amursky, school, council):
    return scored_world(amursky, school, body=council, is_blind=True, title="Слепой конкурс")


def sheet_rows(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    workbook = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def all_text(rows) -> str:
    return "\n".join(str(v) for row in rows for v in row if v is not None)


# ---------------------------------------------------------------- who may see the results


@pytest.mark.parametrize("url", RESULT_URLS)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("methodist", 200),
        ("authority", 200),
        ("admin_user", 200),
        ("chair", 200),
        ("other_methodist", 403),
        ("expert", 403),
        ("orgadmin", 403),
        ("teacher", 403),
    ],
)
def test_results_are_for_the_calls_staff_and_the_chair(request, client_for, world, url, role, status):
    user = request.getfixturevalue(role)
    assert client_for(user).get(url.format(pk=world.call.pk)).status_code == status


@pytest.mark.parametrize("url", RESULT_URLS)
def test_a_panel_expert_and_the_anonymous_do_not_see_the_results(client_for, world, url):
    url = url.format(pk=world.call.pk)
    assert client_for(world.experts[0]).get(url).status_code == 403
    response = client_for().get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("url", RESULT_URLS)
def test_an_unpublished_call_is_hidden_from_outsiders_but_not_from_its_chair(
    client_for, world, other_methodist, orgadmin, chair, url
):
    world.call.is_published = False
    world.call.save(update_fields=["is_published"])
    url = url.format(pk=world.call.pk)
    assert client_for(other_methodist).get(url).status_code == 404
    assert client_for(orgadmin).get(url).status_code == 404
    assert client_for(chair).get(url).status_code == 200


def test_unknown_call_is_404(client_for, methodist):
    assert client_for(methodist).get("/calls/999999/ranking/").status_code == 404


# ---------------------------------------------------------------- the ranking page


def _row_html(page: str, number: int) -> str:
    match = re.search(rf'<tr[^>]*data-application="{number}"[^>]*>.*?</tr>', page, re.S)
    assert match, f"no row for application № {number}"
    return match.group(0)


def test_ranking_shows_what_build_ranking_computed(client_for, world, methodist):
    response = client_for(methodist).get(f"/calls/{world.call.pk}/ranking/")
    page = response.content.decode()
    expected = build_ranking(world.call)
    shown = [item["row"] for item in response.context["rows"]]
    assert [(r.application.number, r.rank, r.score, r.mean, r.median, r.spread, r.share) for r in shown] == [
        (r.application.number, r.rank, r.score, r.mean, r.median, r.spread, r.share) for r in expected.rows
    ]
    # № 2 first (24 of 30), then № 1 (20), then № 3 without submitted reviews
    assert re.findall(r'data-application="(\d+)"', page) == ["2", "1", "3"]
    second, first, third = (_row_html(page, n) for n in (2, 1, 3))
    # declined and recused assignments do not count: two of two reviews, the recused expert's zeros are ignored
    assert "2 из 2" in second and ">24<" in second.replace("\n", "")
    assert "80" in second and "проходит" in second and "не проходит" not in second
    assert "table-warning" not in second and "эксперты расходятся" not in second
    # № 1: 30 and 10 — mean 20, σ 10, 66,7 % of 30 (one decimal in the column); the experts disagree
    assert 'class="table-warning"' in first and "эксперты расходятся" in first
    for text in ("2 из 2", "30 · 10", "66,7", "проходит"):
        assert text in first
    assert "0 из 1" in third and "нет оценок" in third
    # the call's rules are stated
    assert "Среднее по экспертам" in page
    assert 'data-testid="maximum">30<' in page
    assert "60 % максимума — не меньше 18 баллов" in page
    # per-criterion means under abbreviated headers with the titles as tooltips
    assert 'title="Актуальность"' in page and ">К1<" in page
    assert re.search(r"<td[^>]*>1,5</td>", first)  # Актуальность: (2 + 1) / 2
    # staff see the applicants and reach the application and the summary conclusion
    assert "МБОУ Гимназия № 8" in page and "Школа функциональной грамотности" in page
    assert f"/applications/{world.first.pk}/conclusion.docx" in page
    assert f"/calls/{world.call.pk}/ranking.xlsx?normalise=0" in page


def test_criteria_below_their_minimum_fail_the_application(client_for, amursky, school, methodist):
    from tests.review.factories import make_rubric

    world = scored_world(amursky, school, rubric=make_rubric(minimum=2))
    page = client_for(methodist).get(f"/calls/{world.call.pk}/ranking/").content.decode()
    first = _row_html(page, 1)  # Актуальность: 2 and 1 → 1,5 < 2
    assert "не проходит" in first and "ниже минимума: Актуальность" in first
    assert "проходит" in _row_html(page, 2) and "ниже минимума" not in _row_html(page, 2)


def test_normalisation_toggle(client_for, world, methodist):
    client = client_for(methodist)
    plain = client.get(f"/calls/{world.call.pk}/ranking/")
    assert plain.context["ranking"].normalised is False
    normalised = client.get(f"/calls/{world.call.pk}/ranking/?normalise=1")
    page = normalised.content.decode()
    assert normalised.context["ranking"].normalised is True
    expected = build_ranking(world.call, normalise=True)
    assert [item["row"].score for item in normalised.context["rows"]] == [r.score for r in expected.rows]
    assert [item["row"].score for item in normalised.context["rows"]] != [
        item["row"].score for item in plain.context["rows"]
    ]
    assert "строгость или мягкость эксперта" in page
    assert f"/calls/{world.call.pk}/scores.xlsx?normalise=1" in page
    # the call's own setting is the default, and ?normalise=0 overrides it
    world.call.normalise = True
    world.call.save(update_fields=["normalise"])
    assert client.get(f"/calls/{world.call.pk}/ranking/").context["ranking"].normalised is True
    assert client.get(f"/calls/{world.call.pk}/ranking/?normalise=0").context["ranking"].normalised is False


def test_chair_of_a_blind_call_never_sees_the_applicants(client_for, blind, chair, school):
    page = client_for(chair).get(f"/calls/{blind.call.pk}/ranking/").content.decode()
    for secret in (school.short_name, "Гимназия", "Лицей", "Школа функциональной грамотности", "Цифровая"):
        assert secret not in page
    assert "Заявка № 1" in page and "Заявка № 2" in page
    assert "Тема скрыта (слепая экспертиза)" in page
    assert "Экспертиза слепая: заявители и темы скрыты" in page
    assert f"/applications/{blind.first.pk}/" not in page  # the chair has no application pages
    # the depersonalised theme the methodist prepared is what the chair reads
    blind.first.blind_theme = "Проектная деятельность в основной школе"
    blind.first.save(update_fields=["blind_theme"])
    page = client_for(chair).get(f"/calls/{blind.call.pk}/ranking/").content.decode()
    assert "Проектная деятельность в основной школе" in page


def test_staff_see_the_applicants_of_a_blind_call(client_for, blind, methodist, school):
    page = client_for(methodist).get(f"/calls/{blind.call.pk}/ranking/").content.decode()
    assert school.short_name in page and "Цифровая образовательная среда гимназии" in page
    assert "Экспертиза слепая: заявители и темы скрыты" not in page


def test_chair_sees_the_applicants_once_a_stage_reveals_them(client_for, blind, chair, school):
    blind.call.stages.filter(kind=StageKind.REVIEW).update(reveal_names=True)
    page = client_for(chair).get(f"/calls/{blind.call.pk}/ranking/").content.decode()
    assert school.short_name in page


def test_ranking_queries_do_not_grow_with_applications(client_for, world, methodist, assert_constant_queries):
    e1, e2 = world.experts[:2]

    def grow(n):
        for _ in range(n):
            organization = OrganizationFactory(municipality=world.call.municipality)
            application = application_in_review(world.call, organization, "Ещё один проект", [e1, e2])
            score(application, e1, [2, 1, 1])
            score(application, e2, [1, 1, 2])

    assert_constant_queries(client_for(methodist), f"/calls/{world.call.pk}/ranking/", grow, maximum=14)


# ---------------------------------------------------------------- the progress page


def test_progress_counts_per_expert_with_totals(client_for, world, methodist):
    response = client_for(methodist).get(f"/calls/{world.call.pk}/progress/")
    page = response.content.decode()
    rows = {row["name"]: row for row in response.context["experts"]}
    counts = {
        name.split()[0]: (r["assigned"], r["pending"], r["drafts"], r["submitted"], r["declined"], r["late"])
        for name, r in rows.items()
    }
    assert counts == {
        "Экспертова1": (2, 0, 0, 2, 0, 0),
        "Экспертова2": (1, 0, 0, 1, 1, 0),
        "Экспертова3": (2, 0, 1, 1, 0, 0),
        "Экспертова4": (0, 0, 0, 0, 1, 0),
    }
    assert "Экспертова1 Анна Ивановна" in page
    assert 'data-late="1"' not in page
    totals = re.search(r'<tr data-testid="totals">(.*?)</tr>', page, re.S).group(1)
    assert re.findall(r">(\d+)<", totals) == ["5", "0", "1", "4", "2", "0"]
    assert "Оценки принимаются до" in page


def test_progress_flags_late_experts_after_the_deadline(client_for, world, chair):
    from django.utils import timezone

    services.set_stages(world.call, stages_around(timezone.localdate(), StageKind.MEETING))
    pending = world.third.assignments.get()
    response = client_for(chair).get(f"/calls/{world.call.pk}/progress/")
    page = response.content.decode()
    late = [row for row in response.context["experts"] if row["late"]]
    assert [(row["expert_id"], row["late"]) for row in late] == [(pending.expert_id, 1)]
    assert page.count('data-late="1"') == 1 and "срок истёк" in page
    assert "Срок экспертизы истёк" in page


def test_progress_without_assignments(client_for, amursky, methodist):
    call = make_call(amursky)
    page = client_for(methodist).get(f"/calls/{call.pk}/progress/").content.decode()
    assert "Эксперты на заявки этого конкурса ещё не назначены" in page


# ---------------------------------------------------------------- Excel


def test_ranking_xlsx_has_the_ranking_rows(client_for, world, methodist):
    rows = sheet_rows(client_for(methodist).get(f"/calls/{world.call.pk}/ranking.xlsx"))
    header, *data = rows
    assert header[:4] == ["Место", "№ заявки", "Заявитель", "Тема"]
    assert "К1. Актуальность (средний балл)" in header
    column = {name: header.index(name) for name in header}
    assert [row[1] for row in data] == [2, 1, 3]
    second, first, third = data
    assert second[0] == 1 and second[2] == "МБОУ Гимназия № 8"
    assert Decimal(str(second[column["Среднее"]])) == 24
    assert (second[column["Назначено экспертов"]], second[column["Отправлено оценок"]]) == (2, 2)
    assert first[column["Эксперты расходятся"]] == "да" and second[column["Эксперты расходятся"]] is None
    assert Decimal(str(first[column["% максимума"]])) == Decimal("66.67")
    assert first[column["Порог"]] == "проходит" and third[column["Порог"]] == "нет оценок"
    assert third[0] is None


def test_scores_xlsx_has_one_row_per_submitted_review(client_for, world, methodist):
    rows = sheet_rows(client_for(methodist).get(f"/calls/{world.call.pk}/scores.xlsx"))
    header, *data = rows
    assert header[:4] == ["№ заявки", "Заявитель", "Тема", "Эксперт"]
    assert header[4:6] == ["К1. Актуальность: балл", "К1: комментарий"]
    column = {name: header.index(name) for name in header}
    pairs = [(row[0], row[3]) for row in data]
    # recused (Экспертова4) and declined (Экспертова2 on № 2) assignments and drafts (№ 3) are not there
    assert pairs == [
        (2, "Экспертова1 Анна Ивановна"),
        (2, "Экспертова3 Анна Ивановна"),
        (1, "Экспертова1 Анна Ивановна"),
        (1, "Экспертова2 Анна Ивановна"),
    ]
    first_by_e1 = data[2]
    assert first_by_e1[4:6] == [2, "Тема востребована в районе"]
    assert Decimal(str(first_by_e1[column["Итого с учётом весов"]])) == 30
    assert first_by_e1[column["Рекомендация"]] == "Рекомендовать"
    assert first_by_e1[column["Заключение"]] == "Проект зрелый, результаты измеримы."
    assert Decimal(str(data[3][column["Итого с учётом весов"]])) == 10
    assert "Заключение отведённого эксперта" not in all_text(rows)


def test_chair_of_a_blind_call_gets_both_tables_without_applicants_or_expert_names(client_for, blind, chair, school):
    client = client_for(chair)
    for url in (f"/calls/{blind.call.pk}/ranking.xlsx", f"/calls/{blind.call.pk}/scores.xlsx"):
        text = all_text(sheet_rows(client.get(url)))
        for secret in (school.short_name, school.full_name, "Гимназия", "Лицей", "Школа функциональной", "Цифровая"):
            assert secret not in text, (url, secret)
        assert "скрыт (слепая экспертиза)" in text
    scores = all_text(sheet_rows(client.get(f"/calls/{blind.call.pk}/scores.xlsx")))
    assert "Экспертова" not in scores and "Эксперт 1" in scores


def test_staff_get_the_blind_calls_applicants_in_the_tables(client_for, blind, methodist, school):
    text = all_text(sheet_rows(client_for(methodist).get(f"/calls/{blind.call.pk}/ranking.xlsx")))
    assert school.short_name in text and "Цифровая образовательная среда гимназии" in text


def test_the_ranking_prints_a_hostile_theme_as_text(client_for, world, methodist):
    from innoinfra.review.models import Application

    first = world.call.applications.get(number=1)
    Application.objects.filter(pk=first.pk).update(theme='<script>alert("x")</script> & «тема»')
    page = client_for(methodist).get(f"/calls/{world.call.pk}/ranking/").content.decode()
    assert '<script>alert("x")' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «тема»" in page
