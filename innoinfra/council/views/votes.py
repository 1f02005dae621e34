"""The roll-call on a decision: the chair or the secretary marks how each member present voted. A plain form (one
fieldset per member); after the protocol is signed the page only shows the votes and a save is refused with 409."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from innoinfra.core.errors import ServiceError
from innoinfra.core.permissions import check_perm

from .. import services
from ..enums import VoteChoice, VotingMode
from ..models import Vote
from .agenda import _item
from .bodies import error_text


def _rows(decision, voters, posted=None) -> list[dict]:
    """One row per member present: the stored (or just posted) vote and a conflict of interest, if any."""
    stored = {v.attendee_id: v for v in Vote.objects.filter(decision=decision)}
    conflicts = services.conflicts_of(decision, voters)
    rows = []
    for attendee in voters:
        vote = stored.get(attendee.pk)
        if posted is not None:
            choice = posted.get(f"choice-{attendee.pk}", "")
            reason = posted.get(f"reason-{attendee.pk}", "")
            dissent = posted.get(f"dissent-{attendee.pk}", "")
        else:
            choice = vote.choice if vote else ""
            reason = vote.recusal_reason if vote else conflicts.get(attendee.pk, "")
            dissent = vote.dissent if vote else ""
        rows.append(
            {
                "attendee": attendee,
                "choice": choice,
                "reason": reason,
                "dissent": dissent,
                "conflict": conflicts.get(attendee.pk, ""),
                "error": "",
            }
        )
    return rows


def _check_rows(rows) -> bool:
    """Errors a member's fieldset shows beside itself; the service checks the rest."""
    for row in rows:
        if row["choice"] not in VoteChoice.values:
            row["error"] = "Отметьте голос."
        elif row["choice"] == VoteChoice.RECUSED and not row["reason"].strip() and not row["conflict"]:
            row["error"] = "Укажите причину самоотвода."
    return not any(row["error"] for row in rows)


def _ballots(post, rows) -> list[services.Ballot]:
    """Ballots of the members listed, and of any other id posted (the service refuses those: not a member present)."""
    listed = {row["attendee"].pk for row in rows}
    ballots = [services.Ballot(row["attendee"].pk, row["choice"], row["reason"], row["dissent"]) for row in rows]
    for key in post:
        if key.startswith("choice-"):
            raw = key.removeprefix("choice-")
            attendee_id = int(raw) if raw.isdigit() else -1
            if attendee_id not in listed:
                ballots.append(services.Ballot(attendee_id, post[key]))
    return ballots


@login_required
@require_http_methods(["GET", "POST"])
def votes(request, pk):
    item = _item(request, pk)
    meeting = item.meeting
    check_perm(request, "council.change_meeting", meeting)
    decision = getattr(item, "decision", None)
    if decision is None:
        messages.info(request, "Сначала запишите решение по вопросу, затем — поимённое голосование.")
        return redirect(f"{meeting.get_absolute_url()}#item-{item.pk}")
    voters = services.voters_of(meeting)
    error, status = "", 200
    posted = request.POST if request.method == "POST" else None
    rows = _rows(decision, voters, posted)
    if posted is not None:
        try:
            if not _check_rows(rows):
                raise ServiceError("Голоса не записаны: исправьте отмеченные ошибки.")
            services.record_votes(decision, ballots=_ballots(posted, rows), by=request.user)
        except services.ProtocolSigned as refusal:
            error, status = error_text(refusal), 409
            rows = _rows(decision, voters)
        except ServiceError as refusal:
            error, status = error_text(refusal), 400
        else:
            messages.success(request, "Поимённое голосование записано, итоги пересчитаны.")
            return redirect(f"{meeting.get_absolute_url()}#item-{item.pk}")
    context = {
        "meeting": meeting,
        "item": item,
        "decision": decision,
        "rows": rows,
        "choices": VoteChoice.choices,
        "error": error,
        "locked": meeting.protocol_signed_at is not None,
        "consensus": decision.mode == VotingMode.CONSENSUS,
        "title": f"Поимённое голосование по вопросу {item.number}",
    }
    return render(request, "council/votes.html", context, status=status)
