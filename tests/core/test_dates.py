import datetime as dt

import pytest

from innoinfra.core import dates
from innoinfra.core.templatetags.ru import plural_ru


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2025, 4, 11), "11 апреля 2025 г."),
        (dt.date(2024, 1, 1), "1 января 2024 г."),
        (dt.date(2030, 12, 31), "31 декабря 2030 г."),
        (dt.datetime(2025, 5, 9, 13, 30), "9 мая 2025 г."),
        (None, ""),
    ],
)
def test_russian_date(value, expected):
    assert dates.russian_date(value) == expected


def test_academic_year_starts_in_september():
    assert dates.academic_year_of(dt.date(2023, 9, 1)) == 2023
    assert dates.academic_year_of(dt.date(2024, 8, 31)) == 2023
    assert dates.academic_year_label(2023) == "2023/2024 учебный год"
    assert dates.academic_year_bounds(2023) == (dt.date(2023, 9, 1), dt.date(2024, 8, 31))


def test_period_label():
    assert dates.period_label(dt.date(2024, 9, 1), dt.date(2027, 6, 30)) == "2024–2027 гг."
    assert dates.period_label(dt.date(2024, 9, 1), None) == "с 2024 г."
    assert dates.period_label(None, None) == ""


@pytest.mark.parametrize(
    ("n", "word"),
    [(1, "площадка"), (2, "площадки"), (5, "площадок"), (11, "площадок"), (21, "площадка"), (112, "площадок"), (0, "площадок")],
)
def test_plural(n, word):
    assert plural_ru(n, "площадка,площадки,площадок") == word


def test_since_an_academic_year_is_in_the_genitive():
    from innoinfra.core.dates import academic_year_since

    assert academic_year_since(2025) == "с 2025/2026 учебного года"
