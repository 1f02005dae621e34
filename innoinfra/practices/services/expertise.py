"""The expertise of a practice: an application of the data-bank call sent straight to the experts, their
progress, and the anonymised expert conclusion copied onto the practice."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from innoinfra.review import services as review_services
from innoinfra.review.aggregation import mean
from innoinfra.review.documents import number as points
from innoinfra.review.enums import ACTIVE_ASSIGNMENT_STATES, ApplicationState, ReviewState
from innoinfra.review.models import Review

from ..models import Practice
from ._common import S, require_state, save_practice
from .databank import databank_call


def _passport(practice: Practice) -> dict:
    idea = practice.annotation
    if practice.description:
        idea += "\n\n" + practice.description
    return {
        "authors": practice.authors,
        "main_idea": idea,
        "expected_results": practice.results,
        "resources": practice.conditions,
    }


@transaction.atomic
def send_to_expertise(practice: Practice, *, by=None) -> Practice:
    """The formal check is passed: an application of the data-bank call goes straight to the experts."""

    require_state(practice, S.SUBMITTED, doing="отправить на экспертизу")
    call = databank_call(practice.municipality, by=by)
    application = review_services.create_application(
        call=call,
        lead_organization=practice.organization,
        by=practice.created_by,
        theme=practice.title,
        passport=_passport(practice),
    )
    review_services.transition(
        application, ApplicationState.SUBMITTED, by=by, comment="Практика передана модератором банка данных"
    )
    review_services.send_to_review(application, by=by)
    practice.expertise = application
    practice.state = S.UNDER_EXPERTISE
    practice.moderator_comment = ""
    return save_practice(practice, by)


@dataclass(frozen=True)
class Progress:
    submitted: int
    assigned: int

    @property
    def complete(self) -> bool:
        return self.assigned > 0 and self.submitted == self.assigned


def expertise_progress(practice: Practice) -> Progress | None:
    """Reviews sent / experts at work on the practice's expertise."""
    if not practice.expertise_id:
        return None
    from ..queries import with_expertise_progress

    counts = with_expertise_progress(Practice.objects.filter(pk=practice.pk)).values("experts", "reviews").get()
    return Progress(submitted=counts["reviews"], assigned=counts["experts"])


@dataclass(frozen=True)
class Conclusion:
    score: Decimal | None = None
    maximum: Decimal | None = None
    recommendation: str = ""
    text: str = ""


def conclusion_of(application) -> Conclusion:
    """The anonymised expert conclusion: the mean total, the recommendations counted, each expert's text as
    «Эксперт 1» …, in the order the experts were assigned."""

    reviews = list(
        Review.objects.filter(
            assignment__application=application,
            state=ReviewState.SUBMITTED,
            assignment__state__in=ACTIVE_ASSIGNMENT_STATES,
        ).order_by("assignment__assigned_at", "pk")
    )
    maximum = application.call.rubric.max_total
    totals = [r.total for r in reviews if r.total is not None]
    counts = Counter(r.get_recommendation_display() for r in reviews if r.recommendation)
    parts = []
    for position, review in enumerate(reviews, start=1):
        head = f"Эксперт {position} — {points(review.total)} из {points(maximum)} баллов"
        if review.recommendation:
            head += f", «{review.get_recommendation_display()}»"
        parts.append(f"{head}.\n{review.conclusion}".strip())
    return Conclusion(
        score=mean(totals),
        maximum=maximum,
        recommendation="; ".join(f"«{label}» — {count}" for label, count in counts.most_common()),
        text="\n\n".join(parts),
    )


def set_conclusion(target, conclusion: Conclusion) -> None:
    target.expert_score = conclusion.score
    target.expert_max = conclusion.maximum
    target.expert_recommendation = conclusion.recommendation[:300]
    target.expert_conclusion = conclusion.text
