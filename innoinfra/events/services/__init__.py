"""Business actions on events and registrations. Each runs in a transaction and refuses what the rules forbid
with a Russian ServiceError, changing nothing; callers check permissions first (views ask the `rules` perms).

Seats are never overbooked: every action that takes or frees a seat locks the event's row (SELECT … FOR UPDATE)
and counts the seats inside the same transaction, so two people racing for the last seat are served one after
the other (on PostgreSQL; SQLite serialises writers anyway).

Callers import the package (`from innoinfra.events import services; services.register(...)`); the actions live in
modules by concept:

- `events`: events themselves: create, change, publish, cancel, mark held (with the linked plan items' execution);
- `registrations`: register, cancel, approve; the waiting list moving up as seats free;
- `group`: a school's head (or a methodist) registers several staff members at once;
- `registration_form`: the optional fields and questions the organizer chooses, the answers checked against them;
- `attendance`: the list of who was present, check-in by QR code;
- `programme`: the parts of an event within its dates;
- `materials`: files and links, public or for participants only;
- `feedback`: the participant's form after the event and its summary;
- `reminders`: the reminder a day before;
- `_common`: what several of these share (the event's row locked, the phrase for its state).
"""

from .attendance import CHECK_IN_EARLY, can_check_in_now, check_in, mark_attendance
from .events import (
    EVENT_FIELDS,
    allowed_transitions,
    cancel_event,
    create_event,
    mark_held,
    publish_event,
    update_event,
)
from .feedback import FEEDBACK_LENGTH, MARKS, feedback_allowed, feedback_summary, leave_feedback, set_feedback_open
from .group import MAX_GROUP, Colleague, register_staff, registers_someone_else
from .materials import MATERIAL_TYPES, add_material, delete_material, material_download_name, sees_private_materials
from .programme import SESSION_FIELDS, add_session, by_day, delete_session, update_session
from .registration_form import (
    ANSWER_LENGTH,
    MAX_QUESTIONS,
    QUESTION_LENGTH,
    STANDARD_LABELS,
    answer_labels,
    clean_questions,
    clean_registration_fields,
    field_modes,
)
from .registrations import (
    approve_registration,
    cancel_registration,
    cancel_registration_of_user,
    register,
    registration_of_user,
    seats_taken,
)
from .reminders import REMIND_AHEAD, send_reminders

__all__ = [
    "ANSWER_LENGTH",
    "CHECK_IN_EARLY",
    "EVENT_FIELDS",
    "FEEDBACK_LENGTH",
    "MARKS",
    "MATERIAL_TYPES",
    "MAX_GROUP",
    "MAX_QUESTIONS",
    "QUESTION_LENGTH",
    "REMIND_AHEAD",
    "SESSION_FIELDS",
    "STANDARD_LABELS",
    "Colleague",
    "add_material",
    "add_session",
    "allowed_transitions",
    "answer_labels",
    "approve_registration",
    "by_day",
    "can_check_in_now",
    "cancel_event",
    "cancel_registration",
    "cancel_registration_of_user",
    "check_in",
    "clean_questions",
    "clean_registration_fields",
    "create_event",
    "delete_material",
    "delete_session",
    "feedback_allowed",
    "feedback_summary",
    "field_modes",
    "leave_feedback",
    "mark_attendance",
    "mark_held",
    "material_download_name",
    "publish_event",
    "register",
    "register_staff",
    "registers_someone_else",
    "registration_of_user",
    "seats_taken",
    "sees_private_materials",
    "send_reminders",
    "set_feedback_open",
    "update_event",
    "update_session",
]
