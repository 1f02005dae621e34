"""A call's timetable: the default stages, replacing them, and what the stage of a day allows (submission,
scoring, decisions) with the deadlines that follow from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils import timezone

from innoinfra.core.errors import ServiceError

from ..enums import StageKind
from ..models import STAGE_DEFAULTS, Application, Call, CallStage


def default_stages(start: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """A realistic timetable: a month for applications, then a week of checking, three weeks of review, the meeting."""
    applications_end = start + dt.timedelta(days=30)
    check_end = applications_end + dt.timedelta(days=7)
    review_end = check_end + dt.timedelta(days=21)
    meeting_end = review_end + dt.timedelta(days=10)
    return [
        (StageKind.APPLICATIONS, start, applications_end),
        (StageKind.FORMAL_CHECK, applications_end + dt.timedelta(days=1), check_end),
        (StageKind.REVIEW, check_end + dt.timedelta(days=1), review_end),
        (StageKind.MEETING, review_end + dt.timedelta(days=1), meeting_end),
        (StageKind.RESULTS, meeting_end + dt.timedelta(days=1), meeting_end + dt.timedelta(days=20)),
    ]


@transaction.atomic
def set_stages(call: Call, stages: Iterable[tuple[str, dt.date, dt.date] | Mapping]) -> list[CallStage]:
    """Replace the call's timetable, all or nothing. A stage is (kind, starts_on, ends_on) with the permissions its
    kind carries by default, or a dict of CallStage fields whose permission flags override those defaults (the
    timetable page sets them one by one)."""
    rows = []
    for stage in stages:
        if isinstance(stage, Mapping):
            fields = dict(stage)
        else:
            kind, starts_on, ends_on = stage
            fields = {"kind": kind, "starts_on": starts_on, "ends_on": ends_on}
        fields = {**STAGE_DEFAULTS[fields["kind"]], **fields}
        if fields["ends_on"] < fields["starts_on"]:
            raise ServiceError(f"Этап «{StageKind(fields['kind']).label}»: окончание раньше начала.")
        rows.append(CallStage(call=call, **fields))
    call.stages.all().delete()
    return CallStage.objects.bulk_create(rows)


def current_stage(call: Call, day: dt.date | None = None) -> CallStage | None:
    return call.stage_on(day)


def submission_open(call: Call, day: dt.date | None = None) -> bool:
    stage = current_stage(call, day)
    return bool(stage and stage.allows_submission)


def submission_deadline(application: Application) -> dt.date | None:
    ends = [s.ends_on for s in application.call.stages.all() if s.allows_submission]
    deadline = max(ends) if ends else None
    if application.extension_until and (deadline is None or application.extension_until > deadline):
        return application.extension_until
    return deadline


def may_submit_now(application: Application, day: dt.date | None = None) -> bool:
    day = day or timezone.localdate()
    if submission_open(application.call, day):
        return True
    return bool(application.extension_until and day <= application.extension_until)


def scoring_open(call: Call, day: dt.date | None = None) -> bool:
    """Scoring runs in a scoring stage and stays possible afterwards (late reviews are flagged, not refused)."""
    day = day or timezone.localdate()
    scoring = [s for s in call.stages.all() if s.allows_scoring]
    return any(s.starts_on <= day for s in scoring)


def review_deadline(call: Call) -> dt.date | None:
    ends = [s.ends_on for s in call.stages.all() if s.allows_scoring]
    return max(ends) if ends else None


def decisions_open(call: Call, day: dt.date | None = None) -> bool:
    stage = current_stage(call, day)
    return bool(stage and stage.allows_decisions)
