import datetime as dt

import pytest
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.practices import services
from innoinfra.practices.enums import PracticeState as S
from innoinfra.practices.models import Practice

from .factories import examine, make_practice

pytestmark = pytest.mark.django_db


def test_the_lifecycle_from_draft_to_withdrawn(school, teacher, methodist, expert):
    practice = make_practice(school, by=teacher)
    assert practice.state == S.DRAFT and practice.created_by == teacher
    assert practice.municipality_id == school.municipality_id
    services.submit(practice, by=teacher)
    services.return_for_revision(practice, comment="Опишите результаты.", by=methodist)
    assert practice.state == S.RETURNED and practice.moderator_comment == "Опишите результаты."
    services.update_practice(practice, by=teacher, results="Выросли результаты диагностики.")
    services.submit(practice, by=teacher)
    examine(practice, [expert], by=methodist)
    services.publish(practice, by=methodist)
    practice.refresh_from_db()
    assert practice.state == S.PUBLISHED and practice.published_at and practice.registry_number
    assert practice.moderator_comment == ""
    services.withdraw(practice, by=methodist)
    assert Practice.objects.get(pk=practice.pk).state == S.WITHDRAWN
    assert practice.history.count() == 8


@pytest.mark.parametrize(
    ("state", "step"),
    [
        (S.DRAFT, services.publish),
        (S.DRAFT, services.withdraw),
        (S.SUBMITTED, services.submit),
        (S.SUBMITTED, services.publish),  # publication only after the expertise
        (S.DRAFT, services.send_to_expertise),
        (S.PUBLISHED, services.send_to_expertise),
        (S.UNDER_EXPERTISE, services.publish),  # no expert has scored yet
        (S.UNDER_EXPERTISE, services.send_to_expertise),
        (S.UNDER_EXPERTISE, services.start_revision),
        (S.DRAFT, services.start_revision),
        (S.PUBLISHED, services.submit),
        (S.PUBLISHED, services.publish),
        (S.REJECTED, services.publish),
        (S.WITHDRAWN, services.publish),
        (S.RETURNED, services.withdraw),
    ],
)
def test_illegal_steps_change_nothing(school, state, step):
    practice = make_practice(school, state=state)
    before = Practice.objects.get(pk=practice.pk)
    with pytest.raises(ServiceError):
        step(practice)
    after = Practice.objects.get(pk=practice.pk)
    assert (after.state, after.registry_number, after.published_at) == (
        before.state,
        before.registry_number,
        before.published_at,
    )


@pytest.mark.parametrize("close", [services.return_for_revision, services.reject])
def test_returning_or_rejecting_needs_a_comment(school, close):
    practice = make_practice(school, state=S.SUBMITTED)
    with pytest.raises(ServiceError, match="комментарий"):
        close(practice, comment="   ")
    assert Practice.objects.get(pk=practice.pk).state == S.SUBMITTED


def test_a_published_practice_is_not_edited(school):
    practice = make_practice(school, state=S.PUBLISHED)
    with pytest.raises(ServiceError):
        services.update_practice(practice, title="Другое")
    assert Practice.objects.get(pk=practice.pk).title != "Другое"


def test_submitting_needs_a_description(school):
    practice = make_practice(school, description="")
    with pytest.raises(ServiceError, match="описание"):
        services.submit(practice)
    assert Practice.objects.get(pk=practice.pk).state == S.DRAFT


def test_registry_numbers_run_through_the_year(school, monkeypatch):
    year = timezone.localdate().year
    first = make_practice(school, state=S.PUBLISHED)
    make_practice(school, state=S.SUBMITTED)
    second = make_practice(school, state=S.PUBLISHED)
    assert first.registry_number == f"БД-{year}-0001"
    assert second.registry_number == f"БД-{year}-0002"
    # a new year starts again from one
    next_year = timezone.now().replace(year=year + 1, month=1, day=15)
    monkeypatch.setattr(timezone, "now", lambda: next_year)
    assert make_practice(school, state=S.PUBLISHED).registry_number == f"БД-{year + 1}-0001"
    assert services.next_registry_number(year) == f"БД-{year}-0003"


def test_a_withdrawn_practice_keeps_its_number(school):
    practice = make_practice(school, state=S.WITHDRAWN)
    assert practice.registry_number.startswith("БД-") and isinstance(practice.published_at, dt.datetime)
