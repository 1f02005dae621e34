"""Business actions on plans. Each runs in a transaction and refuses what the rules forbid with a Russian
ServiceError; callers check permissions first (views and API ask the `rules` perms).

Callers import the package (`from innoinfra.plans import services; services.add_item(...)`); the actions live in
modules by concept:

- `owners`: who owns a plan (`Owner`, `owner_of`, `resolve_owner` for the command line);
- `periods`: academic and calendar years, the period a plan's title names (`infer_period`), period checks;
- `plans`: plans themselves: create, change particulars, states (approval by an order), delete;
- `items`: a plan's contents: sections and items, added, changed, moved, deleted;
- `occurrences`: due dates materialised from the timing texts, or set by hand;
- `copying`: a plan copied for the next period;
- `importing`: a plan saved from what the Word or Excel importer read;
- `execution`: execution marks on occurrences with their evidence;
- `due_counts`: the execution dashboard's summary rows, recounted for the plans a service touched;
- `_common`: what several of these share (only a draft is edited).
"""

from .copying import copy_plan
from .due_counts import refresh_due_counts
from .execution import record_execution, remove_evidence
from .importing import DocumentApproval, create_plan_from_parsed, parsed_period, unknown_timings
from .items import (
    ITEM_TEXT_FIELDS,
    OrderConflict,
    add_item,
    add_section,
    delete_item,
    delete_section,
    move_item,
    move_section,
    reorder_items,
    update_item,
    update_section,
)
from .occurrences import materialise, rematerialise_plan, reset_dates_to_timing, set_manual_dates
from .owners import Owner, owner_of, resolve_owner
from .periods import academic_year_of, infer_period, period_bounds
from .plans import PLAN_FIELDS, change_plan_state, create_plan, create_plan_with_section, delete_plan, update_plan

__all__ = [
    "ITEM_TEXT_FIELDS",
    "PLAN_FIELDS",
    "DocumentApproval",
    "OrderConflict",
    "Owner",
    "academic_year_of",
    "add_item",
    "add_section",
    "change_plan_state",
    "copy_plan",
    "create_plan",
    "create_plan_from_parsed",
    "create_plan_with_section",
    "delete_item",
    "delete_plan",
    "delete_section",
    "infer_period",
    "materialise",
    "move_item",
    "move_section",
    "owner_of",
    "parsed_period",
    "period_bounds",
    "record_execution",
    "refresh_due_counts",
    "rematerialise_plan",
    "remove_evidence",
    "reorder_items",
    "reset_dates_to_timing",
    "resolve_owner",
    "set_manual_dates",
    "unknown_timings",
    "update_item",
    "update_plan",
    "update_section",
]
