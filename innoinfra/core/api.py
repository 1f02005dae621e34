"""A user's own notifications in the API: the list (unread first if asked), marking one or all read — the same
`mark_read` the notifications page calls. Another user's notification is not found (404), as on the page."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from .models import Notification
from .notifications import mark_read


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "title", "text", "url", "created_at", "read_at", "is_read"]
        read_only_fields = fields

    def get_is_read(self, notification) -> bool:
        return notification.read_at is not None


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label="Только непрочитанные")

    class Meta:
        model = Notification
        fields = []


MARKED = inline_serializer("MarkedRead", {"marked": serializers.IntegerField(help_text="Сколько отмечено сейчас")})


@extend_schema_view(
    list=extend_schema(summary="Мои уведомления"),
    retrieve=extend_schema(summary="Моё уведомление"),
)
class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = NotificationSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = NotificationFilter

    def get_queryset(self):
        # `user_id`: an anonymous caller (the schema generator) has none, and matches nothing.
        return Notification.objects.filter(user_id=self.request.user.pk).order_by("-created_at", "-id")

    @extend_schema(summary="Отметить уведомление прочитанным", request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"], url_path="read")
    def read(self, request, pk=None):
        notification = self.get_object()
        mark_read(Notification.objects.filter(pk=notification.pk))
        notification.refresh_from_db(fields=["read_at"])
        return Response(self.get_serializer(notification).data)

    @extend_schema(summary="Отметить все мои уведомления прочитанными", request=None, responses=MARKED)
    @action(detail=False, methods=["post"], url_path="read-all", filterset_class=None, pagination_class=None)
    def read_all(self, request):
        return Response({"marked": mark_read(Notification.objects.filter(user=request.user))})
