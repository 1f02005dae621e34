"""The lifecycle of a practice.

draft → submitted → under expertise (an application of the territory's data-bank call in the review engine) →
published / returned for revision / rejected; published → withdrawn. A published practice is changed through a new
edition: a separate row (revision_of → the practice) that goes the same way; publishing it copies its content onto
the practice, whose page, number and registry number stay, and records the next PracticeVersion.

Each step runs in one transaction and checks the state it starts from: an illegal step changes nothing. Who may take
a step is decided by the rules (rules.py) in the views; the services keep the states honest.

- `drafts` — a practice created, changed and submitted; a new edition of a published practice started;
- `databank` — the data-bank call of the review engine: its rubric, the territory's experts, the call of the year;
- `expertise` — a practice sent to the experts, their progress, the anonymised expert conclusion;
- `publication` — registry numbers, editions' snapshots and versions, publishing, page views counted;
- `decisions` — returned for revision, rejected, withdrawn;
- `_common` — the state check, saving a practice, its expertise application locked.

Materials of a practice (files and links) are saved by `practices.file_services`.
"""

from .databank import (
    DATABANK_CRITERIA,
    DATABANK_FORM,
    DATABANK_RUBRIC,
    databank_call,
    databank_rubric,
    territory_experts,
)
from .decisions import reject, return_for_revision, withdraw
from .drafts import REQUIRED_TO_SUBMIT, create_practice, open_revision, start_revision, submit, update_practice
from .expertise import Conclusion, Progress, conclusion_of, expertise_progress, send_to_expertise
from .publication import count_view, next_registry_number, publish, register_examined, snapshot

__all__ = [
    "DATABANK_CRITERIA",
    "DATABANK_FORM",
    "DATABANK_RUBRIC",
    "REQUIRED_TO_SUBMIT",
    "Conclusion",
    "Progress",
    "conclusion_of",
    "count_view",
    "create_practice",
    "databank_call",
    "databank_rubric",
    "expertise_progress",
    "next_registry_number",
    "open_revision",
    "publish",
    "register_examined",
    "reject",
    "return_for_revision",
    "send_to_expertise",
    "snapshot",
    "start_revision",
    "submit",
    "territory_experts",
    "update_practice",
    "withdraw",
]
