"""Business actions of collegial bodies: bodies and members, meetings, attendance, agenda, decisions.
(Entering the order that carries decisions out is `orders.issue_order`.)

Each runs in a transaction and refuses what the procedure forbids with a ServiceError in Russian; callers check
permissions first (views ask the `rules` perms). A decision on an application moves the application in the same
transaction, so the protocol and the call never disagree, and a failure anywhere changes nothing.

Callers use the package as one module (`services.create_meeting(...)`); the functions live in:

- `bodies`: a body's details, its members' terms (one chair and one secretary at a time), the officers on a day;
- `meetings`: planning a meeting, changing it, its states (the protocol number of the year comes when it is held),
  signing its protocol (which locks its records);
- `attendance`: the attendance list, who was present, invited people, the quorum;
- `agenda`: the items of a meeting's agenda and their default titles;
- `decisions`: the decision on an agenda item, its vote and text, the move of the application it is about;
- `votes`: the roll-call on a decision (each member present: за, против, воздержался, самоотвод; особое мнение),
  from which the decision's totals are counted;
- `_common`: what they share (a cancelled meeting's records do not change).
"""

from .agenda import AGENDA_FIELDS, add_agenda_item, default_title, delete_agenda_item, update_agenda_item
from .attendance import Quorum, invite, quorum, quorum_of, remove_attendee, set_attendance, sync_attendees
from .bodies import BODY_FIELDS, SINGLE_POSITIONS, add_member, create_body, end_member, officers_on, update_body
from .decisions import MEMBERS_GENITIVE, default_decision_text, record_decision
from .meetings import (
    MEETING_FIELDS,
    change_meeting_state,
    create_meeting,
    sign_protocol,
    undecided_items,
    update_meeting,
)
from .votes import Ballot, ProtocolSigned, ballots_from, conflicts_of, record_votes, totals_of, voters_of

__all__ = [
    "AGENDA_FIELDS",
    "BODY_FIELDS",
    "MEETING_FIELDS",
    "MEMBERS_GENITIVE",
    "SINGLE_POSITIONS",
    "Ballot",
    "ProtocolSigned",
    "Quorum",
    "add_agenda_item",
    "add_member",
    "ballots_from",
    "change_meeting_state",
    "conflicts_of",
    "create_body",
    "create_meeting",
    "default_decision_text",
    "default_title",
    "delete_agenda_item",
    "end_member",
    "invite",
    "officers_on",
    "quorum",
    "quorum_of",
    "record_decision",
    "record_votes",
    "remove_attendee",
    "set_attendance",
    "sign_protocol",
    "sync_attendees",
    "totals_of",
    "undecided_items",
    "update_agenda_item",
    "update_body",
    "update_meeting",
    "voters_of",
]
