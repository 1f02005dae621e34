"""No lost update: every edited record carries a version, and an edit is saved only over the version it was read at.

The check is one conditional UPDATE (`… SET version = version + 1 WHERE pk = … AND version = <read>`) run by the
service inside its transaction: on PostgreSQL the first writer locks the row, a second one waits, re-reads the row
after the first commits and matches nothing, so of N simultaneous saves of one reading exactly one wins. The losers
get a `VersionConflict` naming who changed the record and when (from its history); pages show it over the form the
user filled in (HTTP 409), the API answers 409 — or 412 when the client sent the version as `If-Match`.

Pieces: `Versioned` (the model field), `claim_version` (the service-side check), `VersionedFormMixin` (the hidden
field of edit forms), `VersionedAPIMixin` (ETag on reads, If-Match and the `version` field on writes)."""

from __future__ import annotations

import contextlib
import re

from django import forms
from django.db import models
from django.db.models import F
from django.utils import timezone
from rest_framework import serializers, status
from rest_framework.exceptions import APIException

from .dates import russian_date
from .errors import ServiceError

CONFLICT_STATUS = status.HTTP_409_CONFLICT


class Versioned(models.Model):
    """An edited record: its version grows by one with every edit saved through a service."""

    version = models.PositiveIntegerField(
        "версия", default=1, editable=False, help_text="Растёт с каждым сохранённым изменением."
    )

    class Meta:
        abstract = True


class VersionConflict(ServiceError):
    """Someone saved the record after this user read it; nothing of this save was written."""

    def __init__(self, obj, *, current: int | None):
        self.current = current
        super().__init__(conflict_message(obj), code="version_conflict")


def _last_change(obj) -> tuple[str, object]:
    """Who saved the record last and when: its newest history row, else its own `updated_by`/`updated_at`."""
    history = getattr(type(obj), "history", None)
    if history is not None:
        row = obj.history.select_related("history_user").order_by("-history_date", "-history_id").first()
        if row is not None:
            return (str(row.history_user) if row.history_user else ""), row.history_date
    return str(getattr(obj, "updated_by", None) or ""), getattr(obj, "updated_at", None)


def conflict_message(obj) -> str:
    """«Запись изменил(а) Иванова Ирина Сергеевна в 20:41 11 апреля 2025 г.; обновите страницу»."""
    who, when = _last_change(obj)
    who = who or "другой пользователь"
    at = f" в {timezone.localtime(when):%H:%M} {russian_date(when)}" if when else ""
    return f"Запись изменил(а) {who}{at}; обновите страницу. Ваши изменения не сохранены."


def claim_version(obj: Versioned, expected: int | None) -> None:
    """Take the next version of `obj` if it is still at `expected`, else raise `VersionConflict`.

    Call it inside the service's transaction before saving: the row stays locked until the commit, and `obj.version`
    becomes the claimed one, so the service's own `save()` writes it. `expected=None` (an API client that sent no
    version) still moves the version on, so forms opened before this save are refused afterwards."""
    model = type(obj)
    rows = model._default_manager.filter(pk=obj.pk)
    if expected is None:
        rows.update(version=F("version") + 1)
        obj.version = rows.values_list("version", flat=True).get()
        return
    if not rows.filter(version=expected).update(version=F("version") + 1):
        obj.version = rows.values_list("version", flat=True).first()
        raise VersionConflict(obj, current=obj.version)
    obj.version = expected + 1


# ---------------------------------------------------------------- pages


class VersionedFormMixin:
    """An edit form that carries the version its user read, in a hidden field, back to the service.

    A model form takes it from its instance; a plain form is given `version=` (the record's). Views pass
    `form.cleaned_data["version"]` to the service and, on `VersionConflict`, call `form.refuse(error)`: the form
    comes back with the user's input and the message, and `form.conflict` tells the view to answer 409."""

    def __init__(self, *args, version: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if version is None and instance is not None and instance.pk:
            version = instance.version
        self.conflict = False
        if version is not None:  # a new record has no version yet: the same form creates it without one
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=1, initial=version, required=False
            )

    def clean(self):
        data = super().clean()
        # A hidden field's own error is shown nowhere, so a missing or mangled version is said over the form.
        if "version" in self.fields and data.get("version") is None:
            raise forms.ValidationError("Форма устарела или повреждена: обновите страницу и внесите изменения снова.")
        return data

    def refuse(self, error: ServiceError) -> None:
        self.conflict = isinstance(error, VersionConflict)
        self.add_error(None, error)


def form_status(form) -> int:
    """409 when the form came back because of a stale version; 200 for any other refusal shown on the page."""
    return CONFLICT_STATUS if getattr(form, "conflict", False) else status.HTTP_200_OK


# ---------------------------------------------------------------- API


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "Запись изменилась после того, как вы её прочитали (If-Match не совпал); перечитайте её."
    default_code = "precondition_failed"


class Conflict(APIException):
    status_code = CONFLICT_STATUS
    default_code = "version_conflict"

    def __init__(self, detail: str, *, current: int | None):
        super().__init__(detail)
        self.current = current


_ETAG = re.compile(r'^(?:W/)?"(\d+)"$')


def etag(version: int) -> str:
    return f'"{version}"'


class VersionField(serializers.IntegerField):
    """`version` in the API: read as the record's version; written only as the precondition of a change."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault(
            "help_text",
            "Версия записи. При изменении передайте прочитанную версию (или заголовок If-Match): если запись "
            "успели изменить, ответ 409 (412 для If-Match), и ничего не сохраняется.",
        )
        super().__init__(**kwargs)


class VersionedAPIMixin:
    """A detail read answers with `ETag: "<version>"`; a change takes the version read from `If-Match` or the body.

    Use: `with self.version_precondition(data) as expected: services.update_x(obj, version=expected, …)`."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if (
            getattr(self, "action", None) in {"retrieve", "update", "partial_update"}
            and 200 <= response.status_code < 300
            and isinstance(data, dict)
            and isinstance(data.get("version"), int)
        ):
            response["ETag"] = etag(data["version"])
        return response

    def _if_match(self) -> int | None:
        header = self.request.headers.get("If-Match")
        if header is None:
            return None
        tags = [tag.strip() for tag in header.split(",") if tag.strip()]
        if "*" in tags:
            return None
        for tag in tags:
            match = _ETAG.match(tag)
            if match:
                return int(match.group(1))
        # A tag this server never gave out can match no version of the record.
        raise PreconditionFailed()

    @contextlib.contextmanager
    def version_precondition(self, data: dict):
        """Yield the version the client read (If-Match first, else the body's `version`, else None) and turn a
        stale one into 412 (If-Match) or 409 (the body) with the Russian message."""
        body_version = data.pop("version", None)
        header_version = self._if_match()
        expected = header_version if header_version is not None else body_version
        try:
            yield expected
        except VersionConflict as error:
            message = " ".join(error.messages)
            if header_version is not None:
                raise PreconditionFailed(message) from error
            raise Conflict(message, current=error.current) from error
