"""Calls: creating, copying (next year's call) and changing a call, its documents, publication and messages to
its applicants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from innoinfra.core.dates import shift_year, shift_years_in_text
from innoinfra.core.errors import ServiceError

from .. import notices
from ..models import Call, CallDocument, CallStage, Rubric
from ..passport import BY_CODE, default_form
from .stages import default_stages, set_stages


@transaction.atomic
def create_call(*, title: str, municipality, rubric: Rubric, by=None, start: dt.date | None = None, **fields) -> Call:
    site_kinds = fields.pop("site_kinds", ())
    panel = fields.pop("panel", ())
    call = Call(title=title.strip(), municipality=municipality, rubric=rubric, created_by=by, **fields)
    if not call.form_fields:
        call.form_fields = default_form(call.purpose)
    unknown = [code for code in call.form_fields if code not in BY_CODE]
    if unknown:
        raise ServiceError(f"Неизвестные поля заявки: {', '.join(unknown)}.")
    call.save()
    call.site_kinds.set(site_kinds)
    call.panel.set(panel)
    set_stages(call, default_stages(start or timezone.localdate()))
    return call


@transaction.atomic
def copy_call(call: Call, *, by=None, years: int = 1) -> Call:
    """Next year's call: same rubric, panel, form and settings; stages moved by a year; unpublished."""
    copy = Call.objects.get(pk=call.pk)
    copy.pk = None
    copy.title = shift_years_in_text(call.title, years)
    copy.is_published = False
    copy.decisions_released_at = None
    copy.copied_from = call
    copy.created_by = by
    copy.save()
    copy.site_kinds.set(call.site_kinds.all())
    copy.panel.set(call.panel.all())
    CallStage.objects.bulk_create(
        CallStage(
            call=copy,
            kind=s.kind,
            starts_on=shift_year(s.starts_on, years),
            ends_on=shift_year(s.ends_on, years),
            allows_submission=s.allows_submission,
            allows_scoring=s.allows_scoring,
            reveal_names=s.reveal_names,
            experts_see_other_reviews=s.experts_see_other_reviews,
            allows_decisions=s.allows_decisions,
        )
        for s in call.stages.all()
    )
    for document in call.documents.all():
        document.pk = None
        document.call = copy
        document.save()
    return copy


@transaction.atomic
def update_call(call: Call, *, site_kinds: Iterable | None = None, panel: Iterable | None = None, **fields) -> Call:
    """Change a call's settings; its timetable changes through set_stages, its publication through set_published."""
    unknown = set(fields) & {"is_published", "decisions_released_at", "copied_from", "created_by"}
    if unknown:
        raise ServiceError(f"Эти поля конкурса так не меняются: {', '.join(sorted(unknown))}.")
    if "title" in fields:
        fields["title"] = (fields["title"] or "").strip()
        if not fields["title"]:
            raise ServiceError("Укажите название конкурса.")
    for name, value in fields.items():
        setattr(call, name, value)
    call.save()
    if site_kinds is not None:
        call.site_kinds.set(list(site_kinds))
    if panel is not None:
        call.panel.set(list(panel))
    return call


@transaction.atomic
def add_document(call: Call, *, title: str, file=None, url: str = "") -> CallDocument:
    """A document of the call (its regulation, a form to fill in): an uploaded file or a link, listed last."""
    title = (title or "").strip()
    if not title:
        raise ServiceError("Укажите наименование документа.")
    if not file and not url:
        raise ServiceError("Приложите файл или укажите ссылку.")
    return CallDocument.objects.create(
        call=call, title=title, file=file or "", url=url or "", position=call.documents.count() + 1
    )


@transaction.atomic
def remove_document(document: CallDocument) -> None:
    document.delete()


@transaction.atomic
def message_applicants(call: Call, *, recipients: Iterable[tuple], subject: str, text: str) -> int:
    """Send one message to the chosen applicants — (person, application) pairs — in their notifications and mail;
    returns how many people it went to. Nothing is sent without a subject, a text and at least one recipient."""
    subject, text, recipients = (subject or "").strip(), (text or "").strip(), list(recipients)
    if not subject or not text:
        raise ServiceError("Укажите тему и текст сообщения.")
    if not recipients:
        raise ServiceError("Нет получателей: измените условия отбора.")
    notices.message_to_applicants(call, recipients, subject=subject, text=text)
    return len(recipients)


def set_published(call: Call, published: bool) -> Call:
    if published and not call.stages.exists():
        raise ServiceError("Перед публикацией задайте этапы конкурса.")
    call.is_published = published
    call.save(update_fields=["is_published"])
    return call
