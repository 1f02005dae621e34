import datetime as dt

from django.utils import timezone

from innoinfra.consultations import services


def make_consultation(organization, *, by=None, **fields):
    defaults = dict(
        held_on=dt.date(2025, 3, 14),
        form="in_person",
        adviser_name="Петренко А. В.",
        organization=organization,
        topic="Как описать результаты проекта в отчёте",
        duration_minutes=45,
    )
    return services.record_consultation(by=by, **(defaults | fields))


def make_hour(adviser, *, days=3, **fields):
    starts_at = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    return services.offer_hour(by=adviser, **({"starts_at": starts_at, "form": "online"} | fields))
