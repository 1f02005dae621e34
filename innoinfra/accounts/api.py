"""The API token endpoint with the sign-in lockout: after too many wrong passwords, 429 with the Russian message
of the login page and `Retry-After`, so a script knows when to try again. Users and their roles: staff read the
accounts of their territory, everyone signed in reads their own."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from .models import Membership, User
from .queries import memberships_with_scope, users_for_list
from .throttling import lockout_ends, login_lockout_message, retry_after

DETAIL = inline_serializer("Detail", {"detail": serializers.CharField()})


class ObtainTokenView(ObtainAuthToken):
    @extend_schema(
        summary="Получить токен по логину (или e-mail) и паролю",
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            400: OpenApiResponse(description="Неверный логин или пароль"),
            429: OpenApiResponse(DETAIL, description="Слишком много неудачных попыток; когда повторить — Retry-After"),
        },
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        if serializer.is_valid():
            return super().post(request, *args, **kwargs)
        # axes marks the DRF request (the one the serializer passed to `authenticate`) when it refused a locked client
        if getattr(request, "axes_locked_out", False):
            ends = lockout_ends(request, getattr(request, "axes_credentials", None))
            headers = {"Retry-After": retry_after(ends)}
            return Response({"detail": login_lockout_message(ends)}, status=429, headers=headers)
        raise serializers.ValidationError(serializer.errors)


class MembershipSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    scope_label = serializers.CharField(
        read_only=True, help_text="Область действия роли: орган, ОО, муниципалитет, регион или «вся система»"
    )
    active = serializers.SerializerMethodField(help_text="Роль действует сегодня")

    class Meta:
        model = Membership
        fields = ["id", "role", "role_label", "region", "municipality", "organization", "body", "body_position",
                  "scope_label", "start_date", "end_date", "active"]  # fmt: skip
        read_only_fields = fields

    def get_active(self, membership) -> bool:
        today = self.context["today"]
        return (membership.start_date is None or membership.start_date <= today) and (
            membership.end_date is None or membership.end_date >= today
        )


class UserSerializer(serializers.ModelSerializer):
    """An account as staff see it on its page; never the password hash, never the sign-in secrets."""

    full_name = serializers.CharField(read_only=True)
    organization_name = serializers.CharField(source="organization.short_name", read_only=True, default=None)
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "last_name", "first_name", "middle_name", "full_name", "email", "position",
                  "phone", "organization", "organization_name", "is_active", "last_login", "date_joined",
                  "memberships"]  # fmt: skip
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Пользователи и их роли (сотрудникам: люди своей территории)"),
    retrieve=extend_schema(summary="Пользователь и его роли (сотрудникам своей территории)"),
)
class UserViewSet(viewsets.ReadOnlyModelViewSet):
    """Accounts of the caller's territory, as the staff's user pages show them (`accounts.manage_users`); anyone
    signed in reads their own account at `users/me/`."""

    serializer_class = UserSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        # Nobody outside the staff: `users_for` is empty for them, so another's account is a 404 as on the pages.
        return users_for_list(self.request.user).order_by("last_name", "first_name", "username", "id")

    def list(self, request, *args, **kwargs):
        if not request.user.has_perm("accounts.manage_users"):
            raise PermissionDenied("Список пользователей доступен сотрудникам органа управления и методистам.")
        return super().list(request, *args, **kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    @extend_schema(summary="Моя учётная запись и мои роли")
    @action(detail=False, methods=["get"], pagination_class=None)
    def me(self, request):
        user = (
            User.objects.prefetch_related(
                Prefetch("memberships", queryset=memberships_with_scope().order_by("role", "id"))
            )
            .select_related("organization")
            .get(pk=request.user.pk)
        )
        return Response(self.get_serializer(user).data)
