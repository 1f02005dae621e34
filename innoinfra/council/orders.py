"""The order («приказ») that carries out a meeting's decisions: statuses for the recommended applications and the
outcomes of hearings of sites.

- The draft is a Word document on the installation's letterhead; until the order is entered in the registry its date
  and number are blanks («___»), afterwards the same text is printed with them and the QR code of the order's page.
- `issue_order` enters the signed order: the registry order, the sites, the applications' approval and the hearing
  outcomes, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError

from innoinfra.core.dates import numeric_date, shift_year
from innoinfra.core.docx_layout import (
    add_paragraph,
    add_qr,
    initials_surname,
    left_and_right,
    set_page,
    set_style,
    signature,
    split_name,
    to_bytes,
)
from innoinfra.core.errors import ServiceError
from innoinfra.core.models import InstallationSettings
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import BodyKind, Organization
from innoinfra.registry import services as registry_services
from innoinfra.registry.enums import SiteState
from innoinfra.registry.models import Order, order_number_key
from innoinfra.review import services as review_services
from innoinfra.review.enums import ApplicationState

from . import queries
from .enums import ORDER_OUTCOMES, MeetingState, Outcome
from .models import Decision, Meeting

LEGAL_BASIS = (
    "В соответствии со статьёй 20 Федерального закона от 29.12.2012 № 273-ФЗ «Об образовании в Российской "
    "Федерации», Порядком формирования и функционирования инновационной инфраструктуры в системе образования, "
    "утверждённым приказом Министерства науки и высшего образования Российской Федерации от 22.03.2019 № 21н"
)
# «на основании решения …» needs the body in the genitive case.
BODY_GENITIVE = {
    BodyKind.EXPERT_COUNCIL: "муниципального экспертного совета",
    BodyKind.MANAGEMENT_COUNCIL: "совета по управлению инновациями",
    BodyKind.CREATIVE_GROUP: "творческой группы",
    BodyKind.OTHER: "коллегиального органа",
}
BLANK_DATE = "«___» ____________ 20___ г."
BLANK_NUMBER = "№ _____"
BLANK_PERSON = "_______________________________"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


@dataclass
class Point:
    text: str
    subpoints: list[str] = field(default_factory=list)


@dataclass
class OrderContent:
    issuer: Organization | None
    issuer_name: str
    title: str
    preamble: str
    points: list[Point]
    signer_post: str
    signer_name: str


def authority_of(municipality) -> Organization | None:
    """The education authority of the territory, if the registry knows it."""
    if municipality is None:
        return None
    return (
        Organization.objects.filter(municipality=municipality, type=OrganizationType.AUTHORITY, is_active=True)
        .order_by("id")
        .first()
    )


def status_period(application, order_date: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """The period the application asked for, or the call's term counted from the order's date. A status begins no
    earlier than the order that grants it, however early the application hoped to start."""
    start = application.start_date or order_date
    if start and order_date and start < order_date:
        start = order_date
    end = application.end_date
    if end is None and start is not None:
        end = shift_year(start, application.call.status_years) - dt.timedelta(days=1)
    if start and end and end < start:
        raise ServiceError(
            f"Срок, на который просит статус заявка {application.label}, закончился до даты приказа "
            f"({numeric_date(end)}). Исправьте сроки реализации в заявке."
        )
    return start, end


def _years(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} год"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} года"
    return f"{n} лет"


def _period_text(application, order_date) -> str:
    start, end = status_period(application, order_date)
    if start and end:
        return f"с {numeric_date(start)} по {numeric_date(end)}"
    return f"на {_years(application.call.status_years)} со дня издания приказа"


def _application_line(decision: Decision, order_date) -> str:
    application = decision.agenda_item.application
    organization = application.lead_organization
    kind = application.site_kind.name if application.site_kind_id else "___"
    line = (
        f"{organization.full_name} ({organization.short_name}) — статус «{kind}», тема «{application.theme}», "
        f"срок {_period_text(application, order_date)}"
    )
    partners = [p.short_name for p in application.partners.all() if p.pk != organization.pk]
    if partners:
        line += f", в сетевом взаимодействии с {', '.join(partners)}"
    return line


def _enumerated(lines: list[str]) -> list[str]:
    """Items of a list end with «;», the last one with «.»."""
    return [f"{line}{'.' if index == len(lines) - 1 else ';'}" for index, line in enumerate(lines)]


def _site_line(decision: Decision) -> str:
    site = decision.agenda_item.site
    about = f"«{site.kind.name}» (организация — {site.lead_organization.full_name}, тема «{site.theme}»)"
    if decision.outcome == Outcome.EXTEND:
        return f"Продлить до {numeric_date(decision.new_end_date)} срок статуса {about}."
    if decision.outcome == Outcome.CHANGE_THEME:
        return f"Изменить тему инновационной деятельности площадки {about} на «{decision.new_theme}»."
    if decision.outcome == Outcome.TERMINATE:
        if decision.final_state == SiteState.COMPLETED:
            return f"Признать завершённой работу в статусе {about}."
        return f"Прекратить досрочно статус {about}."
    until = f" до {numeric_date(site.end_date)}" if site.end_date else ""
    return f"Продолжить работу в статусе {about}{until}."


def order_title(decisions: list[Decision]) -> str:
    kinds = {
        d.agenda_item.application.site_kind.name
        for d in decisions
        if d.outcome == Outcome.RECOMMEND and d.agenda_item.application.site_kind_id
    }
    recommends = any(d.outcome == Outcome.RECOMMEND for d in decisions)
    hearings = any(d.outcome != Outcome.RECOMMEND for d in decisions)
    parts = []
    if recommends:
        parts.append(
            f"о присвоении статуса «{next(iter(kinds))}»"
            if len(kinds) == 1
            else "о присвоении статуса структурных единиц инновационной инфраструктуры"
        )
    if hearings:
        parts.append("об итогах деятельности инновационных площадок")
    title = " и ".join(parts) or "об инновационной инфраструктуре"
    return title[0].upper() + title[1:]


def order_content(
    meeting: Meeting, decisions: list[Decision], *, order_date: dt.date | None = None, control_person: str = ""
) -> OrderContent:
    """The order's text from decisions in agenda order (see pending_decisions)."""
    body = meeting.body
    municipality = queries.municipality_of(body)
    issuer = authority_of(municipality)
    issuer_name = issuer.full_name if issuer else (municipality.name if municipality else body.name)
    genitive = BODY_GENITIVE.get(body.kind, "коллегиального органа")
    preamble = (
        f"{LEGAL_BASIS}, на основании решения {genitive} (протокол заседания от {numeric_date(meeting.date)} "
        f"№ {meeting.number or '___'})"
    )
    points = []
    recommended = [d for d in decisions if d.outcome == Outcome.RECOMMEND]
    if recommended:
        points.append(
            Point(
                "Присвоить статус структурной единицы инновационной инфраструктуры в системе образования "
                "следующим образовательным организациям:",
                _enumerated([_application_line(d, order_date) for d in recommended]),
            )
        )
    points += [Point(_site_line(d)) for d in decisions if d.outcome != Outcome.RECOMMEND]
    control_person = " ".join(control_person.split()) or BLANK_PERSON
    # «… Загуменнову Л. В.» already ends the sentence with the initial's full stop
    ending = "" if control_person.endswith(".") else "."
    points.append(Point(f"Контроль за исполнением приказа возложить на {control_person}{ending}"))
    signer_post = (issuer.head_position or "Руководитель") if issuer else "Руководитель"
    signer_name = initials_surname(*split_name(issuer.head_name)) if issuer and issuer.head_name else ""
    return OrderContent(
        issuer=issuer,
        issuer_name=issuer_name,
        title=order_title(decisions),
        preamble=preamble,
        points=points,
        signer_post=signer_post,
        signer_name=signer_name,
    )


def numbered(points: list[Point]):
    """(«1.», text), («1.1.», text) … as the order numbers its points."""
    for index, point in enumerate(points, start=1):
        yield f"{index}.", point.text
        for sub, text in enumerate(point.subpoints, start=1):
            yield f"{index}.{sub}.", text


def order_text(content: OrderContent) -> str:
    lines = [content.title, "", content.preamble, "", "ПРИКАЗЫВАЮ:"]
    lines += [f"{number} {text}" for number, text in numbered(content.points)]
    return "\n".join(lines)


def _base_document():
    """A new document, or the installation's letterhead with the text to follow it."""
    template = InstallationSettings.current().order_template
    if not template:
        document = Document()
        set_style(document)
        set_page(document)
        return document, False
    try:
        with template.open("rb") as handle:
            return Document(io.BytesIO(handle.read())), True
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, PackageNotFoundError) as error:
        raise ServiceError(
            "Бланк приказа из настроек системы не открывается как документ Word (.docx). "
            "Загрузите бланк заново или удалите его."
        ) from error


def order_docx(content: OrderContent, *, order=None, url: str = "") -> bytes:
    """With `order` (once entered in the registry) its date and number and a QR code of `url` are printed."""
    document, letterhead = _base_document()
    if not letterhead:
        add_paragraph(document, content.issuer_name, bold=True, align=CENTER)
        add_paragraph(document)
        add_paragraph(document, "ПРИКАЗ", bold=True, align=CENTER)
        add_paragraph(document)
    date = numeric_date(order.date) if order else BLANK_DATE
    left_and_right(document, date, f"№ {order.number}" if order else BLANK_NUMBER)
    add_paragraph(document)
    add_paragraph(document, content.title, bold=True)
    add_paragraph(document)
    add_paragraph(document, content.preamble, indent=True, align=JUSTIFY)
    add_paragraph(document)
    add_paragraph(document, "ПРИКАЗЫВАЮ:")
    add_paragraph(document)
    for number, text in numbered(content.points):
        add_paragraph(document, f"{number} {text}", indent=True, align=JUSTIFY)
    add_paragraph(document)
    add_paragraph(document)
    signature(document, content.signer_post, content.signer_name)
    if order is not None and url:
        add_qr(document, url, caption="Приказ в реестре")
    return to_bytes(document)


# ---------------------------------------------------------------- entering the order


def pending_decisions(meeting: Meeting) -> list[Decision]:
    """Decisions of the meeting an order has yet to carry out, in agenda order."""
    return list(queries.decisions_of(meeting).filter(outcome__in=ORDER_OUTCOMES, order__isnull=True))


def _not_recommended(meeting: Meeting) -> list[Decision]:
    return list(
        queries.decisions_of(meeting).filter(
            outcome=Outcome.NOT_RECOMMEND, agenda_item__application__state=ApplicationState.NOT_RECOMMENDED
        )
    )


@dataclass(frozen=True)
class OrderPlan:
    """What entering the order will do, computed from the same decisions `issue_order` carries out: the page shows
    it before «Внести приказ» is confirmed, and `key` lets the service refuse when the decisions changed since."""

    created: list[str]
    changed: list[str]
    ended: list[str]
    kept: list[str]
    rejected: list[str]
    key: str

    @property
    def empty(self) -> bool:
        return not (self.created or self.changed or self.ended or self.kept or self.rejected)


def _site_name(site) -> str:
    return f"«{site.kind.name}» {site.lead_organization.short_name} (тема «{site.theme}»)"


def _check_issuable(meeting: Meeting, date: dt.date) -> None:
    if meeting.state != MeetingState.HELD:
        raise ServiceError("Приказ издаётся по итогам проведённого заседания: сначала отметьте заседание проведённым.")
    if date < meeting.date:
        raise ServiceError("Приказ не может быть издан раньше заседания, решения которого он исполняет.")


def plan_order(meeting: Meeting, *, date: dt.date | None = None, reject_not_recommended: bool = True) -> OrderPlan:
    """The registry changes an order of `date` would make for the meeting's pending decisions (a dry run, with the
    refusals `issue_order` would give for that date)."""
    if date is not None:
        _check_issuable(meeting, date)
    created, changed, ended, kept = [], [], [], []
    decisions = pending_decisions(meeting)
    for decision in decisions:
        item = decision.agenda_item
        if decision.outcome == Outcome.RECOMMEND:
            application = item.application
            kind = application.site_kind.name if application.site_kind_id else "статус не указан"
            created.append(
                f"«{kind}» {application.lead_organization.short_name} (заявка {application.label}, тема "
                f"«{application.theme}», срок {_period_text(application, date)})"
            )
        elif decision.outcome == Outcome.EXTEND:
            until = numeric_date(decision.new_end_date)
            changed.append(f"{_site_name(item.site)}: срок статуса продлевается до {until}")
        elif decision.outcome == Outcome.CHANGE_THEME:
            changed.append(f"{_site_name(item.site)}: новая тема «{decision.new_theme}»")
        elif decision.outcome == Outcome.TERMINATE:
            completed = decision.final_state == SiteState.COMPLETED
            how = "работа завершается" if completed else "статус прекращается досрочно"
            ended.append(f"{_site_name(item.site)}: {how}")
        else:
            kept.append(f"{_site_name(item.site)}: продолжает работу, в реестре ничего не меняется")
    rejected = _not_recommended(meeting) if reject_not_recommended else []
    rejected_lines = [
        f"заявка {d.agenda_item.application.label} {d.agenda_item.application.lead_organization.short_name} "
        f"(тема «{d.agenda_item.application.theme}»)"
        for d in rejected
    ]
    key = ",".join(str(d.pk) for d in decisions) + "|" + ",".join(str(d.pk) for d in rejected)
    return OrderPlan(created, changed, ended, kept, rejected_lines, key)


def _carry_out(decision: Decision, order, *, by) -> None:
    item = decision.agenda_item
    reason = f"Приказ от {numeric_date(order.date)} № {order.number}"
    if decision.outcome == Outcome.RECOMMEND:
        application = item.application
        if application.site_kind_id is None:
            raise ServiceError(f"В заявке {application.label} не указан испрашиваемый статус.")
        start, end = status_period(application, order.date)
        site = registry_services.create_site(
            kind=application.site_kind,
            theme=application.theme,
            lead_organization=application.lead_organization,
            order=order,
            by=by,
            participants=list(application.partners.all()),
            supervisor=application.supervisor,
            start_date=start,
            end_date=end,
        )
        review_services.approve_by_order(application, order=order, site=site, by=by)
        return
    site = item.site
    if decision.outcome == Outcome.EXTEND:
        site._change_reason = f"{reason}: продлён срок статуса"
        registry_services.update_site(site, by=by, end_date=decision.new_end_date)
    elif decision.outcome == Outcome.CHANGE_THEME:
        site._change_reason = f"{reason}: изменена тема"
        registry_services.update_site(site, by=by, theme=decision.new_theme)
    elif decision.outcome == Outcome.TERMINATE:
        registry_services.change_site_state(
            site, decision.final_state or SiteState.REVOKED, by=by, date=order.date, order=order, comment=reason
        )


@transaction.atomic
def issue_order(
    meeting: Meeting,
    *,
    number: str,
    date: dt.date,
    by,
    reject_not_recommended: bool = True,
    control_person: str = "",
    expected_plan: str | None = None,
):
    """Enter the order that carries out the meeting's decisions, all in one transaction: the registry order, a site
    for each recommended application (which becomes approved), the hearing outcomes on sites, and, if asked, the
    rejection of the applications the council did not recommend. Any refusal rolls everything back.

    `expected_plan` is the `OrderPlan.key` the user confirmed: if the decisions changed meanwhile, nothing is done."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("body__municipality", "body__organization__municipality")
        .get(pk=meeting.pk)
    )
    _check_issuable(meeting, date)
    decisions = pending_decisions(meeting)
    if not decisions:
        # Most often the same order sent twice (a double click, a second tab): name it, so the user sees it was done.
        same = Order.objects.filter(
            decisions__agenda_item__meeting=meeting, number_key=order_number_key(number), date=date
        ).first()
        if same is not None:
            raise registry_services.already_entered(same)
        raise ServiceError("Решений, которые исполняются приказом, нет: приказ уже издан или не требуется.")
    if expected_plan is not None:
        plan = plan_order(meeting, date=date, reject_not_recommended=reject_not_recommended)
        if plan.key != expected_plan:
            raise ServiceError(
                "Решения заседания изменились после того, как вы открыли подтверждение: проверьте заново, что "
                "будет сделано по приказу."
            )
    control_person = " ".join(control_person.split())[:300]
    content = order_content(meeting, decisions, order_date=date, control_person=control_person)
    order = registry_services.create_order(
        number=number,
        date=date,
        title=content.title[:500],
        by=by,
        municipality=queries.municipality_of(meeting.body),
        issuer=content.issuer,
        issuer_name=content.issuer_name[:500],
        text=order_text(content),
        control_person=control_person,
    )
    for decision in decisions:
        _carry_out(decision, order, by=by)
    Decision.objects.filter(pk__in=[d.pk for d in decisions]).update(order=order)
    if reject_not_recommended:
        for decision in _not_recommended(meeting):
            review_services.reject(
                decision.agenda_item.application,
                by=by,
                comment=f"Не рекомендована советом (протокол от {numeric_date(meeting.date)} № {meeting.number}).",
            )
    return order
