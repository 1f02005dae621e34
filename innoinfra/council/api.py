"""REST resources of collegial bodies, read-only: bodies with their members, meetings with attendance, agenda and
decisions, and the decisions themselves. Each is visible exactly as on the pages — to the staff of the body's
territory and to the body's members (`queries.bodies_for`, `queries.meetings_for`); nobody else finds them."""

from __future__ import annotations

import django_filters
from django.db.models import Q, prefetch_related_objects
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from innoinfra.core.drf import IdFilter, YearFilter
from innoinfra.reference.models import Body, BodyKind
from innoinfra.review.visibility import hides_applicant_of

from . import queries, services
from .enums import ORDER_OUTCOMES, MeetingState, Outcome
from .models import Decision, Meeting, Vote
from .serializers import (
    BodyDetailSerializer,
    BodySerializer,
    DecisionSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    RollCallSerializer,
)


class ProtocolLocked(exceptions.APIException):
    """The protocol is signed: its roll-calls no longer change."""

    status_code = 409
    default_code = "protocol_signed"


class BodyFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=BodyKind.choices)
    municipality = IdFilter(field_name="municipality_id")

    class Meta:
        model = Body
        fields = []


class MeetingFilter(django_filters.FilterSet):
    body = IdFilter(field_name="body_id")
    year = YearFilter(field_name="year", label="Год протокола")
    state = django_filters.ChoiceFilter(choices=MeetingState.choices)
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label="Не раньше")
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label="Не позже")

    class Meta:
        model = Meeting
        fields = []


class DecisionFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="agenda_item__meeting_id")
    body = IdFilter(field_name="agenda_item__meeting__body_id")
    year = YearFilter(field_name="agenda_item__meeting__year", label="Год протокола")
    application = IdFilter(field_name="agenda_item__application_id")
    site = IdFilter(field_name="agenda_item__site_id")
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices)
    awaiting_order = django_filters.BooleanFilter(method="filter_awaiting_order", label="Приказ ещё не издан")

    class Meta:
        model = Decision
        fields = []

    def filter_awaiting_order(self, queryset, name, value):
        awaiting = Q(outcome__in=ORDER_OUTCOMES, order__isnull=True)
        return queryset.filter(awaiting) if value else queryset.exclude(awaiting)


@extend_schema_view(
    list=extend_schema(summary="Коллегиальные органы: сотрудникам их территории и их членам"),
    retrieve=extend_schema(summary="Коллегиальный орган и его действующий состав", responses=BodyDetailSerializer),
)
class BodyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = BodySerializer
    filterset_class = BodyFilter

    def get_queryset(self):
        return queries.bodies_for_list(self.request.user).order_by("name", "id")

    def retrieve(self, request, *args, **kwargs):
        body = self.get_object()
        body.current_members, _past = queries.current_and_past_members(body)
        return Response(BodyDetailSerializer(body, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(summary="Заседания органов, видимых пользователю"),
    retrieve=extend_schema(
        summary="Заседание: присутствие и кворум, повестка и решения", responses=MeetingDetailSerializer
    ),
)
class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def get_queryset(self):
        return queries.with_list_data(queries.meetings_for(self.request.user)).order_by("-date", "-id")

    def retrieve(self, request, *args, **kwargs):
        meeting = self.get_object()
        meeting.attendee_list = queries.attendees_of(meeting)
        meeting.agenda_items = queries.agenda_of(meeting)
        prefetch_related_objects(meeting.agenda_items, "application__call__stages")
        return Response(MeetingDetailSerializer(meeting, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(summary="Решения заседаний органов, видимых пользователю"),
    retrieve=extend_schema(summary="Решение по вопросу повестки"),
)
class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter
    # Votes are written by those who write the meeting's protocol (the chair, deputy, secretary, staff here).
    perms = {"votes": "council.change_meeting"}

    def perm_object(self, decision):
        return decision.agenda_item.meeting

    def get_queryset(self):
        return (
            Decision.objects.filter(agenda_item__meeting__in=queries.meetings_for(self.request.user))
            .select_related(
                "agenda_item__meeting__body",
                "agenda_item__application__lead_organization",
                "agenda_item__application__call",
                "agenda_item__site__lead_organization",
                "order",
            )
            .prefetch_related("agenda_item__application__call__stages")
            .order_by("-agenda_item__meeting__date", "-agenda_item__meeting_id", "agenda_item__position", "id")
        )

    @extend_schema(
        methods=["GET"],
        summary="Поимённое голосование по решению",
        responses=RollCallSerializer,
    )
    @extend_schema(
        methods=["PUT"],
        summary="Записать поимённое голосование (председатель, заместитель, секретарь, сотрудники территории)",
        description=(
            "Голос каждого присутствующего члена: for, against, abstained или recused (с причиной recusal_reason). "
            "Итоги решения пересчитываются по голосам. После подписания протокола — 409, голос не члена или "
            "отсутствующего — 400."
        ),
        request=RollCallSerializer,
        responses=RollCallSerializer,
    )
    @action(detail=True, methods=["get", "put"], pagination_class=None, filterset_class=None)
    def votes(self, request, pk=None):
        decision = self.get_object()
        if request.method == "PUT":
            payload = RollCallSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            rows = [{**row, "attendee": row["attendee_id"]} for row in payload.validated_data["votes"]]
            try:
                services.record_votes(decision, ballots=services.ballots_from(rows), by=request.user)
            except services.ProtocolSigned as refusal:
                raise ProtocolLocked(" ".join(refusal.messages)) from None
        votes = Vote.objects.filter(decision=decision).select_related("attendee").order_by("attendee__name", "id")
        hidden = hides_applicant_of(request.user, decision.agenda_item.application)
        data = RollCallSerializer({"votes": list(votes)}).data
        if hidden:  # a dissent may name the applicant of a blind call
            for row in data["votes"]:
                row["dissent"] = ""
        return Response(data)
