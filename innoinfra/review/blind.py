"""What an expert may read of an application: everything, or for a blind call the depersonalised copy only."""

from __future__ import annotations

from dataclasses import dataclass

from . import services
from .enums import ACTIVE_ASSIGNMENT_STATES, ReviewState
from .models import Application, Assignment, Review
from .passport import PassportField, fields_of


def hides_applicants_from(user, call) -> bool:
    """A blind call names its applicants to its staff only, until a stage reveals them to everyone who reads the
    call's results: the chair on the ranking, the council's members at the meeting."""
    return not user.has_perm("review.change_call", call) and services.names_hidden_from_experts(call)


@dataclass(frozen=True)
class ExpertView:
    number: int
    hidden: bool
    theme: str
    organization: str  # '' when hidden
    passport: list[tuple[PassportField, str]]
    files: list


def expert_view(application: Application) -> ExpertView:
    """Without a depersonalised copy, a blind call shows the passport minus the fields that name people."""
    hidden = services.names_hidden_from_experts(application.call)
    fields = fields_of(application.call.form_fields)
    if not hidden:
        return ExpertView(
            number=application.number,
            hidden=False,
            theme=application.theme,
            organization=application.lead_organization.short_name,
            passport=[(f, application.passport.get(f.code, "")) for f in fields],
            files=list(application.files.all()),
        )
    if application.blind_passport:
        passport = [(f, application.blind_passport.get(f.code, "")) for f in fields]
    else:
        passport = [(f, application.passport.get(f.code, "")) for f in fields if not f.personal]
    return ExpertView(
        number=application.number,
        hidden=True,
        theme=application.blind_theme or "Тема скрыта до подготовки обезличенной копии",
        organization="",
        passport=passport,
        files=[f for f in application.files.all() if f.depersonalised],
    )


@dataclass(frozen=True)
class Viewer:
    """What the viewer of a call's results may see."""

    is_staff: bool
    hides_applicants: bool

    def organization(self, application: Application) -> str:
        return "" if self.hides_applicants else application.lead_organization.short_name

    def theme(self, application: Application) -> str:
        if not self.hides_applicants:
            return application.theme
        return application.blind_theme or "Тема скрыта (слепая экспертиза)"


def viewer_of(user, call) -> Viewer:
    return Viewer(
        is_staff=user.has_perm("review.change_call", call),
        hides_applicants=hides_applicants_from(user, call),
    )


def colleagues_reviews(assignment: Assignment, own: Review | None) -> list[dict]:
    """Colleagues' submitted reviews, anonymised — only after the expert submitted their own and if the stage allows."""
    if own is None or own.state != ReviewState.SUBMITTED:
        return []
    if not services.experts_see_others(assignment.application.call):
        return []
    others = (
        # as in the ranking: a review of an expert who later declined or recused no longer counts
        Review.objects.filter(
            assignment__application=assignment.application,
            assignment__state__in=ACTIVE_ASSIGNMENT_STATES,
            state=ReviewState.SUBMITTED,
        )
        .exclude(pk=own.pk)
        .order_by("assignment__assigned_at")
    )
    return [{"label": f"Эксперт {n}", "review": r} for n, r in enumerate(others, start=2)]
