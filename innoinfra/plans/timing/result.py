"""What `parse_timing` answers: the kind of a text, its occurrences, the caps on a pathological input."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

SCHEDULED = "scheduled"
FREQUENCY = "frequency"
CONTINUOUS = "continuous"
ON_DEMAND = "on_demand"
EXTERNAL = "external"
UNKNOWN = "unknown"
KINDS = (SCHEDULED, FREQUENCY, CONTINUOUS, ON_DEMAND, EXTERNAL, UNKNOWN)

# A plan lasts years, not centuries; the caps keep a pathological input from producing a huge answer.
MAX_OCCURRENCES = 1000
MAX_TEXT_LENGTH = 2000
MAX_PER_YEAR = 366


@dataclass
class TimingResult:
    kind: str
    occurrences: list[tuple[date, date]] = field(default_factory=list)
    per_year: int | None = None

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "occurrences": [{"start": start.isoformat(), "end": end.isoformat()} for start, end in self.occurrences],
            "per_year": self.per_year,
        }
