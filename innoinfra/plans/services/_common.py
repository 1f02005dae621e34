"""What several service modules of plans share: the rule that only a draft is edited."""

from __future__ import annotations

from innoinfra.core.errors import ServiceError

from ..enums import EDITABLE_STATES, PlanState
from ..models import Plan


def check_plan_editable(plan: Plan, what: str = "пункты") -> None:
    """The page and the API alike: only a draft is edited; execution marks are not edits (record_execution)."""
    if plan.state not in EDITABLE_STATES:
        raise ServiceError(
            f"План в состоянии «{PlanState(plan.state).label}»: изменять его {what} можно только в проекте. "
            "Верните план в проект, чтобы изменить его."
        )
