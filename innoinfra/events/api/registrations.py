"""Registrations: read by the registrant and the organizers, created by a user with an account, cancelled,
marked attended."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from innoinfra.core.drf import idempotent

from .. import services
from ..models import Event, Registration
from .filters import RegistrationFilter
from .serializers import RegistrationCreateSerializer, RegistrationSerializer
from .visibility import registrations_visible_to

NOT_FOUND = "Мероприятие не найдено."


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

    @idempotent
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
