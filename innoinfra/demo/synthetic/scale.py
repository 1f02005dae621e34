"""The size of the synthetic region: `small` for tests, `region` for the benchmarks, or a whole number N — N regions'
worth of municipalities, organizations, sites, plans, applications, events, registrations, practices and documents
(`region` is 1). Multiples let the benchmarks show which pages grow with the data and which do not."""

from __future__ import annotations

from collections.abc import Collection

NAMED = ("small", "region")
# The largest multiple the command accepts: ×20 is two million registrations, hours on a laptop.
MOST = 20


def parse(value: str | int) -> str:
    """The canonical name of a scale («small», «region», or «N» for N > 1); ValueError with a Russian message."""
    text = str(value).strip().lower()
    if text in NAMED:
        return text
    if not text.isdigit() or not 1 <= int(text) <= MOST:
        raise ValueError(
            f"Неизвестный масштаб «{value}»: допустимы small, region или целое число от 1 до {MOST} "
            "(во столько раз больше региона)."
        )
    return "region" if int(text) == 1 else str(int(text))


def factor(scale: str) -> int:
    """How many regions' worth: 1 for «region» (and «small», which has its own table)."""
    return int(scale) if scale.isdigit() else 1


def sizes(table: dict[str, dict[str, int]], scale: str, fixed: Collection[str] = ()) -> dict[str, int]:
    """The sizes of one generator at `scale`: its own row for a named scale, the region's row times N otherwise.
    `fixed` names sizes that describe one unit (items in a plan, reviewers per application) and do not grow."""
    scale = parse(scale)
    if scale in table:
        return dict(table[scale])
    n = factor(scale)
    return {key: value if key in fixed else value * n for key, value in table["region"].items()}
