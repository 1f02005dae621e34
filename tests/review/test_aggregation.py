from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innoinfra.review.aggregation import (
    aggregate,
    mean,
    median,
    normalised_totals,
    spread,
    trimmed_mean,
    weighted_total,
)


def test_weighted_total_is_levels_times_weights():
    # 0–2 levels with weights 3/5/7, as in the district's procedure: 2×3 + 1×5 + 0×7 = 11
    assert weighted_total({1: 2, 2: 1, 3: 0}, {1: D(3), 2: D(5), 3: D(7)}) == D("11.00")


def test_missing_level_counts_as_zero():
    assert weighted_total({1: 2}, {1: D(3), 2: D(5)}) == D("6.00")


@pytest.mark.parametrize(
    ("values", "expected_mean", "expected_median", "expected_trimmed"),
    [
        ([D(10)], D(10), D(10), D(10)),
        ([D(10), D(20)], D(15), D(15), D(15)),
        ([D(10), D(11), D(30)], D("17.00"), D(11), D(11)),
        ([D(1), D(2), D(3), D(100)], D("26.50"), D("2.50"), D("2.50")),
    ],
)
def test_mean_median_trimmed(values, expected_mean, expected_median, expected_trimmed):
    assert mean(values) == expected_mean
    assert median(values) == expected_median
    assert trimmed_mean(values) == expected_trimmed
    assert aggregate(values, "trimmed_mean") == expected_trimmed


def test_spread_is_zero_when_experts_agree_and_none_for_one_review():
    assert spread([D(12), D(12)]) == D("0.00")
    assert spread([D(10), D(20)]) == D("5.00")
    assert spread([D(10)]) is None
    assert mean([]) is None


def test_normalisation_removes_a_harsh_experts_offset():
    # Expert 2 gives every application 6 points less than expert 1; after normalisation they agree.
    rows = [(1, 10, D(20)), (1, 11, D(14)), (2, 10, D(14)), (2, 11, D(8))]
    result = normalised_totals(rows, maximum=D(30))
    assert result[(1, 10)] == result[(2, 10)]
    assert result[(1, 11)] == result[(2, 11)]
    assert result[(1, 10)] > result[(1, 11)]


def test_normalisation_stays_within_the_scale():
    rows = [(1, 1, D(0)), (1, 2, D(30)), (2, 1, D(29)), (2, 2, D(30))]
    assert all(D(0) <= v <= D(30) for v in normalised_totals(rows, maximum=D(30)).values())


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=7))
def test_aggregates_lie_between_the_extremes(levels):
    values = [D(v) for v in levels]
    for method in ("mean", "median", "trimmed_mean"):
        assert min(values) <= aggregate(values, method) <= max(values)
