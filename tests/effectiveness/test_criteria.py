"""Criteria of effectiveness: safe formulas, hand-computed scores, editions that leave past years alone, and who
may read and change them."""

from decimal import Decimal

import pytest

from innoinfra.core.errors import ServiceError
from innoinfra.effectiveness import formulas, scoring, services
from innoinfra.effectiveness.models import CriteriaSet, Criterion

from ..conftest import ROLE_FIXTURES

pytestmark = pytest.mark.django_db

STAFF = {"methodist", "authority", "other_methodist", "admin_user"}


def test_a_formula_is_arithmetic_over_known_codes():
    assert formulas.evaluate("plan_items_done / plan_items_due", {"plan_items_done": 9, "plan_items_due": 12}) == 0.75
    assert formulas.evaluate("min(events_held, 5) * 2 + 1", {"events_held": 7}) == 11
    assert formulas.evaluate("a / b", {"a": 3, "b": 0}) == 0  # nothing due: nothing achieved, not an error
    with pytest.raises(formulas.MissingFigure):
        formulas.evaluate("publications + 1", {})
    for hostile in ("__import__('os').system('id')", "events_held.__class__", "open('/etc/passwd')", "'a' * 9"):
        with pytest.raises(ServiceError):
            formulas.check(hostile, {"events_held"})
    with pytest.raises(ServiceError, match="неизвестные коды: teachers"):
        formulas.check("teachers / 2", {"events_held"})
    with pytest.raises(ServiceError, match="с ошибкой"):
        formulas.check("events_held +", {"events_held"})


def make_set(first_year, municipality=None, criteria=(("План", "plan_items_done / plan_items_due", "0.8", "3"),)):
    criteria_set = CriteriaSet.objects.create(title="Критерии", municipality=municipality, first_year=first_year)
    for n, (title, formula, target, weight) in enumerate(criteria, start=1):
        Criterion.objects.create(
            criteria_set=criteria_set,
            position=n,
            title=title,
            formula=formula,
            target=Decimal(target),
            weight=Decimal(weight),
        )
    return criteria_set


def test_the_total_is_the_weighted_share_of_targets_reached():
    criteria_set = make_set(
        2024,
        criteria=[
            ("План", "plan_items_done / plan_items_due", "0.8", "3"),  # 0.6 / 0.8 = 75 %
            ("Мероприятия", "events_held", "4", "2"),  # 6 of 4: capped at 100 %
            ("Публикации", "publications", "3", "1"),  # unknown: 0, marked
        ],
    )
    row = scoring.Row(1, "Школа", 1, criteria_set)
    figures = {"plan_items_done": 6, "plan_items_due": 10, "events_held": 6}
    for criterion in criteria_set.criteria.all():
        try:
            value = formulas.evaluate(criterion.formula, figures)
        except formulas.MissingFigure:
            row.results.append(scoring.Result(criterion.pk, None, 0.0))
            continue
        row.results.append(scoring.Result(criterion.pk, value, min(value / float(criterion.target), 1.0)))
    # (0.75 × 3 + 1 × 2 + 0 × 1) ÷ 6 = 70.8 %
    assert row.total == 70.8
    assert not row.complete


def test_a_year_is_scored_by_the_edition_in_force_then(amursky, monkeypatch):
    monkeypatch.setattr(services, "current_year", lambda: 2025)
    common = make_set(2023)
    own_old = make_set(2024, municipality=amursky)
    assert scoring.sets_for_year([amursky.pk], 2023) == {amursky.pk: common}
    assert scoring.sets_for_year([amursky.pk], 2024) == {amursky.pk: own_old}
    edition = services.new_edition(own_old)
    assert edition.first_year == 2025 and edition.criteria.count() == 1
    assert scoring.sets_for_year([amursky.pk], 2024) == {amursky.pk: own_old}
    assert scoring.sets_for_year([amursky.pk], 2025) == {amursky.pk: edition}


def test_a_past_edition_cannot_be_changed_but_the_current_one_can(amursky, monkeypatch):
    monkeypatch.setattr(services, "current_year", lambda: 2025)
    old = make_set(2024, municipality=amursky)
    criterion = old.criteria.get()
    with pytest.raises(ServiceError, match="новую редакцию"):
        services.save_criterion(old, criterion, title="Другое", formula="events_held", target=5)
    with pytest.raises(ServiceError):
        services.delete_criterion(criterion)
    criterion.refresh_from_db()
    assert criterion.title == "План"
    current = services.new_edition(old)
    saved = services.save_criterion(current, title="Мероприятия", formula="events_held", target="4,5", weight=2)
    assert saved.target == Decimal("4.5") and current.criteria.count() == 2
    with pytest.raises(ServiceError, match="больше нуля"):
        services.save_criterion(current, title="Ноль", formula="events_held", target=0)
    with pytest.raises(ServiceError, match="без новой редакции"):
        services.new_edition(current)
    with pytest.raises(ServiceError, match="текущего или будущего"):
        services.create_set(title="Задним числом", municipality=amursky, first_year=2020)


@pytest.mark.parametrize("role", ["anonymous", *ROLE_FIXTURES])
def test_scores_and_criteria_are_for_staff(role, client_for, request, amursky):
    criteria_set = make_set(2024, municipality=amursky)
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    pages = ["/effectiveness/", "/effectiveness/scores.xlsx", "/effectiveness/criteria/"]
    for url in pages:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302
        else:
            assert response.status_code == (200 if role in STAFF else 403), (url, role)
    detail = client.get(f"/effectiveness/criteria/{criteria_set.pk}/")
    expected = {None: 302, True: 200, False: 403 if role not in STAFF else 404}
    visible = role in {"methodist", "authority", "admin_user"} if role != "anonymous" else None
    assert detail.status_code == expected[visible]


def test_only_staff_of_the_territory_add_criteria(client_for, methodist, other_methodist, amursky, monkeypatch):
    monkeypatch.setattr(services, "current_year", lambda: 2025)
    criteria_set = make_set(2025, municipality=amursky)
    data = {"title": "Мероприятия", "formula": "events_held", "target": "4", "weight": "1"}
    client_for(other_methodist).post(f"/effectiveness/criteria/{criteria_set.pk}/", data)
    assert criteria_set.criteria.count() == 1
    response = client_for(methodist).post(f"/effectiveness/criteria/{criteria_set.pk}/", data)
    assert response.status_code == 302 and criteria_set.criteria.count() == 2
    bad = client_for(methodist).post(f"/effectiveness/criteria/{criteria_set.pk}/", {**data, "formula": "x.y"})
    assert "допустимы только" in bad.content.decode() and criteria_set.criteria.count() == 2
