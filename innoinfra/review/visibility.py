"""Who sees what of a call's applications and reviews: the one place the pages, the API, the Excel and Word documents
and the council ask.

Two questions, each with a `rules` permission (rules.py) built from the flags of the stage running today:

- **the applicants' names** (`review.view_applicant_names`, of a call): the call's staff always see them; everyone
  else — the chair on the ranking, the council's members at the meeting — only unless the call is blind and the
  stage keeps them hidden. Experts read a blind call's applications as the depersonalised copy (`expert_view`),
  whoever they are, because that copy is what they are asked to score.
- **the other experts' scores and reviews** (`review.view_others_reviews`, of an application): the call's staff
  always; the chair of the call's council and an expert who has submitted their own review while the stage shows
  the others — but nobody, the chair included, who still has to submit their own review of that application.

The applicant reads the reviews of their own application, anonymised, once it is decided and the decisions are
announced (`review.view_reviews_as_applicant`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import Prefetch, Q, QuerySet

from innoinfra.accounts.scopes import scope_of

from .enums import ACTIVE_ASSIGNMENT_STATES, ReviewState
from .models import Application, ApplicationFile, Assignment, Call, Review, Score
from .passport import PassportField, fields_of
from .ranking import Ranking, RankingRow, build_ranking, normalise_param
from .rules import names_are_open

HIDDEN_THEME = "Тема скрыта (слепая экспертиза)"
HIDDEN_AGENDA_TITLE = "Заявка {label} конкурса «{call}»: сведения о заявителе скрыты (слепая экспертиза)"
HIDDEN_DECISION = "Решение по заявке {label}: текст скрыт, пока сведения о заявителях конкурса не раскрыты."
WITHHELD = "скрыто до отправки вашей оценки"

# ---------------------------------------------------------------- the applicants' names


def names_hidden_from_experts(call: Call) -> bool:
    """A blind call whose running stage does not reveal the applicants: its experts read the depersonalised copy."""
    return not names_are_open(None, call)


def hides_applicants_from(user, call: Call) -> bool:
    return not user.has_perm("review.view_applicant_names", call)


def hides_applicant_of(user, application: Application | None) -> bool:
    return application is not None and hides_applicants_from(user, application.call)


def applications_hiding_applicants(user, applications: Iterable[Application]) -> set[int]:
    """The applications (ids) whose applicant the user may not learn yet; one answer per call."""
    by_call: dict[int, bool] = {}
    hidden = set()
    for application in applications:
        if application.call_id not in by_call:
            by_call[application.call_id] = hides_applicants_from(user, application.call)
        if by_call[application.call_id]:
            hidden.add(application.pk)
    return hidden


def masked_title(application: Application) -> str:
    """A council question on an application whose applicant the reader may not learn: only its number."""
    return HIDDEN_AGENDA_TITLE.format(label=application.label, call=application.call.title)


def masked_decision(application: Application) -> str:
    return HIDDEN_DECISION.format(label=application.label)


@dataclass(frozen=True)
class ExpertView:
    number: int
    hidden: bool
    theme: str
    organization: str  # '' when hidden
    passport: list[tuple[PassportField, str]]
    files: list


def expert_view(application: Application) -> ExpertView:
    """What an expert reads of an application. Without a depersonalised copy, a blind call shows the passport minus
    the fields that name people, and only the files the methodist marked as depersonalised."""
    hidden = names_hidden_from_experts(application.call)
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


def expert_view_for(user, application: Application) -> ExpertView | None:
    """None for those who read the application page (its applicant, the call's staff): they read it whole; anyone
    else who reaches the application — an assigned expert — reads the expert's view (remembered on the object)."""
    cached = getattr(application, "_expert_view", False)
    if cached is False:
        cached = None if user.has_perm("review.view_application", application) else expert_view(application)
        application._expert_view = cached
    return cached


def download_name(user, attached: ApplicationFile) -> str | None:
    """The name a file of an application downloads under, or None when the user may not have it. Readers of the
    application get every file; an expert it was assigned to gets them too, but in a blind call only the
    depersonalised ones, under a name that cannot give the applicant away."""
    application = attached.application
    name = attached.download_name
    if user.has_perm("review.view_application", application):
        return name
    if not Assignment.objects.filter(application=application, expert_id=user.pk or 0).exists():
        return None
    if not names_hidden_from_experts(application.call):
        return name
    if not attached.depersonalised:
        return None
    return f"zayavka-{application.number}-{attached.pk}{name[name.rfind('.') :] if '.' in name else ''}"


# ---------------------------------------------------------------- the experts' reviews


def _submitted_reviews(application: Application) -> QuerySet[Review]:
    # as in the ranking: a review of an expert who later declined or recused no longer counts
    return Review.objects.filter(
        assignment__application=application,
        assignment__state__in=ACTIVE_ASSIGNMENT_STATES,
        state=ReviewState.SUBMITTED,
    ).order_by("assignment__assigned_at", "pk")


def colleagues_reviews(user, assignment: Assignment) -> list[dict]:
    """On the expert's own assignment: the colleagues' submitted reviews, anonymised («Эксперт 2», …), when the expert
    may see them (`review.view_others_reviews`: after their own review is submitted, if the stage allows)."""
    if assignment.expert_id != user.pk or not user.has_perm("review.view_others_reviews", assignment.application):
        return []
    others = _submitted_reviews(assignment.application).exclude(assignment=assignment)
    return [{"label": f"Эксперт {n}", "review": r} for n, r in enumerate(others, start=2)]


def reviews_for_applicant(user, application: Application) -> list[dict]:
    """The applicant's (not the staff's) view of the submitted reviews once they are released: «Эксперт 1», scores
    and conclusion, no names; empty for anyone else or before."""
    if not user.has_perm("review.view_reviews_as_applicant", application):
        return []
    reviews = _submitted_reviews(application).prefetch_related(
        Prefetch("scores", queryset=Score.objects.select_related("criterion"))
    )
    return [{"label": f"Эксперт {n}", "review": r} for n, r in enumerate(reviews, start=1)]


def reviews_visible_to(user) -> QuerySet[Review]:
    """The reviews a user reads one by one (the API's reviews): their own; every review of their territory for
    staff. Colleagues' reviews reach an expert only through `colleagues_reviews`, the chair only through the ranking."""
    if not user.is_authenticated:
        return Review.objects.none()
    condition = Q(assignment__expert=user)
    scope = scope_of(user)
    if scope.managed_municipalities is None:
        return Review.objects.all()
    if scope.is_staff:
        condition |= scope.managed("assignment__application__call__municipality_id")
    return Review.objects.filter(condition)


# ---------------------------------------------------------------- a call's results


@dataclass(frozen=True)
class Viewer:
    """What the reader of a call's results (its staff, the chair of its council) may see."""

    is_staff: bool  # application links, experts by name
    hides_applicants: bool

    def organization(self, application: Application) -> str:
        return "" if self.hides_applicants else application.lead_organization.short_name

    def theme(self, application: Application) -> str:
        if not self.hides_applicants:
            return application.theme
        return application.blind_theme or HIDDEN_THEME


def viewer_of(user, call: Call) -> Viewer:
    return Viewer(
        is_staff=user.has_perm("review.change_call", call), hides_applicants=hides_applicants_from(user, call)
    )


def _still_scoring(user, row: RankingRow) -> bool:
    """`rules.is_still_scoring` read off the ranking's own figures: an active assignment (`row.experts`) without a
    submitted review (`row.totals`), so that a ranking of 300 applications costs no query per row."""
    return user.pk in row.experts and user.pk not in row.totals


def ranking_seen_by(user, ranking: Ranking) -> Ranking:
    """The ranking as its reader (staff or chair) may see it. For each application the reader still has to score,
    `review.view_others_reviews` says no: its row keeps only the counts of assigned and submitted reviews, and its
    scores leave the per-expert matrix. While such rows exist no row shows its place — a gap in the places would tell
    where the withheld applications stand; the order of the others is still the ranking's."""
    if user.has_perm("review.change_call", ranking.call):
        return ranking
    withheld = frozenset(row.application.pk for row in ranking.rows if _still_scoring(user, row))
    if not withheld:
        return ranking
    rows = [
        RankingRow(application=row.application, assigned=row.assigned, submitted=row.submitted, experts=row.experts)
        if row.application.pk in withheld
        else replace(row, rank=None)
        for row in ranking.rows
    ]
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0), r.application.number))
    matrix = {key: value for key, value in ranking.matrix.items() if key[0] not in withheld}
    return replace(ranking, rows=rows, matrix=matrix, withheld=withheld)


def ranking_for(user, call: Call, params) -> Ranking:
    """The call's ranking, normalised as `?normalise=` asks, as this reader may see it (pages, API, exports)."""
    return ranking_seen_by(user, build_ranking(call, normalise=normalise_param(params)))
