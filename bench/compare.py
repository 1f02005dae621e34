"""Two runs of `make bench` side by side: does any page grow with the data?

    BENCH_SCALE=region .venv/bin/python bench/run.py | tee x1.txt
    BENCH_SCALE=10 .venv/bin/python bench/run.py | tee x10.txt
    .venv/bin/python bench/compare.py x1.txt x10.txt

Reads the printed tables (every bench module prints `label  median  p95  queries  verdict`), pairs the rows by
label — numbers inside a label, such as the size of the busiest month, differ between scales and are ignored for
pairing — and prints, for each page, both medians, their ratio and the query counts, with the issue's verdict for
the larger run: median under 150 ms and at most 1.5 times the smaller run's. Whole documents (Excel, Word, ICS,
PDF) and bare function timings are listed without a verdict: a full export grows with what it exports by nature;
the large ones are built in the background. Exit code 1 when a page misses.

Both runs should be made in the same session, one after the other, on the same machine: the ratio is the figure
that survives a shared, noisy machine; the absolute medians do not.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROW = re.compile(r"^(?P<label>\S.*?)\s+(?P<median>\d+\.\d)\s+(?P<p95>\d+\.\d)\s+(?P<queries>\d+)(?:\s|$)")
NUMBER = re.compile(r"\d[\d\s ]*")
# Rows that time a whole document or a function, not a page a person waits for.
DOCUMENT = re.compile(r"XLSX|DOCX|ICS|PDF|\(\)", re.IGNORECASE)


@dataclass(frozen=True)
class Row:
    label: str
    median: float
    p95: float
    queries: int


def rows(path: Path) -> dict[str, Row]:
    """label with its numbers blanked → the row (the first of equal keys wins, as printed)."""
    found: dict[str, Row] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if not match:
            continue
        label = match["label"].strip()
        key = NUMBER.sub("N ", label).strip()
        found.setdefault(key, Row(label, float(match["median"]), float(match["p95"]), int(match["queries"])))
    return found


def compare(small: dict[str, Row], large: dict[str, Row], *, ceiling: float, growth: float) -> tuple[list[str], bool]:
    lines = [
        "| page | ×1 median, ms | ×N median, ms | ratio | queries ×1 → ×N | verdict |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    failed = False
    for key, before in small.items():
        after = large.get(key)
        if after is None:
            missing = "missing in the larger run"
            lines.append(f"| {before.label} | {before.median:.1f} | — | — | {before.queries} → — | {missing} |")
            failed = True
            continue
        ratio = after.median / before.median if before.median else float("inf")
        if DOCUMENT.search(key):
            verdict = "document, no target"
        else:
            ok = after.median < ceiling and ratio <= growth
            failed |= not ok
            verdict = "PASS" if ok else f"FAIL (<{ceiling:g} ms and ≤×{growth:g})"
        if after.queries > before.queries:
            verdict += f"; queries grew by {after.queries - before.queries}"
        lines.append(
            f"| {after.label} | {before.median:.1f} | {after.median:.1f} | ×{ratio:.2f} | "
            f"{before.queries} → {after.queries} | {verdict} |"
        )
    return lines, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("smaller", type=Path, help="output of the ×1 run")
    parser.add_argument("larger", type=Path, help="output of the ×N run")
    parser.add_argument("--ceiling", type=float, default=150, help="largest median at ×N, ms (150)")
    parser.add_argument("--growth", type=float, default=1.5, help="largest ratio of the medians (1.5)")
    args = parser.parse_args(argv)
    small, large = rows(args.smaller), rows(args.larger)
    if not small or not large:
        print("No bench table found in one of the files.", file=sys.stderr)
        return 2
    lines, failed = compare(small, large, ceiling=args.ceiling, growth=args.growth)
    print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
