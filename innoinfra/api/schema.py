"""The OpenAPI description says what the API really does (issue 21, checked by tests/api/test_contract.py):

- who may call an operation: reads are open to anyone (`RulesPermission` lets every safe method through and the
  view's queryset decides what an anonymous caller sees), so a read declares authentication as optional (`{}`);
  a write needs a signed-in user;
- which refusals a client must expect: 400 for a request the API rejects (a bad filter, a bad body), 401/403 for
  a caller who may not, 404 for a record that is not there (or not visible) and for a page past the end.

drf-spectacular knows this only for DRF's own permission classes and documents only the success answer; without
these the description promised a login for public reads and left most real answers undocumented."""

from __future__ import annotations

import typing

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated

from innoinfra.core.drf import SyncMixin

from .permissions import RulesPermission

UPDATED_AFTER = OpenApiParameter(
    "updated_after",
    OpenApiTypes.DATETIME,
    description="Только записи, изменённые в этот момент или позже (ISO 8601, с часовым поясом) — для синхронизации",
)

ERROR_SCHEMA = {
    "description": '`{"detail": "…"}`, ошибки по полям `{"поле": ["…"]}` или список сообщений; всё по-русски.',
    "anyOf": [{"type": "object", "additionalProperties": True}, {"type": "array", "items": {"type": "string"}}],
}
REFUSALS = {
    "400": "Запрос отклонён: неверный фильтр, параметр или тело запроса",
    "401": "Нужно войти: токен не передан или неверен",
    "403": "Нет прав на это действие",
    "404": "Запись не найдена или недоступна; страница за пределами списка",
}


class AutoSchema(SpectacularAutoSchema):
    def _signed_in_only(self) -> bool:
        return any(isinstance(permission, IsAuthenticated) for permission in self.view.get_permissions())

    def _only_rules(self) -> bool:
        return all(isinstance(permission, RulesPermission) for permission in self.view.get_permissions())

    def get_auth(self):
        auths = super().get_auth()
        # A read no permission class reserves for signed-in users is open: the queryset (or the view's own
        # permission class) decides what an anonymous caller sees.
        if self.method in SAFE_METHODS and not self._signed_in_only() and {} not in auths:
            auths.append({})
        return auths

    def _own_rules_read(self) -> bool:
        """A read action of its own (`calls/{id}/ranking/`, beyond list and retrieve) judges the caller itself: the
        ranking answers the call's methodists and the council chair only."""
        action = getattr(self.view, "action", None)
        return action is not None and action not in ("list", "retrieve")

    def _refusals(self) -> list[str]:
        codes = ["400"]  # every operation parses something the caller sends: a filter, a page number or a body
        if (
            {} not in self.get_auth()
            or self.method not in SAFE_METHODS
            or not self._only_rules()
            or self._own_rules_read()
        ):
            codes += ["401", "403"]
        if "{" in self.path or self._is_list_view():
            codes.append("404")
        # A view whose parameters name a record (`stats/overview/?municipality=`) says it may answer 404 for it.
        codes += [code for code in getattr(self.view, "refusals", ()) if code not in codes]
        return codes

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """A field only read (a name through a relation, a choice, an address) is described as the model holds it:
        null where the model allows null anywhere on the way, "" where the model allows an empty value — DRF
        does not carry `allow_null`/`allow_blank` over to read-only fields, so the description promised more."""
        if field.read_only and not field.allow_null:
            nullable, blank = _read_through_model(field)
            field.allow_null = nullable or field.default is None or _method_may_return_none(field)
            blank = blank or _method_returns(field) is str  # a method's address: "" when there is none
            if blank and isinstance(field, serializers.ChoiceField):
                field.allow_blank = True
        else:
            blank = False
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if blank and schema.get("format") in ("uri", "email"):
            schema = {
                "anyOf": [{"type": "string", "format": schema.pop("format")}, {"type": "string", "maxLength": 0}],
                **{k: v for k, v in schema.items() if k != "type"},
            }
        if schema.get("format") == "time":
            # A local time of day as DRF writes it ("15:00:00"); JSON Schema's `time` format demands a UTC offset.
            del schema["format"]
            schema["pattern"] = TIME_PATTERN
        return schema

    def _syncs(self) -> bool:
        return isinstance(self.view, SyncMixin) and self.method == "GET"

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self._syncs() and self._is_list_view():
            parameters = [*parameters, UPDATED_AFTER]
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        if self._syncs():
            responses["304"] = {
                "description": "Не изменилось с тех пор, как вы получили ответ с этим ETag (If-None-Match)"
            }
        for code in self._refusals():
            responses.setdefault(
                code,
                {"description": REFUSALS[code], "content": {"application/json": {"schema": ERROR_SCHEMA}}},
            )
        return responses


def _model_field_path(field):
    """The model fields a serializer field reads through (`organization.name` → Plan.organization, Organization.name);
    empty when the field is not read from a model (a method, a property)."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    path = []
    for attr in getattr(field, "source_attrs", None) or []:
        if model is None:
            return []
        try:
            model_field = model._meta.get_field(attr)
        except FieldDoesNotExist:
            return []
        if not model_field.concrete:  # a reverse relation or a many-to-many: a list, never null
            return []
        path.append(model_field)
        model = model_field.related_model if model_field.is_relation else None
    return path


def _read_through_model(field) -> tuple[bool, bool]:
    """(may be null, may be blank) for a read-only field: null when any link of its path may be null (a plan
    without an organization has no `organization_name`), blank when the last field may be empty."""
    path = _model_field_path(field)
    if not path:
        return False, False
    nullable = any(model_field.null for model_field in path)
    last = path[-1]
    blank = last.blank and not last.is_relation and last.get_internal_type() in BLANKABLE
    return nullable, blank


def _method_returns(field):
    """What a method field's method says it returns (`-> str | None`); None when it does not say."""
    if not isinstance(field, serializers.SerializerMethodField) or field.parent is None:
        return None
    method = getattr(field.parent, field.method_name, None)
    try:
        return typing.get_type_hints(method).get("return") if method else None
    except (NameError, TypeError):  # a hint naming what the module imports only for type checking
        return None


def _method_may_return_none(field) -> bool:
    return type(None) in typing.get_args(_method_returns(field))


TIME_PATTERN = r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"
BLANKABLE = {"CharField", "TextField", "URLField", "EmailField", "SlugField"}
