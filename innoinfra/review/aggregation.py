"""The arithmetic of expert scores, free of the database so that it can be table-tested.

A review's total is the weighted sum of its levels. An application's score is the aggregate of its reviews' totals
(mean, median or trimmed mean, as the call says); beside it we always show the mean, the median and the spread, so
that a council sees at once when experts disagree.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from .enums import Aggregation

TWO_PLACES = Decimal("0.01")


def q(value: Decimal | float | int) -> Decimal:
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def weighted_total(levels: Mapping[int, int], weights: Mapping[int, Decimal]) -> Decimal:
    """Σ level × weight over the rubric's criteria; a criterion without a level counts as zero."""
    return q(sum((Decimal(levels.get(cid, 0)) * w for cid, w in weights.items()), Decimal(0)))


def mean(values: Sequence[Decimal | int]) -> Decimal | None:
    return q(Decimal(sum(values)) / len(values)) if values else None


def median(values: Sequence[Decimal]) -> Decimal | None:
    return q(statistics.median(values)) if values else None


def trimmed_mean(values: Sequence[Decimal]) -> Decimal | None:
    """The mean without the highest and the lowest total; with fewer than three reviews, the plain mean."""
    if len(values) < 3:
        return mean(values)
    ordered = sorted(values)
    return mean(ordered[1:-1])


def spread(values: Sequence[Decimal]) -> Decimal | None:
    """Population standard deviation of the totals: 0 when experts agree; None for a single review."""
    if len(values) < 2:
        return None
    values = [Decimal(v) for v in values]
    centre = sum(values, Decimal(0)) / len(values)
    # Decimal arithmetic: statistics.pstdev goes through Fractions, a hundred times slower on a 300-row ranking
    return q((sum(((v - centre) ** 2 for v in values), Decimal(0)) / len(values)).sqrt())


AGGREGATORS = {
    Aggregation.MEAN: mean,
    Aggregation.MEDIAN: median,
    Aggregation.TRIMMED_MEAN: trimmed_mean,
}


def aggregate(values: Sequence[Decimal], method: str) -> Decimal | None:
    return AGGREGATORS[method](list(values))


def normalised_totals(
    totals: Iterable[tuple[int, int, Decimal]], *, maximum: Decimal
) -> dict[tuple[int, int], Decimal]:
    """Remove each expert's habitual harshness or leniency.

    `totals` are (expert, application, total). Each expert's totals are moved to the panel's mean and scaled to the
    panel's spread (z-scores mapped back to points); an expert with one review, or with identical totals, is only
    shifted. Results stay within 0…maximum.
    """
    rows = list(totals)
    if not rows:
        return {}
    everyone = [float(t) for _, _, t in rows]
    grand_mean = statistics.fmean(everyone)
    grand_sd = statistics.pstdev(everyone) if len(everyone) > 1 else 0.0
    by_expert: dict[int, list[float]] = defaultdict(list)
    for expert, _, total in rows:
        by_expert[expert].append(float(total))
    result = {}
    for expert, application, total in rows:
        own = by_expert[expert]
        own_mean = statistics.fmean(own)
        own_sd = statistics.pstdev(own) if len(own) > 1 else 0.0
        if own_sd > 0 and grand_sd > 0:
            value = grand_mean + (float(total) - own_mean) / own_sd * grand_sd
        else:
            value = grand_mean + float(total) - own_mean
        result[(expert, application)] = q(min(max(value, 0.0), float(maximum)))
    return result
