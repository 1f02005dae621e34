"""The innovation-cycle stage indicator shown on site and practice pages."""

from __future__ import annotations

from django import template

from innoinfra.reference.enums import CycleStage

register = template.Library()


@register.inclusion_tag("includes/cycle_stage.html")
def cycle_stage_indicator(stage: str):
    """All five stages in order with the current one marked in words (not colour only) and by
    aria-current, so a screen reader and a printout say the same as the colours."""
    stages = list(CycleStage)
    position = stages.index(stage) if stage in stages else None
    return {
        "stage": CycleStage(stage) if position is not None else None,
        "steps": [
            {
                "value": s.value,
                "label": s.label,
                "current": i == position,
                "passed": position is not None and i < position,
            }
            for i, s in enumerate(stages)
        ],
        "number": position + 1 if position is not None else None,
        "count": len(stages),
    }
