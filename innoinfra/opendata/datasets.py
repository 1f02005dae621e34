"""The open data sets: what each publishes, field by field, and which rows.

A set is described once here; the CSV and JSON files, their structure files, the passports and the list of sets are
all read from these descriptions (publishing.py), so a field cannot appear in the data and be missing from the
structure. Only what the public pages already show is published: registry sites and organizations, events announced
to the public, published practices, normative documents. Nothing about private persons beyond the names those pages
show (a practice's authors, a school's head); e-mails and telephones only of organizations, never of people.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone

from innoinfra.events.enums import EventFormat, EventState
from innoinfra.events.models import Event
from innoinfra.events.queries import PUBLIC_LIST_STATES
from innoinfra.legal.models import LegalDocument
from innoinfra.practices.enums import Licence, PracticeKind, PracticeState
from innoinfra.practices.models import Practice
from innoinfra.practices.queries import published
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Organization
from innoinfra.registry.enums import Level
from innoinfra.registry.models import Site, SiteParticipant

# A value is computed from the row and the site's origin («https://inno.example.ru»), for links to the pages.
Getter = Callable[[Any, str], Any]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(\+7|8)?[\s(-]*\d{3,4}[\s)-]*\d{2,3}[\s-]*\d{2}[\s-]*\d{2}")


def without_contacts(text: str) -> str:
    """A person's line as the public reads it, less an e-mail or a telephone someone typed into it."""
    text = _PHONE.sub("", _EMAIL.sub("", text or ""))
    return re.sub(r"(\s*,\s*)+", ", ", text).strip(" ,")


def _day(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.isoformat()


def _moment(value: dt.datetime | None) -> str:
    return timezone.localtime(value).isoformat(timespec="minutes") if value else ""


def _link(obj, origin: str) -> str:
    return origin + obj.get_absolute_url()


def _label(choices, value) -> str:
    return choices(value).label if value in choices.values else (value or "")


@dataclass(frozen=True)
class Field:
    name: str  # the column header, in English, as the recommendations ask
    english: str
    russian: str
    format: str  # string | integer | number | date | datetime | boolean | url
    value: Getter


@dataclass(frozen=True)
class Dataset:
    code: str  # the second half of the identifier, after the publisher's INN
    title: str
    description: str
    subject: str  # key words
    created: dt.date  # first published
    structure: dt.date  # the version of the field list: a new one gets a new date and a new structure file
    fields: tuple[Field, ...]
    rows: Callable[[], QuerySet]  # the public rows with everything they show, in a stable order
    changed: Callable[[], QuerySet]  # the rows whose `updated_at` dates the set (an index serves Max on it)

    @property
    def identifier(self) -> str:
        return f"{settings.OPENDATA['PUBLISHER_INN']}-{self.code}"

    def modified(self) -> dt.date:
        """The day of the latest change of the set's rows: one Max over an indexed column, not a read of the rows.
        An empty set dates from its creation."""
        latest = self.changed().aggregate(latest=Max("updated_at"))["latest"]
        return timezone.localtime(latest).date() if latest else self.created


def _sites() -> QuerySet:
    return (
        Site.objects.with_list_data()
        .prefetch_related(
            Prefetch("participants", queryset=SiteParticipant.objects.select_related("organization").order_by("id"))
        )
        .order_by("id")
    )


def _participants(site: Site) -> str:
    return "; ".join(
        p.organization.short_name for p in site.participants.all() if p.organization_id != site.lead_organization_id
    )


SITES = Dataset(
    code="innovationsites",
    title="Реестр инновационной инфраструктуры образования",
    description="Инновационные, апробационные и опорные площадки, центры и другие структурные единицы "
    "инновационной инфраструктуры: организация, тема, период и основание (приказ).",
    subject="инновационная площадка, инновационная инфраструктура, образование, реестр",
    created=dt.date(2026, 12, 7),
    structure=dt.date(2026, 12, 7),
    fields=(
        Field("id", "Identifier", "Идентификатор площадки", "integer", lambda s, o: s.pk),
        Field("kind", "Kind of unit", "Вид структурной единицы", "string", lambda s, o: s.kind.name),
        Field("level", "Level", "Уровень", "string", lambda s, o: _label(Level, s.kind.level)),
        Field(
            "subsystem",
            "Subsystem",
            "Подсистема",
            "string",
            lambda s, o: s.kind.subsystem.name if s.kind.subsystem else "",
        ),
        Field("theme", "Theme", "Тема", "string", lambda s, o: s.theme),
        Field(
            "organization",
            "Lead organization",
            "Ведущая организация",
            "string",
            lambda s, o: s.lead_organization.full_name,
        ),
        Field(
            "organization_inn",
            "Lead organization INN",
            "ИНН ведущей организации",
            "string",
            lambda s, o: s.lead_organization.inn,
        ),
        Field("participants", "Other participants", "Другие участники", "string", lambda s, o: _participants(s)),
        Field(
            "municipality",
            "Municipality",
            "Муниципальное образование",
            "string",
            lambda s, o: s.lead_organization.municipality.name,
        ),
        Field(
            "region",
            "Region",
            "Субъект Российской Федерации",
            "string",
            lambda s, o: s.lead_organization.municipality.region.name,
        ),
        Field(
            "directions",
            "Directions",
            "Направления",
            "string",
            lambda s, o: "; ".join(d.name for d in s.directions.all()),
        ),
        Field("start_date", "Start of the period", "Начало периода", "date", lambda s, o: _day(s.start_date)),
        Field("end_date", "End of the period", "Окончание периода", "date", lambda s, o: _day(s.end_date)),
        Field("state", "State", "Состояние", "string", lambda s, o: s.state_label),
        Field(
            "cycle_stage",
            "Stage of the innovation cycle",
            "Этап инновационного цикла",
            "string",
            lambda s, o: s.get_cycle_stage_display(),
        ),
        Field("order_number", "Order number", "Номер приказа", "string", lambda s, o: s.order.number),
        Field("order_date", "Order date", "Дата приказа", "date", lambda s, o: _day(s.order.date)),
        Field("url", "Page", "Страница площадки", "url", _link),
    ),
    rows=_sites,
    changed=lambda: Site.objects.all(),
)

ORGANIZATIONS = Dataset(
    code="organizations",
    title="Образовательные организации",
    description="Организации системы образования, участвующие в инновационной деятельности: наименования, ИНН, "
    "адрес, координаты, руководитель и контакты организации.",
    subject="образовательная организация, школа, детский сад, адрес, контакты",
    created=dt.date(2026, 12, 7),
    structure=dt.date(2026, 12, 7),
    fields=(
        Field("id", "Identifier", "Идентификатор организации", "integer", lambda g, o: g.pk),
        Field("full_name", "Full name", "Полное наименование", "string", lambda g, o: g.full_name),
        Field("short_name", "Short name", "Краткое наименование", "string", lambda g, o: g.short_name),
        Field("type", "Type", "Тип", "string", lambda g, o: _label(OrganizationType, g.type)),
        Field("inn", "INN", "ИНН", "string", lambda g, o: g.inn),
        Field("municipality", "Municipality", "Муниципальное образование", "string", lambda g, o: g.municipality.name),
        Field("region", "Region", "Субъект Российской Федерации", "string", lambda g, o: g.municipality.region.name),
        Field("address", "Address", "Адрес", "string", lambda g, o: g.address),
        Field("latitude", "Latitude", "Широта", "number", lambda g, o: g.latitude),
        Field("longitude", "Longitude", "Долгота", "number", lambda g, o: g.longitude),
        Field("head_name", "Head", "Руководитель", "string", lambda g, o: g.head_name),
        Field("head_position", "Head's position", "Должность руководителя", "string", lambda g, o: g.head_position),
        # the organization's own published contacts (its reception), as on its public page
        Field("phone", "Telephone of the organization", "Телефон организации", "string", lambda g, o: g.phone),
        Field("email", "E-mail of the organization", "Электронная почта организации", "string", lambda g, o: g.email),
        Field("website", "Website", "Сайт", "url", lambda g, o: g.website),
        Field("is_active", "Operating", "Действующая", "boolean", lambda g, o: g.is_active),
        Field("url", "Page", "Страница организации", "url", _link),
    ),
    rows=lambda: Organization.objects.select_related("municipality__region").order_by("id"),
    changed=lambda: Organization.objects.all(),
)

EVENTS = Dataset(
    code="events",
    title="Мероприятия инновационной инфраструктуры",
    description="Семинары, конференции, курсы и другие мероприятия, объявленные для всех: форма, сроки, место, "
    "организатор. Черновики не публикуются.",
    subject="мероприятие, семинар, конференция, повышение квалификации",
    created=dt.date(2026, 12, 7),
    structure=dt.date(2026, 12, 7),
    fields=(
        Field("id", "Identifier", "Идентификатор мероприятия", "integer", lambda e, o: e.pk),
        Field("title", "Title", "Название", "string", lambda e, o: e.title),
        Field("format", "Format", "Форма проведения", "string", lambda e, o: _label(EventFormat, e.format)),
        Field("state", "State", "Состояние", "string", lambda e, o: _label(EventState, e.state)),
        Field("starts_at", "Start", "Начало", "datetime", lambda e, o: _moment(e.starts_at)),
        Field("ends_at", "End", "Окончание", "datetime", lambda e, o: _moment(e.ends_at)),
        Field("place", "Place", "Место проведения", "string", lambda e, o: e.place),
        Field("online", "Held online", "Проводится дистанционно", "boolean", lambda e, o: bool(e.online_url)),
        Field("organizer", "Organizer", "Организатор", "string", lambda e, o: e.organizer.full_name),
        Field("municipality", "Municipality", "Муниципальное образование", "string", lambda e, o: e.municipality.name),
        Field("audience", "Audience", "Целевая аудитория", "string", lambda e, o: e.audience),
        Field("hours", "Academic hours", "Объём, академических часов", "integer", lambda e, o: e.hours),
        Field("description", "Description", "Описание", "string", lambda e, o: e.description),
        Field("url", "Page", "Страница мероприятия", "url", _link),
    ),
    rows=lambda: (
        Event.objects.filter(state__in=PUBLIC_LIST_STATES)
        .select_related("organizer", "municipality")
        .order_by("starts_at", "id")
    ),
    changed=lambda: Event.objects.filter(state__in=PUBLIC_LIST_STATES),
)

PRACTICES = Dataset(
    code="practices",
    title="Банк данных инновационных практик",
    description="Опубликованные практики банка данных: название, вид, авторы, организация, аннотация, "
    "направления и лицензия. Черновики и практики на модерации не публикуются.",
    subject="инновационная практика, банк данных, методическая разработка, образовательная программа",
    created=dt.date(2026, 12, 7),
    structure=dt.date(2026, 12, 7),
    fields=(
        Field("id", "Identifier", "Идентификатор практики", "integer", lambda p, o: p.pk),
        Field(
            "registry_number",
            "Number in the data bank",
            "Номер в банке данных",
            "string",
            lambda p, o: p.registry_number,
        ),
        Field("title", "Title", "Название", "string", lambda p, o: p.title),
        Field("kind", "Kind", "Вид", "string", lambda p, o: _label(PracticeKind, p.kind)),
        Field("authors", "Authors", "Авторы", "string", lambda p, o: "; ".join(map(without_contacts, p.author_lines))),
        Field("organization", "Organization", "Организация", "string", lambda p, o: p.organization.full_name),
        Field("municipality", "Municipality", "Муниципальное образование", "string", lambda p, o: p.municipality.name),
        Field(
            "directions",
            "Directions",
            "Направления",
            "string",
            lambda p, o: "; ".join(d.name for d in p.directions.all()),
        ),
        Field("levels", "Levels of education", "Уровни образования", "string", lambda p, o: "; ".join(p.level_labels)),
        Field("keywords", "Key words", "Ключевые слова", "string", lambda p, o: p.keywords),
        Field("annotation", "Annotation", "Аннотация", "string", lambda p, o: p.annotation),
        Field("licence", "Licence", "Лицензия", "string", lambda p, o: _label(Licence, p.licence)),
        Field("published_at", "Published", "Дата публикации", "date", lambda p, o: _day(p.published_at)),
        Field("url", "Page", "Страница практики", "url", _link),
    ),
    rows=lambda: published().prefetch_related("directions").order_by("id"),
    # a withdrawn practice leaves the set: its withdrawal is a change of the set too
    changed=lambda: Practice.objects.filter(
        state__in=(PracticeState.PUBLISHED, PracticeState.WITHDRAWN), revision_of__isnull=True
    ),
)

DOCUMENTS = Dataset(
    code="normativedocuments",
    title="Нормативные документы об инновационной деятельности",
    description="Федеральные, региональные, муниципальные и локальные нормативные документы, регулирующие "
    "инновационную деятельность в образовании: вид, реквизиты, статус, ссылка на официальный текст.",
    subject="нормативный документ, приказ, положение, инновационная деятельность",
    created=dt.date(2026, 12, 7),
    structure=dt.date(2026, 12, 7),
    fields=(
        Field("id", "Identifier", "Идентификатор документа", "integer", lambda d, o: d.pk),
        Field("level", "Level", "Уровень", "string", lambda d, o: d.get_level_display()),
        Field("doc_type", "Kind of document", "Вид документа", "string", lambda d, o: d.get_doc_type_display()),
        Field("issuer", "Issued by", "Кем принят", "string", lambda d, o: d.issuer),
        Field("number", "Number", "Номер", "string", lambda d, o: d.number),
        Field("date", "Date", "Дата принятия", "date", lambda d, o: _day(d.date)),
        Field("title", "Title", "Наименование", "string", lambda d, o: d.title),
        Field("summary", "Summary", "Краткое содержание", "string", lambda d, o: d.summary),
        Field("status", "Status", "Статус", "string", lambda d, o: d.get_status_display()),
        Field(
            "municipality",
            "Municipality",
            "Муниципальное образование",
            "string",
            lambda d, o: d.municipality.name if d.municipality else "",
        ),
        Field("official_url", "Official text", "Официальная ссылка", "url", lambda d, o: d.url),
        Field("url", "Page", "Страница документа", "url", _link),
    ),
    rows=lambda: LegalDocument.objects.select_related("municipality").order_by("id"),
    changed=lambda: LegalDocument.objects.all(),
)

DATASETS: tuple[Dataset, ...] = (SITES, ORGANIZATIONS, EVENTS, PRACTICES, DOCUMENTS)


def find(identifier: str) -> Dataset | None:
    return next((dataset for dataset in DATASETS if dataset.identifier == identifier), None)
