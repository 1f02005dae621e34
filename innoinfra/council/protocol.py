"""The protocol of a meeting as a Word document with the requisites of ГОСТ Р 7.0.97-2025: the body, «ПРОТОКОЛ»,
date and number, place, chair and secretary, who was present (with more than ten people, their count and an
attached list), the agenda, «СЛУШАЛИ / ВЫСТУПИЛИ / РЕШИЛИ» with the votes, signatures and the QR code."""

from __future__ import annotations

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from innoinfra.core.dates import numeric_date
from innoinfra.core.docx_layout import (
    add_paragraph,
    add_qr,
    initials_surname,
    labelled,
    left_and_right,
    page_break,
    person_parts,
    set_page,
    set_style,
    signature,
    surname_initials,
    to_bytes,
)
from innoinfra.core.numerals import numeral

from . import queries
from .enums import VoteChoice, VotingMode
from .models import Attendee, Decision, Meeting, Vote

# With more people present the protocol gives their count and attaches the list.
LISTED_IN_TEXT = 10
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def short(attendee: Attendee) -> str:
    return surname_initials(*person_parts(attendee.user, attendee.name))


def votes_line(decision: Decision) -> str:
    if decision.mode == VotingMode.CONSENSUS:
        return "Решение принято единогласно."
    line = (
        f"Голосовали: «За» – {decision.votes_for}, «Против» – {decision.votes_against}, "
        f"«Воздержались» – {decision.votes_abstained}."
    )
    return line if decision.adopted else f"{line} Решение не принято."


def _roll_call(document, votes: list[Vote]) -> None:
    """The members' votes by name, the recusals with their reasons, and the dissenting opinions attached."""
    add_paragraph(document, "Поимённое голосование:")
    for vote in votes:
        line = f"{vote.attendee.name} — {vote.get_choice_display()}"
        if vote.choice == VoteChoice.RECUSED:
            line += f" ({vote.recusal_reason})"
        add_paragraph(document, line + ";", indent=True).alignment = JUSTIFY
    recused = sum(1 for vote in votes if vote.choice == VoteChoice.RECUSED)
    if recused:
        add_paragraph(
            document,
            f"Заявили самоотвод и в голосовании не участвовали: {numeral(recused, 'член,члена,членов')} органа.",
        )
    for vote in votes:
        if vote.dissent.strip():
            labelled(document, f"Особое мнение ({short(vote.attendee)}):", vote.dissent.strip())


def _people(document, meeting: Meeting, attendees: list[Attendee]) -> bool:
    """Chair, secretary and who was present; returns whether the list goes to an attachment."""
    chair = surname_initials(*person_parts(meeting.chair)) if meeting.chair else "—"
    secretary = surname_initials(*person_parts(meeting.secretary)) if meeting.secretary else "—"
    add_paragraph(document, f"Председатель — {chair}")
    add_paragraph(document, f"Секретарь — {secretary}")
    present = [a for a in attendees if a.present]
    if len(present) > LISTED_IN_TEXT:
        add_paragraph(document, f"Присутствовали: {len(present)} чел. (список прилагается)")
        return True
    members = [short(a) for a in present if a.is_member]
    invited = [short(a) for a in present if not a.is_member]
    add_paragraph(document, f"Присутствовали: {', '.join(members) or '—'}").alignment = JUSTIFY
    if invited:
        add_paragraph(document, f"Приглашённые: {', '.join(invited)}").alignment = JUSTIFY
    return False


def _agenda(document, agenda) -> None:
    add_paragraph(document)
    add_paragraph(document, "ПОВЕСТКА ДНЯ:", bold=True)
    for number, item in enumerate(agenda, start=1):
        add_paragraph(document, f"{number}. {item.title}", indent=True).alignment = JUSTIFY
        if item.invited:
            add_paragraph(document, f"Приглашены: {' '.join(item.invited.split())}", indent=True)


def _item(document, number: int, item) -> None:
    add_paragraph(document)
    labelled(document, f"{number}. СЛУШАЛИ:", item.heard.strip() or item.title)
    if item.spoke.strip():
        labelled(document, "ВЫСТУПИЛИ:", item.spoke.strip())
    decision = getattr(item, "decision", None)
    if decision is None:
        labelled(document, "РЕШИЛИ:", "решение не принималось.")
        return
    labelled(document, "РЕШИЛИ:", decision.text)
    add_paragraph(document, votes_line(decision))
    votes = list(decision.votes.all())
    if votes:
        _roll_call(document, votes)


def _attached_list(document, meeting: Meeting, attendees: list[Attendee]) -> None:
    page_break(document)
    add_paragraph(document, f"Приложение к протоколу от {numeric_date(meeting.date)} № {meeting.number or '___'}")
    add_paragraph(document)
    add_paragraph(document, "Список присутствующих", bold=True, align=CENTER)
    present = [a for a in attendees if a.present]
    ordered = [a for a in present if a.is_member] + [a for a in present if not a.is_member]
    for number, attendee in enumerate(ordered, start=1):
        details = ", ".join(part for part in (attendee.position, "" if attendee.is_member else "приглашённый") if part)
        add_paragraph(document, f"{number}. {attendee.name}" + (f" — {details}" if details else ""))


def protocol_docx(meeting: Meeting, *, url: str) -> bytes:
    """`url` is the absolute address of the meeting's page: the QR code leads there."""
    attendees = queries.attendees_of(meeting)
    agenda = queries.agenda_of(meeting)
    document = Document()
    set_style(document)
    set_page(document)
    add_paragraph(document, meeting.body.name, bold=True, align=CENTER)
    add_paragraph(document)
    add_paragraph(document, "ПРОТОКОЛ", bold=True, align=CENTER)
    add_paragraph(document)
    left_and_right(document, numeric_date(meeting.date), f"№ {meeting.number or '___'}")
    if meeting.place:
        add_paragraph(document, meeting.place, align=CENTER)
    add_paragraph(document)
    attached = _people(document, meeting, attendees)
    _agenda(document, agenda)
    for number, item in enumerate(agenda, start=1):
        _item(document, number, item)
    add_paragraph(document)
    add_paragraph(document)
    signature(document, "Председатель", initials_surname(*person_parts(meeting.chair)) if meeting.chair else "")
    add_paragraph(document)
    signature(document, "Секретарь", initials_surname(*person_parts(meeting.secretary)) if meeting.secretary else "")
    add_qr(document, url, caption="Электронная версия протокола")
    if attached:
        _attached_list(document, meeting, attendees)
    return to_bytes(document)
