"""The ranking of a call: every application's aggregated score beside its mean, median and spread.

Four queries whatever the size of the call; the arithmetic lives in aggregation.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from innoinfra.accounts.models import User

from ..aggregation import aggregate, mean, median, normalised_totals, q, spread
from ..enums import ACTIVE_ASSIGNMENT_STATES, RANKED_STATES, ReviewState
from ..models import Application, Assignment, Call, Criterion, Score


@dataclass
class RankingRow:
    application: Application
    assigned: int = 0
    submitted: int = 0
    experts: set[int] = field(default_factory=set)  # those with an active assignment
    # expert id → (raw total, total used for the score)
    totals: dict[int, tuple[Decimal, Decimal]] = field(default_factory=dict)
    criterion_means: dict[int, Decimal] = field(default_factory=dict)
    score: Decimal | None = None
    mean: Decimal | None = None
    median: Decimal | None = None
    spread: Decimal | None = None
    share: Decimal | None = None
    below_minimum: list[Criterion] = field(default_factory=list)
    passes: bool = False
    disputed: bool = False
    rank: int | None = None

    @property
    def complete(self) -> bool:
        return self.assigned > 0 and self.submitted == self.assigned


@dataclass
class Ranking:
    call: Call
    criteria: list[Criterion]
    rows: list[RankingRow]
    maximum: Decimal
    normalised: bool
    # (application, expert, criterion) → (level, comment): the full matrix for exports
    matrix: dict[tuple[int, int, int], tuple[int, str]]
    experts: dict[int, object]
    # applications whose scores the reader may not see yet (visibility.ranking_seen_by)
    withheld: frozenset[int] = frozenset()


def build_ranking(call: Call, *, normalise: bool | None = None) -> Ranking:
    normalise = call.normalise if normalise is None else normalise
    criteria = list(Criterion.objects.filter(rubric_id=call.rubric_id).order_by("position", "id"))
    maximum = sum((c.max_points for c in criteria), Decimal(0))
    applications = list(
        Application.objects.filter(call=call, state__in=RANKED_STATES)
        .select_related("lead_organization")
        # what the ranking, its exports and the API print; the passport texts are long and no figure needs them
        .only("number", "state", "theme", "blind_theme", "call_id", "lead_organization__short_name")
        .order_by("number")
    )
    rows = {a.pk: RankingRow(application=a) for a in applications}
    expert_ids = set()
    for application_id, expert_id in Assignment.objects.filter(
        application__call=call, state__in=ACTIVE_ASSIGNMENT_STATES
    ).values_list("application_id", "expert_id"):
        if application_id in rows:
            rows[application_id].assigned += 1
            rows[application_id].experts.add(expert_id)
            expert_ids.add(expert_id)
    experts = User.objects.filter(pk__in=expert_ids).only("username", "last_name", "first_name", "middle_name")
    scores = Score.objects.filter(
        review__state=ReviewState.SUBMITTED,
        review__assignment__application__call=call,
        review__assignment__state__in=ACTIVE_ASSIGNMENT_STATES,
    ).values_list(
        "review__assignment__application_id", "review__assignment__expert_id", "criterion_id", "value", "comment"
    )
    matrix = {}
    # Weights have two decimals: in hundredths they are integers, and thousands of scores add up exactly and fast.
    weights = {c.pk: int(c.weight * 100) for c in criteria}
    hundredths: dict[tuple[int, int], int] = defaultdict(int)
    # (application, criterion) → the levels its submitted reviews gave
    levels: dict[tuple[int, int], list[int]] = defaultdict(list)
    for application_id, expert_id, criterion_id, value, comment in scores:
        if application_id not in rows:
            continue
        matrix[(application_id, expert_id, criterion_id)] = (value, comment)
        hundredths[(application_id, expert_id)] += value * weights.get(criterion_id, 0)
        levels[(application_id, criterion_id)].append(value)
    raw = {key: Decimal(total) / 100 for key, total in hundredths.items()}
    used = (
        normalised_totals(((e, a, t) for (a, e), t in raw.items()), maximum=maximum)
        if normalise
        else {(e, a): t for (a, e), t in raw.items()}
    )
    for (application_id, expert_id), total in raw.items():
        rows[application_id].totals[expert_id] = (q(total), used[(expert_id, application_id)])
    for row in rows.values():
        _fill(row, call, criteria, maximum, levels)
    ordered = sorted(rows.values(), key=lambda r: (r.score is None, -(r.score or 0), r.application.number))
    for rank, row in enumerate((r for r in ordered if r.score is not None), start=1):
        row.rank = rank
    return Ranking(call, criteria, ordered, maximum, normalise, matrix, {e.pk: e for e in experts})


def _fill(row: RankingRow, call: Call, criteria, maximum: Decimal, levels) -> None:
    row.submitted = len(row.totals)
    values = [used for _raw, used in row.totals.values()]
    if not values:
        return
    row.score = aggregate(values, call.aggregation)
    row.mean = mean(values)
    row.median = median(values)
    row.spread = spread(values)
    row.share = q(row.score / maximum * 100) if maximum else None
    application_id = row.application.pk
    for criterion in criteria:
        given = levels.get((application_id, criterion.pk))
        if given:
            row.criterion_means[criterion.pk] = mean(given)
            if criterion.minimum is not None and row.criterion_means[criterion.pk] < criterion.minimum:
                row.below_minimum.append(criterion)
    row.passes = bool(maximum) and row.score >= maximum * call.pass_threshold and not row.below_minimum
    if len(values) > 1 and maximum:
        row.disputed = (max(values) - min(values)) / maximum > call.disagreement_threshold


def normalise_param(params) -> bool | None:
    """?normalise=1 or 0 (a request's query parameters) overrides the call's setting; without it the call decides."""
    return {"1": True, "0": False}.get(params.get("normalise"))
