"""What every app's API shares: the error handler, the read-only resource base, filtering with a page's own
filter form, and the id filter. `innoinfra.api` only routes; the resources live in their apps."""

from __future__ import annotations

import datetime
import functools
import hashlib
import json

import django_filters
from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.cache import get_conditional_response
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from . import once
from .errors import AlreadyDone, ServiceError
from .forms import IdField, YearField
from .versioning import Conflict, VersionConflict


class Duplicate(exceptions.APIException):
    """The record the request would create is already there (core.errors.AlreadyDone): 409 with its address."""

    status_code = 409
    default_code = "conflict"


def exception_handler(exc, context):
    """A service's refusal is the client's error: 400 with the Russian message as `{"detail": "…"}`; a duplicate
    (`AlreadyDone`) is 409 with the address of the record that exists as `existing`.

    Everything else (a Django `PermissionDenied` → 403, `Http404` → 404, DRF's own exceptions) is DRF's
    handling, which also rolls back a request-wide transaction."""
    if isinstance(exc, VersionConflict):  # a stale save (core.versioning): 409, not a validation error
        exc = Conflict(" ".join(exc.messages), current=exc.current)
    elif isinstance(exc, AlreadyDone):
        body = {"detail": " ".join(exc.messages)}
        if exc.existing is not None and hasattr(exc.existing, "get_absolute_url"):
            body["existing"] = exc.existing.get_absolute_url()
        exc = Duplicate(body)
    elif isinstance(exc, ServiceError):
        exc = serializers.ValidationError({"detail": " ".join(exc.messages)})
    response = drf_exception_handler(exc, context)
    if isinstance(exc, Conflict) and response is not None:
        response.data["version"] = exc.current  # the version to read the record at again
    return response


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    """A resource read as its pages are; its filtering, if any, is its own (see FormFilteredMixin)."""

    filter_backends = []


class FormFilteredMixin:
    """Filters with the page's own filter form and query function: one definition of each filter."""

    filter_form = None
    filter_function = None

    def filter_queryset(self, queryset):
        form = self.filter_form(self.request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        return type(self).filter_function(queryset, form.cleaned_data)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """A number of an object (`?call=12`): an integer the database can hold, so «12.5», «abc» or 2**70 is a 400
    naming the filter, never a database error."""

    field_class = IdField


@extend_schema_field(OpenApiTypes.INT)
class YearFilter(django_filters.NumberFilter):
    """A calendar year (`?year=2025`); a year past 2999 is a 400, not an overflow in date arithmetic."""

    field_class = YearField


@extend_schema_field(OpenApiTypes.URI)
class DownloadLinkField(serializers.Field):
    """The address of a stored file's download view — which checks who asks — never the file's own address;
    null when the record has no file."""

    def __init__(self, view_name: str, **kwargs):
        self.view_name = view_name
        super().__init__(read_only=True, source="*", allow_null=True, **kwargs)

    def to_representation(self, instance):
        if not instance.file:
            return None
        url = reverse(self.view_name, args=[instance.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class KeyReused(exceptions.APIException):
    status_code = 422
    default_code = "idempotency_key_reused"
    default_detail = (
        "Этот ключ Idempotency-Key уже использован для другого запроса: для нового запроса нужен новый ключ."
    )


def idempotent(handler):
    """An API write that honours an `Idempotency-Key` header: the same key from the same user gets the first answer
    again (with `Idempotent-Replayed: true`) and creates nothing more; a refused request keeps no key, so it may be
    retried. Without the header the request is handled as usual."""

    @functools.wraps(handler)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(once.HEADER)
        if key is None:
            return handler(self, request, *args, **kwargs)
        if not once.KEY_PATTERN.fullmatch(key):
            raise serializers.ValidationError(
                {"detail": "Заголовок Idempotency-Key: от 8 до 100 латинских букв, цифр и знаков «-», «_», «.», «:»."}
            )
        fingerprint = once.fingerprint_of(request)
        with transaction.atomic():
            taken = once.claim(user=request.user, key=key, purpose=f"api {request.path}", fingerprint=fingerprint)
            if isinstance(taken, once.Replay):
                if taken.earlier.fingerprint != fingerprint:
                    raise KeyReused()
                return Response(
                    taken.earlier.response, status=taken.earlier.status, headers={"Idempotent-Replayed": "true"}
                )
            response = handler(self, request, *args, **kwargs)
            if response.status_code >= 400:  # refused without an exception: nothing was done, the key stays free
                taken.delete()
                return response
            taken.status = response.status_code
            taken.response = json.loads(JSONRenderer().render(response.data) or b"null")
            taken.save(update_fields=["status", "response"])
        return response

    return wrapper


class IdempotentCreateMixin:
    """`create` with `Idempotency-Key` support (see `idempotent`); list it before `mixins.CreateModelMixin`."""

    @idempotent
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)


def signed_in_with(perm: str) -> type[permissions.BasePermission]:
    """A permission class for a resource only some roles read (its page's `check_perm(perm)`): anonymous callers
    and those without the perm are refused (403); the schema declares it protected."""

    class SignedInWith(permissions.IsAuthenticated):
        message = "Нет прав на этот раздел."

        def has_permission(self, request, view):
            return super().has_permission(request, view) and request.user.has_perm(perm)

    SignedInWith.__name__ = SignedInWith.__qualname__ = f"SignedInWith({perm})"
    return SignedInWith


class ChangedSinceField(forms.DateTimeField):
    default_error_messages = {
        "invalid": "Укажите дату и время изменения в формате ISO 8601, например 2025-04-11T09:30:00+10:00.",
    }

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        # In UTC before it reaches the database: PostgreSQL refuses an offset beyond ±15:59 that ISO 8601 allows
        # (`-17:00` was a server error); a moment that leaves the calendar in UTC (year 1 at +10:00) is invalid.
        try:
            return moment.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


# What a regional system needs to keep a copy of a list in step (docs/api.md, «Синхронизация реестра»):
# - `?updated_after=<ISO date-time>`: only records changed at or after that moment (`changed_field`, indexed);
# - `ETag` on every successful read and `304 Not Modified` to a request whose `If-None-Match` names it, so an
#   unchanged page costs the caller nothing to download. A versioned record's own ETag (its version) is kept.
# (Comments, not a docstring: drf-spectacular would print a mixin's docstring as the resource's description.)
class SyncMixin:

    changed_field = "updated_at"

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        raw = self.request.query_params.get("updated_after")
        if raw is None or self.action != "list":
            return queryset
        try:
            since = ChangedSinceField().clean(raw)
        except forms.ValidationError as error:
            raise serializers.ValidationError({"updated_after": error.messages}) from None
        return queryset.filter(**{f"{self.changed_field}__gte": since})

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        if not response.has_header("ETag"):
            response["ETag"] = f'W/"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        unchanged = get_conditional_response(request, etag=response["ETag"], response=response)
        return unchanged if unchanged is not None and unchanged.status_code == 304 else response
