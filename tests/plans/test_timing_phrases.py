"""The timing parser against a set of «Сроки» phrases written the way real Russian plans write them
(tests/plans/data/timing_phrases.txt): every phrase must come out exactly as the file says, and a phrase the
parser does not understand must say «unknown» rather than guess."""

import calendar
from datetime import date
from pathlib import Path

import pytest

from innoinfra.plans.timing import parse_timing

PERIODS = {
    "Y24": (date(2024, 1, 1), date(2024, 12, 31)),
    "Y25": (date(2025, 1, 1), date(2025, 12, 31)),
    "A23": (date(2023, 9, 1), date(2024, 8, 31)),
    "A24": (date(2024, 9, 1), date(2025, 8, 31)),
    "R": (date(2025, 4, 11), date(2030, 12, 31)),
}
PHRASES_FILE = Path(__file__).parent / "data" / "timing_phrases.txt"


def _bound(text: str, *, end: bool) -> date:
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    year, month = parts
    return date(year, month, calendar.monthrange(year, month)[1] if end else 1)


def _expected(text: str):
    """The occurrences column; None for «count:N», which only fixes how many there are."""
    occurrences = []
    for piece in filter(None, (piece.strip() for piece in text.split(";"))):
        if piece.startswith("count:"):
            return None, int(piece.removeprefix("count:"))
        monthly = piece.startswith("months:")
        first, _, last = piece.removeprefix("months:").partition("..")
        start, end = _bound(first, end=False), _bound(last or first, end=True)
        if not monthly:
            occurrences.append((start, end))
            continue
        while start <= end:
            month_end = _bound(f"{start.year}-{start.month}", end=True)
            occurrences.append((start, month_end))
            start = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return occurrences, len(occurrences)


def _cases():
    for line in PHRASES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        period, phrase, kind, occurrences = (part.strip() for part in line.split("|"))
        if phrase.startswith('"'):
            phrase = phrase[1:-1]
        yield pytest.param(phrase.replace("\\n", "\n"), period, kind, occurrences, id=f"{period}|{phrase}")


CASES = list(_cases())


def test_the_set_is_large_and_covers_every_kind():
    kinds = {case.values[2] for case in CASES}

    assert len(CASES) >= 150
    assert kinds == {"scheduled", "frequency", "continuous", "on_demand", "external", "unknown"}


@pytest.mark.parametrize(("phrase", "period", "kind", "occurrences"), CASES)
def test_it_reads_the_phrase_as_written_in_the_set(phrase, period, kind, occurrences):
    result = parse_timing(phrase, *PERIODS[period])
    expected, count = _expected(occurrences)

    assert result.kind == kind
    if expected is None:
        assert len(result.occurrences) == count
    else:
        assert result.occurrences == expected
