"""Events for tests, made through the services like those an organizer makes."""

import datetime as dt

from django.utils import timezone

from innoinfra.events import services


def make_event(
    organizer,
    *,
    title="Семинар «Первые шаги к инновациям»",
    starts_in=dt.timedelta(days=10),
    hours=2,
    capacity=None,
    published=True,
    requires_approval=False,
    deadline=None,
    site=None,
    plan_items=(),
    **fields,
):
    starts = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    fields.setdefault("place", "г. Амурск, пр. Строителей, 23")
    event = services.create_event(
        title=title,
        format=fields.pop("format", "seminar"),
        organizer=organizer,
        site=site,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=hours),
        capacity=capacity,
        registration_deadline=deadline,
        requires_approval=requires_approval,
        audience="Молодые педагоги",
        description="Знакомство с инновационной деятельностью.",
        plan_items=plan_items,
        **fields,
    )
    if published:
        services.publish_event(event)
    return event


def sign_up(event, n=1, *, start=0, **kwargs):
    """Register n people (Участник1, Участник2 …) and return their registrations."""
    return [
        services.register(
            event=event,
            full_name=f"Участникова Мария {i}",
            email=f"person{i}@example.org",
            consent=True,
            **kwargs,
        )
        for i in range(start + 1, start + n + 1)
    ]
