"""What every app's API shares: the error handler, the read-only resource base, filtering with a page's own
filter form, and the id filter. `innoinfra.api` only routes; the resources live in their apps."""

from __future__ import annotations

import functools
import json

import django_filters
from django import forms
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from . import once
from .errors import AlreadyDone, ServiceError


class Conflict(exceptions.APIException):
    status_code = 409
    default_code = "conflict"


def exception_handler(exc, context):
    """A service's refusal is the client's error: 400 with the Russian message as `{"detail": "…"}`; a duplicate
    (`AlreadyDone`) is 409 with the address of the record that exists as `existing`.

    Everything else (a Django `PermissionDenied` → 403, `Http404` → 404, DRF's own exceptions) is DRF's
    handling, which also rolls back a request-wide transaction."""
    if isinstance(exc, AlreadyDone):
        body = {"detail": " ".join(exc.messages)}
        if exc.existing is not None and hasattr(exc.existing, "get_absolute_url"):
            body["existing"] = exc.existing.get_absolute_url()
        exc = Conflict(body)
    elif isinstance(exc, ServiceError):
        exc = serializers.ValidationError({"detail": " ".join(exc.messages)})
    return drf_exception_handler(exc, context)


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
    """A number of an object (`?call=12`): an integer, so «12.5» or «abc» is a 400 naming the filter."""

    field_class = forms.IntegerField


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
