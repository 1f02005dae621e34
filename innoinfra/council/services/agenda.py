"""The agenda of a meeting: its items (an application, a site, another question) with their default titles."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from innoinfra.core.errors import ServiceError

from .. import queries
from ..enums import AgendaKind
from ..models import AgendaItem, Decision, Meeting
from ._common import check_editable

AGENDA_FIELDS = ("kind", "title", "application", "site", "invited", "heard", "spoke")


def default_title(kind: str, application=None, site=None) -> str:
    if kind == AgendaKind.APPLICATION and application is not None:
        status = f"«{application.site_kind.name}» " if application.site_kind_id else ""
        return (
            f"О присвоении статуса {status}{application.lead_organization.short_name} "
            f"(заявка {application.label}, тема «{application.theme}»)"
        )
    if kind == AgendaKind.SITE and site is not None:
        return (
            f"Об итогах деятельности площадки «{site.kind.name}» {site.lead_organization.short_name} "
            f"(тема «{site.theme}»)"
        )
    return ""


def _check_item(meeting: Meeting, item: AgendaItem) -> None:
    municipality_id = queries.municipality_id_of(meeting.body)
    if item.kind == AgendaKind.APPLICATION:
        if item.application is None:
            raise ServiceError("Выберите заявку, которую рассматривает совет.")
        call = item.application.call
        if call.municipality_id != municipality_id or (call.body_id and call.body_id != meeting.body_id):
            raise ServiceError("Эта заявка подана в конкурс другой территории или другого совета.")
        item.site = None
    elif item.kind == AgendaKind.SITE:
        if item.site is None:
            raise ServiceError("Выберите площадку, которую заслушивает совет.")
        if item.site.lead_organization.municipality_id != municipality_id:
            raise ServiceError("Эта площадка относится к другой территории.")
        item.application = None
    else:
        item.application = item.site = None
    item.title = (item.title or "").strip() or default_title(item.kind, item.application, item.site)
    if not item.title:
        raise ServiceError("Сформулируйте вопрос повестки.")


@transaction.atomic
def add_agenda_item(meeting: Meeting, *, kind: str, title: str = "", **fields) -> AgendaItem:
    check_editable(meeting)
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"]
    item = AgendaItem(meeting=meeting, kind=kind, title=title, position=(last or 0) + 1, **fields)
    _check_item(meeting, item)
    item.save()
    return item


@transaction.atomic
def update_agenda_item(item: AgendaItem, **fields) -> AgendaItem:
    meeting = item.meeting
    check_editable(meeting)
    decision = Decision.objects.filter(agenda_item=item).first()
    for name in ("kind", "application", "site"):
        if decision and name in fields and fields[name] != getattr(item, name):
            raise ServiceError("По вопросу уже принято решение: заявку или площадку в нём заменить нельзя.")
    for name, value in fields.items():
        if name not in AGENDA_FIELDS:
            raise ServiceError(f"Поле «{name}» вопроса повестки так не меняется.")
        setattr(item, name, value)
    _check_item(meeting, item)
    item.save()
    return item


@transaction.atomic
def delete_agenda_item(item: AgendaItem) -> None:
    check_editable(item.meeting)
    if Decision.objects.filter(agenda_item=item).exists():
        raise ServiceError("По вопросу уже принято решение: удалить его из повестки нельзя.")
    item.delete()
