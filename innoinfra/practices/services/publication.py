"""Publication: registry numbers, the snapshot each edition keeps, publishing after the expertise (a new edition
merged into the practice), entering a practice examined before the system, counting page views."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from innoinfra.core.errors import ServiceError
from innoinfra.core.numerals import numeral
from innoinfra.review import services as review_services
from innoinfra.review.enums import ApplicationState as AS

from ..models import CONTENT_FIELDS, Practice, PracticeVersion
from ._common import S, locked_expertise, require_state, save_practice
from .expertise import Conclusion, conclusion_of, expertise_progress, set_conclusion

GENITIVE_EXPERTS = ("эксперта", "экспертов", "экспертов")  # «из 1 эксперта», «из 3 экспертов»


def next_registry_number(year: int) -> str:
    """«БД-2026-0001»: numbers run through the year; the zero padding keeps their order that of the strings."""
    prefix = f"БД-{year}-"
    last = (
        Practice.objects.filter(registry_number__startswith=prefix)
        .order_by("-registry_number")
        .values_list("registry_number", flat=True)
        .first()
    )
    number = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:04d}"


def snapshot(practice: Practice) -> dict:
    """The public content of the practice as it is now: what an edition keeps."""
    return {
        "title": practice.title,
        "kind": practice.kind,
        "kind_label": practice.get_kind_display(),
        "authors": practice.authors,
        "organization": practice.organization.short_name,
        "organization_id": practice.organization_id,
        "levels": practice.level_codes,
        "level_labels": practice.level_labels,
        "subjects": practice.subjects,
        "keywords": practice.keywords,
        "annotation": practice.annotation,
        "description": practice.description,
        "results": practice.results,
        "conditions": practice.conditions,
        "licence": practice.get_licence_display(),
        "directions": list(practice.directions.order_by("name").values_list("name", flat=True)),
        "files": [
            {"id": f.pk, "title": f.title} for f in practice.files.filter(is_current=True).order_by("id").only("title")
        ],
        "registry_number": practice.registry_number,
    }


def _record_version(practice: Practice, by, at) -> PracticeVersion:
    from django.db.models import Max

    number = (practice.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return PracticeVersion.objects.create(
        practice=practice,
        number=number,
        snapshot=snapshot(practice),
        expert_score=practice.expert_score,
        expert_max=practice.expert_max,
        expert_recommendation=practice.expert_recommendation,
        expert_conclusion=practice.expert_conclusion,
        published_at=at,
        published_by=by if by is not None and by.is_authenticated else None,
    )


def _publish(practice: Practice, conclusion: Conclusion, by) -> Practice:
    now = timezone.now()
    practice.state = S.PUBLISHED
    practice.published_at = now
    practice.moderator_comment = ""
    if not practice.registry_number:
        practice.registry_number = next_registry_number(timezone.localdate(now).year)
    set_conclusion(practice, conclusion)
    save_practice(practice, by)
    _record_version(practice, by, now)
    return practice


def _merge(revision: Practice, original: Practice, conclusion: Conclusion, by) -> Practice:
    """The new edition becomes the practice: same page, same registry number; the edition row is kept as merged."""
    from ..models import PracticeFile

    for name in CONTENT_FIELDS:
        setattr(original, name, getattr(revision, name))
    original.expertise_id = revision.expertise_id
    original.moderator_comment = ""
    set_conclusion(original, conclusion)
    save_practice(original, by, directions=list(revision.directions.all()))
    # materials uploaded to the edition replace the current ones, which stay as earlier versions; none — kept
    if PracticeFile.objects.filter(practice=revision).exists():
        PracticeFile.objects.filter(practice=original, is_current=True).update(is_current=False)
        PracticeFile.objects.filter(practice=revision).update(practice=original)
    revision.state = S.MERGED
    revision.moderator_comment = ""
    set_conclusion(revision, conclusion)
    save_practice(revision, by)
    _record_version(original, by, timezone.now())
    return original


@transaction.atomic
def publish(practice: Practice, *, by=None) -> Practice:
    """Only after the expertise: every assigned expert has sent a review. Returns the practice now public (for a new
    edition, the original practice)."""

    require_state(practice, S.UNDER_EXPERTISE, doing="опубликовать: сначала её оценивают эксперты")
    application = locked_expertise(practice)
    if application is None or application.state != AS.REVIEWED:
        progress = expertise_progress(practice)
        if progress is None or not progress.assigned:
            raise ServiceError("Опубликовать практику можно только после экспертизы, а эксперты ещё не назначены.")
        raise ServiceError(
            "Опубликовать практику можно только после экспертизы: "
            f"оценки отправили {progress.submitted} из {numeral(progress.assigned, GENITIVE_EXPERTS)}."
        )
    original = None
    if practice.revision_of_id:
        original = Practice.objects.select_for_update().get(pk=practice.revision_of_id)
        if original.state != S.PUBLISHED:
            raise ServiceError("Исходная практика снята с публикации: новую редакцию опубликовать нельзя.")
    conclusion = conclusion_of(application)
    review_services.transition(application, AS.RECOMMENDED, by=by, comment="Практика включена в банк данных")
    if original is not None:
        return _merge(practice, original, conclusion, by)
    return _publish(practice, conclusion, by)


@transaction.atomic
def register_examined(practice: Practice, *, by=None) -> Practice:
    """Enter a submitted practice whose expertise took place before the system (the paper archive of the bank, the
    demonstration data): a registry number and edition 1, without an expert conclusion. Not offered on any page."""
    require_state(practice, S.SUBMITTED, doing="включить в банк данных")
    if practice.revision_of_id:
        raise ServiceError("Новая редакция публикуется только после экспертизы.")
    return _publish(practice, Conclusion(), by)


# One UPDATE is atomic by itself: no transaction (and no savepoint queries on every page view).
def count_view(practice: Practice) -> None:
    """A reader opened a published practice's page; a draft's views are not counted. A plain UPDATE: no history
    record, no re-indexing and no new updated_at for a page view."""
    if practice.is_published:
        Practice.objects.filter(pk=practice.pk).update(views=F("views") + 1)
