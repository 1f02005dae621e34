"""REST resources of events: the calendar of events, registrations with their cancel and check-in, and the public
verification of certificates.

Reads follow the pages: published (held, cancelled) events are public, drafts are seen by those who run them; a
registration is seen by the registrant and by the event's organizers, and its token — the key to the participant's
own page — only by the registrant. Writes ask the same `rules` perms and call the same services, so the API and
the web can never disagree."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import django_filters
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from innoinfra.core.drf import IdFilter
from innoinfra.plans.models import PlanItem
from innoinfra.plans.queries import plans_visible_to
from innoinfra.reference.models import Organization

from . import queries, services
from .certificates import services as certificates
from .enums import PUBLIC_STATES, Audience, EventFormat, EventState, FieldMode, RegistrationState
from .models import Certificate, Event, Registration, Session

NOT_FOUND = "Мероприятие не найдено."


def organized_events(user) -> QuerySet[Event]:
    """Ids of the events the user runs (drafts included), as a subquery."""
    return queries.events_for_organizer(user).values("pk")


def events_visible_to(user) -> QuerySet[Event]:
    return Event.objects.filter(Q(state__in=PUBLIC_STATES) | Q(pk__in=organized_events(user)))


def registrations_visible_to(user) -> QuerySet[Registration]:
    """The user's own registrations and those of the events they organize (events.view_registrations)."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return Registration.objects.filter(Q(user=user) | Q(event__in=organized_events(user)))


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


# ---------------------------------------------------------------- serializers


class OrganizerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="short_name")


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["starts_at", "ends_at", "title", "speakers", "place"]


class QuestionSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="Текст вопроса; ответ передаётся под ним в answers регистрации")
    required = serializers.BooleanField()


class CalendarEventSerializer(serializers.ModelSerializer):
    """An event with its programme. Everything comes from EventViewSet's queryset (seats annotated, sessions and
    plan items prefetched), so a page of events costs the same few queries whatever its length. Not «Event»: the
    schema already has that component (review.serializers.EventSerializer)."""

    format_label = serializers.CharField(source="get_format_display", read_only=True)
    audience_group_label = serializers.CharField(source="get_audience_group_display", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    organizer = OrganizerSerializer(read_only=True)
    co_organizers = OrganizerSerializer(many=True, read_only=True)
    seats_taken = serializers.IntegerField(source="seats", read_only=True)
    registration_open = serializers.SerializerMethodField()
    online_url = serializers.SerializerMethodField()
    plan_items = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="Страница мероприятия на сайте")
    programme = SessionSerializer(source="sessions", many=True, read_only=True)
    registration_fields = serializers.SerializerMethodField(
        help_text="Необязательные поля формы регистрации: off — не спрашивать, optional, required"
    )
    questions = QuestionSerializer(many=True, read_only=True, help_text="Дополнительные вопросы организатора")

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "format",
            "format_label",
            "audience_group",
            "audience_group_label",
            "audience",
            "description",
            "organizer",
            "co_organizers",
            "site",
            "municipality",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "seats_taken",
            "registration_deadline",
            "registration_open",
            "state",
            "state_label",
            "plan_items",
            "url",
            "programme",
            "registration_fields",
            "questions",
        ]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_registration_open(self, event: Event) -> bool:
        return event.state == EventState.PUBLISHED and timezone.now() < event.registration_closes_at

    @extend_schema_field(OpenApiTypes.URI)
    def get_online_url(self, event: Event) -> str:
        # As the event page: the link to join is given while the event is announced; its organizers always see it.
        user = self.context["request"].user
        if event.state == EventState.PUBLISHED or user.has_perm("events.change_event", event):
            return event.online_url
        return ""

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_plan_items(self, event: Event) -> list[int]:
        return [item.pk for item in event.visible_plan_items]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, event: Event) -> str:
        return self.context["request"].build_absolute_uri(event.get_absolute_url())

    @extend_schema_field(serializers.DictField(child=serializers.ChoiceField(choices=FieldMode.choices)))
    def get_registration_fields(self, event: Event) -> dict[str, str]:
        return services.field_modes(event)


class RegistrationSerializer(serializers.ModelSerializer):
    event_title = serializers.CharField(source="event.title", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    mine = serializers.SerializerMethodField(help_text="Это ваша регистрация")
    participant_url = serializers.SerializerMethodField(
        help_text="Личная страница участника (ссылка из письма); только самому зарегистрированному"
    )

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "event_title",
            "full_name",
            "organization_name",
            "position",
            "email",
            "phone",
            "answers",
            "state",
            "state_label",
            "attended_at",
            "created_at",
            "mine",
            "participant_url",
        ]
        read_only_fields = fields

    def _mine(self, registration: Registration) -> bool:
        user = self.context["request"].user
        return user.is_authenticated and registration.user_id == user.pk

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_mine(self, registration: Registration) -> bool:
        return self._mine(registration)

    @extend_schema_field(OpenApiTypes.URI)
    def get_participant_url(self, registration: Registration) -> str | None:
        # The link carries the token, which opens and cancels the registration without an account: the organizer
        # and the territory's staff never get it.
        if not self._mine(registration):
            return None
        return self.context["request"].build_absolute_uri(registration.get_absolute_url())


class RegistrationCreateSerializer(serializers.Serializer):
    """What the registration form asks; name, e-mail, organization and position default to the user's own (as the
    form's initial values). Which optional fields and answers are required is the event's form's business:
    services.register checks it."""

    event = serializers.IntegerField()
    full_name = serializers.CharField(max_length=300, required=False)
    email = serializers.EmailField(required=False)
    organization_name = serializers.CharField(max_length=500, required=False, allow_blank=True)
    position = serializers.CharField(max_length=300, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=50, required=False, allow_blank=True)
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text="Ответы на вопросы организатора: {текст вопроса: ответ}",
    )
    consent = serializers.BooleanField(help_text="Согласие на обработку персональных данных; без него — отказ")

    def validate_consent(self, value):
        if not value:
            raise serializers.ValidationError("Без согласия на обработку персональных данных регистрация невозможна.")
        return value


class CertificateEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class CertificateSerializer(serializers.ModelSerializer):
    """What the verification page confirms; nothing of the holder's beyond what the certificate itself says."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    event = CertificateEventSerializer(read_only=True)
    organizer_name = serializers.CharField(source="event.organizer.short_name", read_only=True)
    valid = serializers.SerializerMethodField(help_text="Действителен (не аннулирован)")
    url = serializers.SerializerMethodField(help_text="Страница проверки подлинности")

    class Meta:
        model = Certificate
        fields = [
            "number",
            "kind",
            "kind_label",
            "full_name",
            "organization_name",
            "event",
            "organizer_name",
            "issued_at",
            "revoked_at",
            "valid",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_valid(self, certificate: Certificate) -> bool:
        return certificate.revoked_at is None

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, certificate: Certificate) -> str:
        # The literal path of the verification page (the one printed in the QR code), not a reverse() of its view.
        return self.context["request"].build_absolute_uri(f"/certificates/{quote(certificate.number)}/")


# ---------------------------------------------------------------- filters


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


# ---------------------------------------------------------------- events


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


# ---------------------------------------------------------------- registrations


class RegistrationAccess(BasePermission):
    """Reads follow the queryset. Registering through the API needs an account (the web form also takes anonymous
    visitors, who manage their registration by the link from the letter). Cancelling is the registrant's or the
    organizer's; marking attendance only the organizer's."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or request.user.is_authenticated

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        organizes = request.user.has_perm("events.change_event", obj.event)
        if view.action == "cancel":
            return organizes or (obj.user_id is not None and obj.user_id == request.user.pk)
        return organizes


@extend_schema_view(
    list=extend_schema(summary="Регистрации: свои — участнику, все на мероприятие — его организаторам"),
    retrieve=extend_schema(summary="Регистрация на мероприятие"),
    create=extend_schema(
        summary="Зарегистрироваться на мероприятие (пользователю с учётной записью)",
        request=RegistrationCreateSerializer,
        responses={201: RegistrationSerializer},
    ),
)
class RegistrationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilter
    permission_classes = [RegistrationAccess]

    def get_queryset(self):
        return (
            registrations_visible_to(self.request.user).select_related("event").order_by("event_id", "created_at", "id")
        )

    def _detail(self, registration: Registration, status_code: int = status.HTTP_200_OK) -> Response:
        registration = self.get_queryset().get(pk=registration.pk)
        return Response(self.get_serializer(registration).data, status=status_code)

    def create(self, request, *args, **kwargs):
        payload = RegistrationCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        # A draft answers as a missing event: the API must not tell that an unannounced event exists.
        event = Event.objects.filter(pk=data.pop("event")).first()
        if event is None or not request.user.has_perm("events.view_event", event):
            raise serializers.ValidationError({"event": [NOT_FOUND]})
        user = request.user
        data.setdefault("full_name", user.full_name)
        data.setdefault("email", user.email or "")
        if "organization_name" not in data and user.organization_id:
            data["organization_name"] = user.organization.short_name
        data.setdefault("position", user.position)
        registration = services.register(event=event, user=user, **data)
        return self._detail(registration, status.HTTP_201_CREATED)

    @extend_schema(summary="Отменить регистрацию (сам участник или организатор)", request=None)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        registration = self.get_object()
        services.cancel_registration(registration, by=request.user)
        return self._detail(registration)

    @extend_schema(summary="Отметить участника присутствующим (организатор)", request=None)
    @action(detail=True, methods=["post"])
    def attend(self, request, pk=None):
        registration = self.get_object()
        services.check_in(registration, by=request.user)
        return self._detail(registration)


# ---------------------------------------------------------------- certificates


@extend_schema_view(
    retrieve=extend_schema(
        summary="Проверка подлинности сертификата по номеру",
        description="Несуществующий номер — ответ 404; аннулированный сертификат — valid: false.",
    )
)
class CertificateViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    # No list: the register of certificates holds people's names; each is confirmed only by its number.
    serializer_class = CertificateSerializer
    lookup_field = "number"
    queryset = Certificate.objects.select_related("event__organizer")
    filter_backends = []

    def get_object(self):
        # Read as the verification page reads it: a number typed from paper in lower case or with spaces is found.
        number = certificates.normalize_number(self.kwargs[self.lookup_field])
        return get_object_or_404(self.get_queryset(), number=number)
