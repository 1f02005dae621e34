"""The calendar of events: published events for everyone, drafts for those who run them."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.negotiation import DefaultContentNegotiation

from innoinfra.plans.models import PlanItem
from innoinfra.plans.queries import plans_visible_to
from innoinfra.reference.models import Organization

from .. import queries
from ..models import Session
from .filters import EventFilter
from .serializers import CalendarEventSerializer
from .visibility import events_visible_to


class FormatIsAFilter(DefaultContentNegotiation):
    """Here `?format=` is the event's form (seminar, webinar …), named as on the site and in the ICS feed, not
    DRF's choice of renderer, which would answer 404 to `?format=webinar`. The renderer is still chosen by the
    Accept header or a `.json` suffix."""

    class settings:  # stands in for DRF's api_settings, of which only this is read
        URL_FORMAT_OVERRIDE = None


@extend_schema_view(
    list=extend_schema(summary="Мероприятия: опубликованные — всем, черновики — их организаторам"),
    retrieve=extend_schema(summary="Мероприятие с программой"),
)
class EventViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CalendarEventSerializer
    filterset_class = EventFilter
    content_negotiation_class = FormatIsAFilter

    def get_queryset(self):
        user = self.request.user
        # Only the items of plans the user may read: a draft plan's items stay as hidden as the plan.
        items = PlanItem.objects.filter(plan__in=plans_visible_to(user)).only("id").order_by("id")
        return (
            queries.with_seats(events_visible_to(user))
            .prefetch_related(
                Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "id")),
                Prefetch("plan_items", queryset=items, to_attr="visible_plan_items"),
                Prefetch("co_organizers", queryset=Organization.objects.order_by("short_name")),
            )
            .order_by("starts_at", "id")
        )
