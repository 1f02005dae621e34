"""Filters of the event calendar and of the registrations."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.utils import timezone

from innoinfra.core.drf import IdFilter

from .. import queries
from ..enums import Audience, EventFormat, EventState, RegistrationState
from ..models import Event, Registration


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


class EventFilter(django_filters.FilterSet):
    starts_after = django_filters.DateFilter(method="filter_starts_after", label="Начинается не раньше этой даты")
    starts_before = django_filters.DateFilter(method="filter_starts_before", label="Начинается не позже этой даты")
    format = django_filters.ChoiceFilter(choices=EventFormat.choices)
    audience = django_filters.ChoiceFilter(field_name="audience_group", choices=Audience.choices)
    organizer = IdFilter(method="filter_organizer", help_text="Организатор или соорганизатор")
    municipality = IdFilter(field_name="municipality_id")
    site = IdFilter(field_name="site_id")
    plan_item = IdFilter(method="filter_plan_item", label="Пункт плана, с которым связано мероприятие")
    state = django_filters.ChoiceFilter(choices=EventState.choices)

    class Meta:
        model = Event
        fields = []

    # Dates are days of the installation's time zone, both ends included.
    def filter_starts_after(self, queryset, name, value):
        return queryset.filter(starts_at__gte=_day_start(value))

    def filter_starts_before(self, queryset, name, value):
        return queryset.filter(starts_at__lt=_day_start(value + dt.timedelta(days=1)))

    def filter_organizer(self, queryset, name, value):
        return queries.filter_public(queryset, {"organizer": value})

    def filter_plan_item(self, queryset, name, value):
        # A subquery, not a join: a join would run beside the seat counts' join over registrations.
        linked = Event.plan_items.through.objects.filter(planitem_id=value).values("event_id")
        return queryset.filter(pk__in=linked)


class RegistrationFilter(django_filters.FilterSet):
    event = IdFilter(field_name="event_id")
    state = django_filters.ChoiceFilter(choices=RegistrationState.choices)

    class Meta:
        model = Registration
        fields = []
