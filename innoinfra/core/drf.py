"""What every app's API shares: the error handler, the read-only resource base, filtering with a page's own
filter form, and the id filter. `innoinfra.api` only routes; the resources live in their apps."""

from __future__ import annotations

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers, viewsets
from rest_framework.views import exception_handler as drf_exception_handler

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
