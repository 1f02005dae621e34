"""Business actions of the review engine: calls, applications and their life cycle, experts, reviews, decisions.

Every action runs in a transaction and refuses with a Russian ServiceError; pages and the API call the same
functions. Callers use the package as one module (`services.submit(application, by=user)`); the functions live in:

- `rubrics`: rubrics and their criteria (create, copy, change while no score is given against them);
- `calls`: a call's settings, copy for the next year, documents, publication, messages to applicants;
- `stages`: the timetable and what the stage of a day allows (submission, scoring, decisions), deadlines;
- `applications`: an application, its files and depersonalised copy, extensions, and `transition` with the steps
  of its life cycle up to the review (submit, check, return for revision, send to review, withdraw);
- `decisions`: refusal, the council's recommendation, approval by an order, announcing a call's decisions;
- `assignments`: conflicts of interest, assigning experts (by hand or automatically), the expert's answer;
- `reviews`: the expert's scores and conclusion, lateness, returning a submitted review to its expert.
"""

from .applications import (
    IllegalTransition,
    add_file,
    create_application,
    grant_extension,
    missing_fields,
    return_for_revision,
    save_blind_copy,
    send_to_review,
    start_check,
    submit,
    transition,
    update_application,
    withdraw,
)
from .assignments import (
    accept,
    assign,
    assign_many,
    auto_assign,
    conflict_reason,
    declare_conflict,
    decline,
    recuse,
    unassign,
)
from .calls import add_document, copy_call, create_call, message_applicants, remove_document, set_published, update_call
from .decisions import approve_by_order, recommend, record_council_decision, reject, release_decisions
from .reviews import is_late, passes, reopen_review, save_review
from .rubrics import copy_rubric, create_rubric, rubric_in_use, update_rubric
from .stages import (
    current_stage,
    decisions_open,
    default_stages,
    may_submit_now,
    review_deadline,
    scoring_open,
    set_stages,
    submission_deadline,
    submission_open,
)

__all__ = [
    "IllegalTransition",
    "accept",
    "add_document",
    "add_file",
    "approve_by_order",
    "assign",
    "assign_many",
    "auto_assign",
    "conflict_reason",
    "copy_call",
    "copy_rubric",
    "create_application",
    "create_call",
    "create_rubric",
    "current_stage",
    "decisions_open",
    "declare_conflict",
    "decline",
    "default_stages",
    "grant_extension",
    "is_late",
    "may_submit_now",
    "message_applicants",
    "missing_fields",
    "passes",
    "recommend",
    "record_council_decision",
    "recuse",
    "reject",
    "release_decisions",
    "remove_document",
    "reopen_review",
    "return_for_revision",
    "review_deadline",
    "rubric_in_use",
    "save_blind_copy",
    "save_review",
    "scoring_open",
    "send_to_review",
    "set_published",
    "set_stages",
    "start_check",
    "submission_deadline",
    "submission_open",
    "submit",
    "transition",
    "unassign",
    "update_application",
    "update_call",
    "update_rubric",
    "withdraw",
]
