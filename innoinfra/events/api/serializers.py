"""Shapes of events, registrations and certificates in the API."""

from __future__ import annotations

from urllib.parse import quote

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import services
from ..enums import EventState, FieldMode
from ..models import Certificate, Event, Registration, Session


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
            "hours",
            "assessment_form",
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
            "assessment_result",
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
