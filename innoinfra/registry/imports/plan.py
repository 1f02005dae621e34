"""Checking the rows against the registry: each cell cleaned (type, INN with its check digits, coordinates,
e-mail, site, municipality within the user's scope), each row matched to an organization by INN or by name within
its municipality, and the result, row by row, as an import plan: create / update / unchanged / reject."""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db.models import Q

from innoinfra.accounts.scopes import scope_of
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Municipality, Organization

from .columns import COLUMN_BY_KEY, COLUMNS, normalize_header
from .workbook import RawRow

CREATE, UPDATE, UNCHANGED, REJECT = "create", "update", "unchanged", "reject"

# Short names people put in the «Тип» column besides the labels and codes of OrganizationType.
TYPE_ALIASES = {
    OrganizationType.SCHOOL: ("школа", "ОО"),
    OrganizationType.DOO: ("ДОО", "детский сад"),
    OrganizationType.UDO: ("УДО",),
    OrganizationType.COLLEGE: ("ПОО", "СПО", "колледж", "техникум"),
}
TYPES = {
    **{normalize_header(alias): code for code, aliases in TYPE_ALIASES.items() for alias in aliases},
    **{normalize_header(t.label): t.value for t in OrganizationType},
    **{t.value: t.value for t in OrganizationType},
}


def name_key(text: str) -> str:
    text = text.casefold().replace("ё", "е").replace("«", '"').replace("»", '"').replace("“", '"').replace("”", '"')
    return " ".join(text.split())


def inn_is_valid(inn: str) -> bool:
    """The check digits of a Russian INN (10 digits for organizations, 12 for individuals)."""

    def digit(weights):
        return sum(w * int(d) for w, d in zip(weights, inn, strict=False)) % 11 % 10

    if len(inn) == 10:
        return digit((2, 4, 10, 3, 5, 9, 4, 6, 8)) == int(inn[9])
    if len(inn) == 12:
        eleventh = digit((7, 2, 4, 10, 3, 5, 9, 4, 6, 8)) == int(inn[10])
        return eleventh and digit((3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)) == int(inn[11])
    return False


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _clean_inn(value: Any) -> str:
    numeric = isinstance(value, int | float)
    inn = _text(value).replace(" ", "")
    if numeric and len(inn) in (9, 11):
        inn = "0" + inn  # Excel drops the leading zero of INNs of regions 01–09 stored as numbers
    if not inn.isdigit() or len(inn) not in (10, 12):
        raise ValidationError(f"ИНН «{inn}» должен состоять из 10 цифр (для организации) или из 12 цифр.")
    if not inn_is_valid(inn):
        raise ValidationError(f"ИНН {inn} не проходит проверку контрольного числа — проверьте цифры.")
    return inn


def _clean_coordinate(value: Any, label: str, limit: int) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(_text(value).replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        raise ValidationError(f"{label} «{_text(value)}» — не число.") from None
    if not number.is_finite() or not -limit <= number <= limit:
        raise ValidationError(f"{label} должна быть числом от −{limit} до {limit}, а указано «{_text(value)}».")
    return number.quantize(Decimal("0.000001"))


def _clean_email(value: Any) -> str:
    email = _text(value)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(f"Некорректный e-mail «{email}».") from None
    return email


def _clean_website(value: Any) -> str:
    url = _text(value)
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        url = "https://" + url  # people write «school1.ru», not «https://school1.ru»
    try:
        URLValidator()(url)
    except ValidationError:
        raise ValidationError(f"Некорректный адрес сайта «{_text(value)}».") from None
    return url


def _clean_type(value: Any) -> str:
    code = TYPES.get(normalize_header(value))
    if code is None:
        allowed = "; ".join(f"«{t.label}»" for t in OrganizationType)
        raise ValidationError(f"Неизвестный тип организации «{_text(value)}». Допустимые типы: {allowed}.")
    return code


class _Municipalities:
    """Municipalities found by name or short name; the user's own win when names repeat across regions."""

    def __init__(self, user):
        self.managed = scope_of(user).managed_municipalities
        self.by_key: dict[str, list[Municipality]] = defaultdict(list)
        for m in Municipality.objects.all():
            for key in {name_key(m.name), name_key(m.short_name)} - {""}:
                self.by_key[key].append(m)
        managed = [] if self.managed is None else [m for ms in self.by_key.values() for m in ms if self.manages(m)]
        unique = {m.pk: m for m in managed}
        self.default = next(iter(unique.values())) if len(unique) == 1 else None

    def manages(self, municipality) -> bool:
        return self.managed is None or municipality.pk in self.managed

    def resolve(self, value: Any) -> Municipality | None:
        if value is None:
            return self.default
        text = _text(value)
        found = list({m.pk: m for m in self.by_key.get(name_key(text), [])}.values())
        if len(found) > 1:
            found = [m for m in found if self.manages(m)] or found
        if not found:
            raise ValidationError(f"Муниципалитет «{text}» не найден в справочнике.")
        if len(found) > 1:
            raise ValidationError(f"Муниципалитет «{text}» есть в нескольких субъектах РФ — укажите его точнее.")
        if not self.manages(found[0]):
            raise ValidationError(f"Вы не ведёте реестр муниципалитета «{found[0]}»: импорт в него недоступен.")
        return found[0]


def _clean_row(raw: RawRow, municipalities: _Municipalities) -> tuple[dict[str, Any], list[str]]:
    """Typed values of the filled cells (an empty cell is left out) and the reasons to reject the row."""
    values: dict[str, Any] = {}
    errors: list[str] = []
    failed: set[str] = set()
    cleaners = {
        "type": _clean_type,
        "inn": _clean_inn,
        "latitude": lambda v: _clean_coordinate(v, "Широта", 90),
        "longitude": lambda v: _clean_coordinate(v, "Долгота", 180),
        "email": _clean_email,
        "website": _clean_website,
    }
    for column in COLUMNS:
        key, value = column.key, raw.values.get(column.key)
        try:
            if key == "municipality":
                cleaned = municipalities.resolve(value)
            elif value is None:
                continue
            else:
                cleaned = cleaners.get(key, _text)(value)
            if column.max_length and isinstance(cleaned, str) and len(cleaned) > column.max_length:
                raise ValidationError(
                    f"Слишком длинное значение в столбце «{column.header}»: больше {column.max_length} знаков."
                )
        except ValidationError as error:
            errors.extend(error.messages)
            failed.add(key)
            continue
        if cleaned not in (None, ""):
            values[key] = cleaned
    if "full_name" not in values and "full_name" not in failed:
        errors.insert(0, "Не указано полное наименование организации.")
    if ("latitude" in values) != ("longitude" in values) and not failed & {"latitude", "longitude"}:
        errors.append("Укажите обе координаты — широту и долготу — или ни одной.")
    return values, errors


@dataclass
class Change:
    label: str
    old: Any
    new: Any


@dataclass
class RowPlan:
    number: int
    action: str
    full_name: str = ""
    short_name: str = ""
    municipality: Municipality | None = None
    inn: str = ""
    values: dict[str, Any] = field(default_factory=dict)  # what will be set on the organization
    organization: Organization | None = None  # the one updated
    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def type_label(self) -> str:
        return OrganizationType(self.values["type"]).label if "type" in self.values else ""


@dataclass
class ImportPlan:
    rows: list[RowPlan]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {a: self.count(a) for a in (CREATE, UPDATE, UNCHANGED, REJECT)}

    @property
    def to_save(self) -> list[RowPlan]:
        return [r for r in self.rows if r.action in (CREATE, UPDATE)]

    @property
    def digest(self) -> str:
        """Fingerprint of what confirming will do: a changed registry between preview and confirm changes it."""
        payload = [
            (
                r.number,
                r.action,
                r.organization.pk if r.organization else None,
                {k: v.pk if isinstance(v, Municipality) else str(v) for k, v in r.values.items()},
                [(c.label, c.old, c.new) for c in r.changes],
            )
            for r in self.rows
        ]
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


def _display(key: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if key == "type":
        return OrganizationType(value).label
    return str(value)


def _changes(organization: Organization, values: dict[str, Any]) -> list[Change]:
    changes = []
    for key, new in values.items():
        old = organization.municipality if key == "municipality" else getattr(organization, key)
        if key == "municipality":
            same = organization.municipality_id == new.pk
        elif isinstance(new, Decimal):
            same = old is not None and Decimal(old) == new
        else:
            same = (old or "") == new
        if not same:
            changes.append(Change(COLUMN_BY_KEY[key].header, _display(key, old), _display(key, new)))
    return changes


class _Registry:
    """The organizations a file may match, loaded in one query."""

    def __init__(self, cleaned: list[dict[str, Any]]):
        inns = {v["inn"] for v in cleaned if "inn" in v}
        municipality_ids = {v["municipality"].pk for v in cleaned if "municipality" in v}
        self.by_inn: dict[str, list[Organization]] = defaultdict(list)
        self.by_name: dict[tuple[int, str], list[Organization]] = defaultdict(list)
        if not inns and not municipality_ids:
            return
        found = Organization.objects.filter(Q(inn__in=inns) | Q(municipality_id__in=municipality_ids))
        for org in found.select_related("municipality").order_by("pk"):
            if org.inn:
                self.by_inn[org.inn].append(org)
            self.by_name[(org.municipality_id, name_key(org.full_name))].append(org)

    def match(self, values: dict[str, Any]) -> Organization | None:
        """By INN, else by full name within the municipality; ValidationError when it is ambiguous."""
        inn = values.get("inn")
        if inn:
            found = self.by_inn.get(inn, [])
            if len(found) > 1:
                raise ValidationError(f"В реестре несколько организаций с ИНН {inn}; исправьте реестр вручную.")
            if found:
                return found[0]
        municipality = values.get("municipality")
        if municipality is None:
            raise ValidationError("Не указан муниципалитет.")
        found = self.by_name.get((municipality.pk, name_key(values["full_name"])), [])
        if len(found) > 1:
            raise ValidationError(
                f"В муниципалитете «{municipality}» несколько организаций с таким наименованием; укажите ИНН."
            )
        if found and inn and found[0].inn and found[0].inn != inn:
            raise ValidationError(
                f"В реестре уже есть «{found[0].short_name}» с другим ИНН ({found[0].inn}). Проверьте ИНН в файле."
            )
        return found[0] if found else None


def _plan_row(raw: RawRow, values: dict[str, Any], registry: _Registry, municipalities) -> RowPlan:
    row = RowPlan(raw.number, REJECT, values=values)
    try:
        organization = registry.match(values)
    except ValidationError as error:
        row.errors = error.messages
        return row
    if organization is None:
        values.setdefault("short_name", values["full_name"][:255])
        values.setdefault("type", OrganizationType.SCHOOL)
        row.action = CREATE
        return row
    if not municipalities.manages(organization.municipality):
        row.errors = [
            f"Организация «{organization.short_name}» числится в реестре муниципалитета "
            f"«{organization.municipality}», который вы не ведёте."
        ]
        return row
    row.organization = organization
    row.changes = _changes(organization, values)
    row.action = UPDATE if row.changes else UNCHANGED
    return row


def plan_import(rows: list[RawRow], *, user) -> ImportPlan:
    """What importing these rows would do for this user, row by row, against the registry as it is now.

    Runs a fixed number of queries whatever the number of rows.
    """
    municipalities = _Municipalities(user)
    cleaned = [_clean_row(raw, municipalities) for raw in rows]
    registry = _Registry([values for values, errors in cleaned if not errors])
    seen: dict[tuple, int] = {}
    plans = []
    for raw, (values, errors) in zip(rows, cleaned, strict=True):
        if errors:
            row = RowPlan(raw.number, REJECT, values=values, errors=errors)
        else:
            row = _plan_row(raw, values, registry, municipalities)
        row.full_name = values.get("full_name") or _text(raw.values.get("full_name"))
        row.short_name = values.get("short_name", "")
        row.municipality = values.get("municipality") or (row.organization.municipality if row.organization else None)
        row.inn = values.get("inn") or _text(raw.values.get("inn"))
        keys = []
        if values.get("inn"):
            keys.append(("inn", values["inn"]))
        if row.municipality and values.get("full_name"):
            keys.append(("name", row.municipality.pk, name_key(values["full_name"])))
        if row.organization:
            keys.append(("organization", row.organization.pk))
        first = next((seen[k] for k in keys if k in seen), None)
        if first is not None:
            row.action, row.changes = REJECT, []
            row.errors = [*row.errors, f"Повторяет строку {first}: эта организация в файле уже есть."]
        for key in keys:
            seen.setdefault(key, raw.number)
        plans.append(row)
    return ImportPlan(plans)
