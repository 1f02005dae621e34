"""Reporting actions: each in one transaction, refusing an illegal step with a Russian ServiceError and changing
nothing. The report being moved is locked and read afresh, so two curators cannot accept and return it at once."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.errors import ServiceError
from innoinfra.core.uploads import check_upload
from innoinfra.council.enums import AgendaKind, MeetingState
from innoinfra.council.models import AgendaItem, Meeting
from innoinfra.council.services import add_agenda_item
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Municipality, Organization
from innoinfra.registry.enums import SiteState
from innoinfra.registry.models import Site

from . import notices
from .enums import (
    CAMPAIGN_TRANSITIONS,
    EDITABLE_STATES,
    NUMBER_TYPES,
    Audience,
    CampaignState,
    ItemKind,
    ReportState,
    ValueType,
)
from .facts import FACTS, facts_for
from .models import Answer, Campaign, FormItem, Report, ReportEvent, ReportForm, format_number

CAMPAIGN_FIELDS = ("title", "municipality", "region", "period_start", "period_end", "deadline", "audience")
ITEM_FIELDS = (
    "kind",
    "title",
    "hint",
    "code",
    "value_type",
    "unit",
    "min_value",
    "max_value",
    "options",
    "required",
    "allowed_types",
)


def _fresh(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


# ---------------------------------------------------------------- forms


def copy_form(source: ReportForm, *, title: str | None = None) -> ReportForm:
    form = ReportForm.objects.create(
        title=title or source.title, description=source.description, is_template=False, copied_from=source
    )
    items = list(source.items.order_by("position", "id"))
    for item in items:
        item.pk = None
        item.form = form
    FormItem.objects.bulk_create(items)
    return form


def _check_form_editable(form: ReportForm) -> Campaign | None:
    campaign = Campaign.objects.filter(form=form).first()
    if form.is_template:
        raise ServiceError("Готовую форму не меняют: скопируйте её в кампанию и меняйте копию.")
    if campaign is not None and not campaign.is_draft:
        raise ServiceError("Сбор отчётов уже начат: форму кампании изменить нельзя.")
    return campaign


def _clean_item(item: FormItem) -> None:
    item.title = (item.title or "").strip()
    item.code = (item.code or "").strip()
    if not item.title:
        raise ServiceError("Сформулируйте пункт формы.")
    if item.kind == ItemKind.INDICATOR:
        if item.value_type not in ValueType.values:
            raise ServiceError("Выберите тип значения показателя.")
        if item.value_type == ValueType.CHOICE:
            item.options = [str(o).strip() for o in item.options or [] if str(o).strip()]
            if len(item.options) < 2:
                raise ServiceError("Для выбора из списка укажите хотя бы два варианта ответа.")
        else:
            item.options = []
        if item.value_type not in NUMBER_TYPES:
            item.min_value = item.max_value = None
            item.unit = ""
        elif item.min_value is not None and item.max_value is not None and item.min_value > item.max_value:
            raise ServiceError("Наименьшее допустимое значение больше наибольшего.")
    else:
        item.value_type = ""
        item.unit = ""
        item.min_value = item.max_value = None
        item.options = []
    if item.kind == ItemKind.ATTACHMENT and not item.extensions:
        raise ServiceError("Укажите допустимые типы файлов, например .pdf, .docx.")
    if item.kind != ItemKind.ATTACHMENT:
        item.allowed_types = ""
    if item.code and FormItem.objects.filter(form=item.form, code=item.code).exclude(pk=item.pk).exists():
        raise ServiceError(f"Пункт с кодом «{item.code}» в форме уже есть: коды не повторяются.")


@transaction.atomic
def add_item(form: ReportForm, **fields) -> FormItem:
    _check_form_editable(form)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise ServiceError(f"Эти сведения пункта так не задаются: {', '.join(sorted(unknown))}.")
    last = FormItem.objects.filter(form=form).aggregate(last=Max("position"))["last"]
    item = FormItem(form=form, position=(last or 0) + 1, **fields)
    _clean_item(item)
    item.save()
    return item


@transaction.atomic
def update_item(item: FormItem, **fields) -> FormItem:
    _check_form_editable(item.form)
    for name, value in fields.items():
        if name not in ITEM_FIELDS:
            raise ServiceError(f"Поле «{name}» пункта так не меняется.")
        setattr(item, name, value)
    _clean_item(item)
    item.save()
    return item


@transaction.atomic
def delete_item(item: FormItem) -> None:
    _check_form_editable(item.form)
    item.delete()


@transaction.atomic
def move_item(item: FormItem, direction: str) -> None:
    """Swap with the neighbour above («up») or below («down»); positions are renumbered 1..n on the way."""
    _check_form_editable(item.form)
    items = list(FormItem.objects.select_for_update().filter(form=item.form).order_by("position", "id"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if target < 0 or target >= len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items, start=1):
        other.position = position
    FormItem.objects.bulk_update(items, ["position"])


# ---------------------------------------------------------------- campaigns


def _check_territory(by, region, municipality) -> None:
    scope = scope_of(by)
    if municipality is not None:
        if not scope.manages(municipality.pk):
            raise ServiceError("Кампанию проводят для своей территории: выберите муниципалитет, которым вы управляете.")
        return
    if region is None:
        raise ServiceError("Укажите муниципалитет или регион кампании.")
    if scope.managed_municipalities is None:
        return
    in_region = set(Municipality.objects.filter(region=region).values_list("pk", flat=True))
    if not in_region or not in_region <= scope.managed_municipalities:
        raise ServiceError("Кампанию на весь регион проводят те, кто управляет всеми его муниципалитетами.")


def _check_dates(campaign: Campaign) -> None:
    if campaign.period_start > campaign.period_end:
        raise ServiceError("Конец отчётного периода не может быть раньше его начала.")
    if campaign.deadline < campaign.period_start:
        raise ServiceError("Срок представления отчётов не может быть раньше начала отчётного периода.")


@transaction.atomic
def create_campaign(
    *,
    by,
    title: str,
    period_start,
    period_end,
    deadline,
    source: ReportForm,
    municipality=None,
    region=None,
    audience: str = Audience.SITES,
    site_kinds: Iterable = (),
) -> Campaign:
    if not (title or "").strip():
        raise ServiceError("Назовите кампанию.")
    region = municipality.region if municipality is not None else region
    _check_territory(by, region, municipality)
    site_kinds = list(site_kinds)
    if audience == Audience.SITE_KINDS and not site_kinds:
        raise ServiceError("Отметьте виды площадок, которые отчитываются.")
    campaign = Campaign(
        title=title.strip(),
        region=region,
        municipality=municipality,
        period_start=period_start,
        period_end=period_end,
        deadline=deadline,
        audience=audience,
        created_by=by,
    )
    _check_dates(campaign)
    campaign.form = copy_form(source)
    campaign._history_user = by
    campaign.save()
    campaign.site_kinds.set(site_kinds if audience == Audience.SITE_KINDS else [])
    return campaign


@transaction.atomic
def update_campaign(campaign: Campaign, *, by, site_kinds: Iterable | None = None, **fields) -> Campaign:
    campaign = _fresh(Campaign, campaign)
    if campaign.state == CampaignState.CLOSED:
        raise ServiceError("Кампания завершена: её сведения не меняются. Возобновите сбор, если нужно.")
    unknown = set(fields) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise ServiceError(f"Эти сведения кампании так не меняются: {', '.join(sorted(unknown))}.")
    if not campaign.is_draft:
        # reports already exist for the old territory, audience and period
        for name in ("municipality", "region", "audience", "period_start", "period_end"):
            if name in fields and fields[name] != getattr(campaign, name):
                raise ServiceError("Сбор отчётов начат: меняются только наименование и срок представления.")
        site_kinds = None
    for name, value in fields.items():
        setattr(campaign, name, value)
    if "municipality" in fields and campaign.municipality is not None:
        campaign.region = campaign.municipality.region
    if not (campaign.title or "").strip():
        raise ServiceError("Назовите кампанию.")
    _check_territory(by, campaign.region, campaign.municipality)
    _check_dates(campaign)
    if campaign.is_draft and campaign.audience == Audience.SITE_KINDS and site_kinds is not None and not site_kinds:
        raise ServiceError("Отметьте виды площадок, которые отчитываются.")
    campaign._history_user = by
    campaign.save()
    if site_kinds is not None:
        campaign.site_kinds.set(list(site_kinds) if campaign.audience == Audience.SITE_KINDS else [])
    return campaign


def territory_ids(campaign: Campaign) -> list[int]:
    if campaign.municipality_id:
        return [campaign.municipality_id]
    return list(Municipality.objects.filter(region_id=campaign.region_id).values_list("pk", flat=True))


def who_reports(campaign: Campaign) -> list[tuple[int, int | None, int]]:
    """(organization, site or None, municipality) of everyone the campaign asks for a report."""
    municipalities = territory_ids(campaign)
    if campaign.audience == Audience.ORGANIZATIONS:
        organizations = (
            Organization.objects.filter(municipality_id__in=municipalities, is_active=True)
            .exclude(type=OrganizationType.AUTHORITY)
            .values_list("pk", "municipality_id")
        )
        return [(pk, None, municipality) for pk, municipality in organizations]
    sites = Site.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=campaign.period_end),
        Q(end_date__isnull=True) | Q(end_date__gte=campaign.period_start),
        state=SiteState.ACTIVE,
        lead_organization__municipality_id__in=municipalities,
    )
    if campaign.audience == Audience.SITE_KINDS:
        sites = sites.filter(kind__in=campaign.site_kinds.all())
    rows = sites.values_list("lead_organization_id", "pk", "lead_organization__municipality_id")
    return [(org, site, municipality) for org, site, municipality in rows]


def _fact_answers(reports: list[Report], items: list[FormItem], facts: dict) -> list[Answer]:
    answers = []
    for report in reports:
        values = facts.get(report.organization_id, {})
        for item in items:
            if item.code in values:
                answers.append(Answer(report=report, item=item, number=Decimal(values[item.code])))
    return answers


def _fact_items(form_id: int) -> list[FormItem]:
    return list(
        FormItem.objects.filter(
            form_id=form_id, kind=ItemKind.INDICATOR, value_type__in=NUMBER_TYPES, code__in=list(FACTS)
        )
    )


@transaction.atomic
def change_campaign_state(campaign: Campaign, state: str, *, by) -> Campaign:
    campaign = _fresh(Campaign, campaign)
    if state not in CAMPAIGN_TRANSITIONS.get(campaign.state, set()):
        raise ServiceError(
            f"Кампанию в состоянии «{campaign.get_state_display()}» нельзя перевести в «{CampaignState(state).label}»."
        )
    created = 0
    if campaign.state == CampaignState.DRAFT:
        created = _create_reports(campaign, by=by)
    campaign.state = state
    if state == CampaignState.OPEN:
        campaign.opened_at = campaign.opened_at or timezone.now()
        campaign.closed_at = None
    else:
        campaign.closed_at = timezone.now()
    campaign._history_user = by
    campaign.save()
    campaign.reports_created = created
    return campaign


def _create_reports(campaign: Campaign, *, by) -> int:
    if not FormItem.objects.filter(form_id=campaign.form_id).exists():
        raise ServiceError("В форме отчёта нет ни одного пункта: добавьте разделы и показатели.")
    rows = who_reports(campaign)
    if not rows:
        raise ServiceError(
            "Отчитываться некому: на территории нет организаций или площадок, которые выбраны в кампании."
        )
    reports = [
        Report(campaign=campaign, organization_id=org, site_id=site, municipality_id=municipality)
        for org, site, municipality in rows
    ]
    reports = bulk_create_with_history(reports, Report, default_user=by)
    if any(report.pk is None for report in reports):  # backends that do not return ids
        reports = list(Report.objects.filter(campaign=campaign))
    now = timezone.now()
    ReportEvent.objects.bulk_create(
        ReportEvent(report=report, from_state="", to_state=ReportState.DRAFT, at=now, by=by) for report in reports
    )
    items = _fact_items(campaign.form_id)
    if items:
        facts = facts_for({r.organization_id for r in reports}, campaign.period_start, campaign.period_end)
        Answer.objects.bulk_create(_fact_answers(reports, items, facts))
        Report.objects.filter(campaign=campaign).update(prefilled_at=now)
    return len(reports)


# ---------------------------------------------------------------- answers


def field_name(item: FormItem) -> str:
    return f"item_{item.pk}"


def parse_value(item: FormItem, raw) -> dict:
    """The stored form of one answer (text / number / flag); raises ValidationError with a Russian message."""
    if item.is_section:
        return {"text": str(raw or "").strip()}
    raw = "" if raw is None else raw
    if item.value_type == ValueType.BOOLEAN:
        if raw in (True, False):
            return {"flag": raw}
        value = str(raw).strip().lower()
        if value in ("", "none"):
            return {"flag": None}
        if value in ("yes", "true", "1", "да"):
            return {"flag": True}
        if value in ("no", "false", "0", "нет"):
            return {"flag": False}
        raise ValidationError(f"«{item.title}»: ответьте «да» или «нет».")
    if item.value_type == ValueType.CHOICE:
        value = str(raw).strip()
        if value and value not in item.options:
            raise ValidationError(f"«{item.title}»: выберите один из вариантов ответа.")
        return {"text": value}
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not text:
        return {"number": None}
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError(f"«{item.title}»: введите число.")
    if item.value_type == ValueType.INTEGER and number != number.to_integral_value():
        raise ValidationError(f"«{item.title}»: введите целое число.")
    if abs(number) >= Decimal("1e10"):
        raise ValidationError(f"«{item.title}»: слишком большое число.")
    check_range(item, number)
    return {"number": number}


def check_range(item: FormItem, number: Decimal) -> None:
    unit = f" {item.unit}" if item.unit else ""

    def refuse(words: str, bound) -> None:
        message = f"«{item.title}»: значение не может быть {words} {format_number(bound, item.value_type)}{unit}"
        raise ValidationError(message if message.endswith(".") else f"{message}.")

    if item.min_value is not None and number < item.min_value:
        refuse("меньше", item.min_value)
    if item.max_value is not None and number > item.max_value:
        refuse("больше", item.max_value)


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ServiceError(errors)


def _store_answers(report: Report, values: dict, files: dict) -> None:
    """values and files are keyed by item id; an item not mentioned keeps its answer."""
    items = {item.pk: item for item in FormItem.objects.filter(form_id=report.campaign.form_id)}
    existing = {answer.item_id: answer for answer in Answer.objects.filter(report=report)}
    errors: dict[str, list[str]] = {}
    parsed = {}
    for key, raw in values.items():
        item = items.get(int(key))
        if item is None or item.is_attachment:
            continue
        try:
            parsed[item.pk] = parse_value(item, raw)
        except ValidationError as error:
            errors.setdefault(field_name(item), []).extend(error.messages)
    uploads = {}
    for key, upload in files.items():
        item = items.get(int(key))
        if item is None or not item.is_attachment or not upload:
            continue
        try:
            check_upload(upload, allowed=item.extensions)
        except ValidationError as error:
            errors.setdefault(field_name(item), []).extend(f"«{item.title}»: {m}" for m in error.messages)
        uploads[item.pk] = upload
    _raise(errors)
    new, changed = [], []
    for item_id, stored in parsed.items():
        answer = existing.get(item_id) or Answer(report=report, item_id=item_id)
        answer.text, answer.number, answer.flag = stored.get("text", ""), stored.get("number"), stored.get("flag")
        (changed if answer.pk else new).append(answer)
    Answer.objects.bulk_create(new)
    if changed:
        Answer.objects.bulk_update(changed, ["text", "number", "flag"])
    for item_id, upload in uploads.items():
        answer = existing.get(item_id) or Answer(report=report, item_id=item_id)
        answer.file = upload
        answer.save()


def missing_answers(report: Report) -> dict[str, list[str]]:
    """What stops the report from being submitted: unanswered required items, numbers out of range."""
    items = list(FormItem.objects.filter(form_id=report.campaign.form_id).order_by("position", "id"))
    answers = {answer.item_id: answer for answer in Answer.objects.filter(report=report)}
    errors: dict[str, list[str]] = {}
    for item in items:
        answer = answers.get(item.pk)
        if answer is None or answer.is_empty:
            if item.required:
                if item.is_attachment:
                    message = f"«{item.title}»: приложите файл."
                elif item.is_section:
                    message = f"«{item.title}»: раздел не заполнен."
                else:
                    message = f"«{item.title}»: укажите значение."
                errors[field_name(item)] = [message]
            continue
        if item.is_indicator and item.value_type in NUMBER_TYPES and answer.number is not None:
            try:
                check_range(item, answer.number)
            except ValidationError as error:
                errors[field_name(item)] = error.messages
    return errors


def _check_editable(report: Report) -> None:
    if report.state not in EDITABLE_STATES:
        raise ServiceError(f"Отчёт {report.get_state_display().lower()}: менять его ответы нельзя.")
    if report.campaign.state != CampaignState.OPEN:
        raise ServiceError("Сбор отчётов по кампании не идёт: отчёт не принимается.")


def _step(report: Report, to_state: str, *, by, remarks: str = "") -> ReportEvent:
    event = ReportEvent.objects.create(
        report=report, from_state=report.state, to_state=to_state, by=by, remarks=remarks
    )
    report.state = to_state
    return event


@transaction.atomic
def save_draft(report: Report, *, by, values: dict | None = None, files: dict | None = None) -> Report:
    report = _fresh(Report, report)
    _check_editable(report)
    _store_answers(report, values or {}, files or {})
    report._history_user = by
    report.save(update_fields=["updated_at"])
    return report


@transaction.atomic
def submit(report: Report, *, by, values: dict | None = None, files: dict | None = None) -> Report:
    """Save the last answers and submit; if anything is missing, nothing (not even those answers) is saved."""
    report = _fresh(Report, report)
    _check_editable(report)
    _store_answers(report, values or {}, files or {})
    _raise(missing_answers(report))
    now = timezone.now()
    if report.first_submitted_at is None:
        report.first_submitted_at = now
        report.submitted_late = timezone.localdate(now) > report.campaign.deadline
    report.submitted_at = now
    _step(report, ReportState.SUBMITTED, by=by)
    report._history_user = by
    report.save()
    notices.report_submitted(report)
    return report


@transaction.atomic
def accept(report: Report, *, by, remarks: str = "") -> Report:
    report = _fresh(Report, report)
    if report.state != ReportState.SUBMITTED:
        raise ServiceError("Принять можно только представленный отчёт.")
    report.accepted_at = timezone.now()
    report.remarks = (remarks or "").strip()
    event = _step(report, ReportState.ACCEPTED, by=by, remarks=report.remarks)
    report._history_user = by
    report.save()
    notices.report_decided(report, event)
    return report


@transaction.atomic
def return_report(report: Report, *, by, remarks: str) -> Report:
    report = _fresh(Report, report)
    if report.state != ReportState.SUBMITTED:
        raise ServiceError("Вернуть на доработку можно только представленный отчёт.")
    remarks = (remarks or "").strip()
    if not remarks:
        raise ServiceError("Напишите замечания: организация должна знать, что исправить.")
    if report.campaign.state != CampaignState.OPEN:
        raise ServiceError("Сбор отчётов завершён: возобновите кампанию, чтобы вернуть отчёт на доработку.")
    report.remarks = remarks
    event = _step(report, ReportState.RETURNED, by=by, remarks=remarks)
    report._history_user = by
    report.save()
    notices.report_decided(report, event)
    return report


@transaction.atomic
def prefill(report: Report, *, by) -> int:
    """Put the system's figures into the indicators with a fact's code; returns how many were filled."""
    report = _fresh(Report, report)
    _check_editable(report)
    items = _fact_items(report.campaign.form_id)
    if not items:
        raise ServiceError("В форме нет показателей, которые система может посчитать сама.")
    campaign = report.campaign
    facts = facts_for([report.organization_id], campaign.period_start, campaign.period_end)
    values = {item.pk: facts[report.organization_id][item.code] for item in items}
    _store_answers(report, values, {})
    report.prefilled_at = timezone.now()
    report._history_user = by
    report.save()
    return len(items)


# ---------------------------------------------------------------- council


def open_meetings_for(report: Report):
    """Planned meetings of councils of the site's territory, soonest first."""

    if report.site_id is None:
        return Meeting.objects.none()
    municipality_id = report.site.lead_organization.municipality_id
    return (
        Meeting.objects.filter(state=MeetingState.PLANNED, date__gte=timezone.localdate())
        .filter(Q(body__municipality_id=municipality_id) | Q(body__organization__municipality_id=municipality_id))
        .select_related("body")
        .order_by("date", "id")
    )


@transaction.atomic
def put_on_agenda(report: Report, meeting, *, by):
    report = Report.objects.select_related("site__kind", "site__lead_organization", "campaign", "organization").get(
        pk=report.pk
    )
    if report.state != ReportState.ACCEPTED or report.site_id is None:
        raise ServiceError("В повестку включают принятый отчёт площадки.")
    if not open_meetings_for(report).filter(pk=meeting.pk).exists():
        raise ServiceError("Выберите запланированное заседание совета территории площадки.")
    if AgendaItem.objects.filter(meeting=meeting, site_id=report.site_id).exists():
        raise ServiceError("Площадка уже есть в повестке этого заседания.")
    site = report.site
    title = (
        f"Об отчёте {site.kind.abbreviation or site.kind} {report.organization} «{site.theme}» "
        f"за период {report.campaign.period_label}"
    )
    return add_agenda_item(meeting, kind=AgendaKind.SITE, site=site, title=title)
