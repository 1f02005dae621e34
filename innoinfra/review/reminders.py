"""Reminders to experts whose review deadline is near or past; run daily with the plans' reminders."""

from __future__ import annotations

import datetime as dt

from innoinfra.core.dates import russian_date
from innoinfra.core.notifications import Notice, notify_many

from . import services
from .enums import ACTIVE_ASSIGNMENT_STATES, ApplicationState, ReviewState
from .models import Assignment
from .notices import assignment_url


def send_review_reminders(today: dt.date, days: int = 3) -> int:
    """One notice per open assignment when its deadline is `days` away or less, and one once it has passed.

    Texts name only the call and the application's number: a blind call's applicant never appears.
    """
    open_assignments = (
        Assignment.objects.filter(state__in=ACTIVE_ASSIGNMENT_STATES, application__state=ApplicationState.UNDER_REVIEW)
        .exclude(review__state=ReviewState.SUBMITTED)
        .select_related("expert", "application__call")
        .prefetch_related("application__call__stages")
    )
    notices = []
    for assignment in open_assignments:
        call = assignment.application.call
        deadline = services.review_deadline(call)
        if deadline is None or (deadline - today).days > days:
            continue
        late = today > deadline
        number = assignment.application.number
        notices.append(
            Notice(
                user=assignment.expert,
                title=f"Экспертиза заявки № {number}: " + ("срок истёк" if late else f"срок {russian_date(deadline)}"),
                text=f"Конкурс «{call.title}», заявка № {number}. "
                + (
                    f"Срок экспертизы истёк {russian_date(deadline)}: отправьте оценку как можно скорее."
                    if late
                    else f"Оценку нужно отправить до {russian_date(deadline)}."
                ),
                url=assignment_url(assignment),
                key=f"review:assignment:{assignment.pk}:{'late' if late else 'due-soon'}",
            )
        )
    return len(notify_many(notices))
