"""The API token endpoint with the sign-in lockout: after too many wrong passwords, 429 with the Russian message
of the login page and `Retry-After`, so a script knows when to try again."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response

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
