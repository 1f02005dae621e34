"""Reporting actions: each in one transaction, refusing an illegal step with a Russian ServiceError and changing
nothing. The report being moved is locked and read afresh, so two curators cannot accept and return it at once.

- `form_builder` — a campaign's form: copied from a ready form, its items added, changed, moved, deleted;
- `campaigns` — campaigns created and changed within a territory, opened (the reports created), closed;
- `answers` — one answer parsed and checked, a report's answers stored, what is missing before submitting;
- `lifecycle` — a report saved as a draft, submitted, accepted, returned, prefilled with the system's figures;
- `council` — an accepted site report on the agenda of a council meeting;
- `_common` — what several of them share (a locked fresh row, the indicators the system fills).
"""

from .answers import check_range, field_name, missing_answers, parse_value
from .campaigns import (
    CAMPAIGN_FIELDS,
    change_campaign_state,
    create_campaign,
    territory_ids,
    update_campaign,
    who_reports,
)
from .council import open_meetings_for, put_on_agenda
from .form_builder import ITEM_FIELDS, add_item, copy_form, delete_item, move_item, update_item
from .lifecycle import NotEditable, accept, prefill, remove_attachment, return_report, save_draft, submit

__all__ = [
    "CAMPAIGN_FIELDS",
    "ITEM_FIELDS",
    "NotEditable",
    "accept",
    "add_item",
    "change_campaign_state",
    "check_range",
    "copy_form",
    "create_campaign",
    "delete_item",
    "field_name",
    "missing_answers",
    "move_item",
    "open_meetings_for",
    "parse_value",
    "prefill",
    "put_on_agenda",
    "remove_attachment",
    "return_report",
    "save_draft",
    "submit",
    "territory_ids",
    "update_campaign",
    "update_item",
    "who_reports",
]
