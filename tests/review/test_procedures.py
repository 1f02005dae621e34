"""Procedures that decide elsewhere: an app registers its call purpose with the review engine, once, through
`register_procedure`; the engine leads the staff there when the experts are done, and to the application's page
otherwise. Лариса (`methodist`) runs the Amursky calls and hears when the experts are done."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured

from innoinfra.accounts.enums import Role
from innoinfra.core.models import Notification
from innoinfra.review import notices, procedures
from innoinfra.review.enums import CallPurpose
from innoinfra.review.procedures import Decision, ProcedureRegistry, procedure_for, register_procedure
from tests.review.factories import make_application, make_call


def decided_in_the_gallery(application) -> Decision:
    return Decision(
        title=f"Работа № {application.number} оценена",
        text="Жюри завершило оценку; итоги подводятся на странице выставки.",
        url="/gallery/",
        roles=frozenset({Role.MODERATOR}),
    )


def test_it_registers_one_procedure_per_purpose():
    registry = ProcedureRegistry()
    procedure = registry.register(CallPurpose.CONTEST, decided_at=decided_in_the_gallery)
    assert registry.for_purpose(CallPurpose.CONTEST) is procedure
    assert procedure.decided_at is decided_in_the_gallery
    assert registry.for_purpose(CallPurpose.STATUS) is None


def test_it_refuses_a_second_registration_of_the_same_purpose():
    registry = ProcedureRegistry()
    registry.register(CallPurpose.CONTEST, decided_at=decided_in_the_gallery)
    with pytest.raises(ImproperlyConfigured, match="'contest' is already registered"):
        registry.register(CallPurpose.CONTEST, decided_at=lambda application: None)
    assert registry.for_purpose(CallPurpose.CONTEST).decided_at is decided_in_the_gallery


def test_it_refuses_an_unknown_purpose_and_a_decided_at_that_is_not_callable():
    registry = ProcedureRegistry()
    with pytest.raises(ImproperlyConfigured, match="Unknown call purpose 'gallery'"):
        registry.register("gallery", decided_at=decided_in_the_gallery)
    with pytest.raises(ImproperlyConfigured, match="must be callable"):
        registry.register(CallPurpose.CONTEST, decided_at="/gallery/")
    assert registry.for_purpose(CallPurpose.CONTEST) is None


def test_the_data_bank_registered_its_procedure_at_start_up_and_only_once():
    from innoinfra.practices.notices import expertise_done

    assert procedure_for(SimpleNamespace(purpose=CallPurpose.DATABANK)).decided_at is expertise_done
    assert procedure_for(SimpleNamespace(purpose=CallPurpose.STATUS)) is None
    with pytest.raises(ImproperlyConfigured, match="already registered"):
        register_procedure(CallPurpose.DATABANK, decided_at=expertise_done)


@pytest.fixture
def registry(monkeypatch):
    """The engine's registry, empty for the test and put back afterwards."""
    fresh = ProcedureRegistry()
    monkeypatch.setattr(procedures, "_registry", fresh)
    return fresh


def test_the_staff_are_led_where_a_registered_procedure_decides(registry, amursky, school, methodist, moderator):
    registry.register(CallPurpose.CONTEST, decided_at=decided_in_the_gallery)
    application = make_application(make_call(amursky, purpose=CallPurpose.CONTEST), school)
    notices.all_reviews_in(application)
    told = Notification.objects.filter(title=f"Работа № {application.number} оценена")
    # the call's staff, and the moderators the procedure names
    assert sorted(told.values_list("user__username", flat=True)) == sorted([methodist.username, moderator.username])
    assert {n.url for n in told} == {"/gallery/"}


def test_without_a_procedure_the_staff_are_led_to_the_application(registry, amursky, school, methodist, moderator):
    application = make_application(make_call(amursky, purpose=CallPurpose.CONTEST), school)
    notices.all_reviews_in(application)
    told = Notification.objects.filter(title=f"Все экспертизы заявки № {application.number} получены")
    assert list(told.values_list("user__username", flat=True)) == [methodist.username]
    assert told.get().url == application.get_absolute_url()


def test_a_procedure_answering_none_leaves_the_decision_on_the_application(registry, amursky, school, methodist):
    registry.register(CallPurpose.CONTEST, decided_at=lambda application: None)
    application = make_application(make_call(amursky, purpose=CallPurpose.CONTEST), school)
    notices.all_reviews_in(application)
    assert Notification.objects.get(user=methodist).url == application.get_absolute_url()
