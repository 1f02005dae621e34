"""Who hears about what in a call. Texts for experts never name the applicant of a blind call."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from innoinfra.accounts.enums import STAFF_ROLES, Role
from innoinfra.accounts.models import Membership, User
from innoinfra.core.notifications import Notice, notify_many

from .enums import DECIDED_STATES, ApplicationState
from .models import Application, Assignment
from .procedures import Decision, procedure_for


def applicant_people(application: Application) -> list[User]:
    """The author of the application and the heads of its lead organization."""
    heads = Membership.objects.active().filter(role=Role.ORG_ADMIN, organization_id=application.lead_organization_id)
    query = Q(pk__in=heads.values("user_id"))
    if application.created_by_id:
        query |= Q(pk=application.created_by_id)
    return list(User.objects.filter(query, is_active=True).distinct())


def call_staff(call, roles=STAFF_ROLES) -> list[User]:
    staff = (
        Membership.objects.active()
        .filter(role__in=roles)
        .filter(
            Q(municipality_id=call.municipality_id)
            | Q(municipality__isnull=True, region__isnull=True)
            | Q(municipality__isnull=True, region_id=call.municipality.region_id)
        )
    )
    return list(User.objects.filter(pk__in=staff.values("user_id"), is_active=True))


def decision_is_held(application: Application, state: str) -> bool:
    call = application.call
    return state in DECIDED_STATES and call.hold_decisions and call.decisions_released_at is None


def state_changed(application: Application, state: str, comment: str = "") -> None:
    if decision_is_held(application, state):
        return
    label = ApplicationState(state).label.lower()
    text = f"Заявка № {application.number} на конкурс «{application.call.title}»: {label}."
    if comment:
        text += f"\n\nЗамечания: {comment}"
    notify_many(
        [
            Notice(
                user=person,
                title=f"Заявка № {application.number}: {label}",
                text=text,
                url=application.get_absolute_url(),
                key=f"review:application:{application.pk}:{state}:{application.events.count()}",
            )
            for person in applicant_people(application)
        ]
    )


def expert_assigned(assignment: Assignment) -> None:
    application = assignment.application
    notify_many(
        [
            Notice(
                user=assignment.expert,
                title="Вам назначена заявка на экспертизу",
                text=f"Конкурс «{application.call.title}», заявка № {application.number}. "
                "Примите назначение или откажитесь от него.",
                url=assignment_url(assignment),
                key=f"review:assignment:{assignment.pk}:assigned",
            )
        ]
    )


def all_reviews_in(application: Application) -> None:
    """The experts are done: the call's staff hear it, led to where the decision is taken — the application's page,
    or the place a procedure registered for the call's purpose names (procedures.py), with whom it names."""
    people = call_staff(application.call)
    procedure = procedure_for(application.call)
    decision = (procedure.decided_at(application) if procedure else None) or Decision(
        title=f"Все экспертизы заявки № {application.number} получены",
        text=f"Конкурс «{application.call.title}»: эксперты завершили оценку заявки № {application.number}.",
        url=application.get_absolute_url(),
    )
    if decision.roles:
        others = call_staff(application.call, decision.roles)
        people = list({person.pk: person for person in [*people, *others]}.values())
    notify_many(
        [
            Notice(
                user=person,
                title=decision.title,
                text=decision.text,
                url=decision.url,
                key=f"review:application:{application.pk}:reviews-in:{application.events.count()}",
            )
            for person in people
        ],
        email=True,
    )


def assignment_url(assignment: Assignment) -> str:
    from django.urls import reverse

    return reverse("review:assignment", args=[assignment.pk])


def message_to_applicants(call, recipients, *, subject: str, text: str) -> None:
    """The staff's message from the call's outbox: one notice per (person, application), the application linked."""
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    notify_many(
        [
            Notice(
                user=person,
                title=subject,
                text=text,
                url=application.get_absolute_url(),
                key=f"review:call:{call.pk}:message:{stamp}",
            )
            for person, application in recipients
        ]
    )
