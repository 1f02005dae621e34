"""Search of the data bank of practices on the synthetic region (20 000 practices).

For each two-word query: (a) the global search index (`fulltext.search(..., kind="practice")`) — the number of
matches and the first page of 20, as a paginated page needs them; (b) the same through a plain `icontains` scan of
Practice (title, annotation or description contains each word), for comparison: the speed-up of (a) over (b);
(c) the practices catalogue `/practices/?q=…` (the search's own pages, in its order) and with a filter beside the
query (the search intersected with the filter, by date); then the catalogue without a query, with facets.
Median of BENCH_REPEAT runs.

Called by bench/run.py after the other pages with its measure(); prints its rows in the same table and returns
whether anything failed.
"""

from __future__ import annotations

import os
import statistics
import time
from urllib.parse import urlencode

QUERIES = ["проектная деятельность", "цифровая среда", "инновационные площадки"]
PAGE = 20
SEARCH_MEDIAN_MS = 100
SPEED_UP = 20
PAGE_MEDIAN_MS = 150
# a filter beside the query: the catalogue's other way of answering it
NARROWED = {"kind": "methodical"}
# the catalogue without a query: the first page, and facets narrowing it
CATALOGUE_PAGES = [
    ("practices page", {}),
    ("practices page, kind + level", {"kind": "methodical", "level": "basic"}),
    ("practices page, subject, by rating", {"subject": "математика", "sort": "rating"}),
    ("practices page, page 50", {"page": 50}),
]


def ensure_practices(region_name: str) -> None:
    """A bench database built before practices existed gets them (and its normative documents) added, at the bench's
    scale (BENCH_SCALE, as bench/run.py)."""
    from innoinfra.core import fulltext
    from innoinfra.demo.synthetic.legal import SCALES as LEGAL_SCALES
    from innoinfra.demo.synthetic.legal import delete_legal, generate_legal
    from innoinfra.demo.synthetic.practices import SCALES, delete_practices, generate_practices
    from innoinfra.demo.synthetic.scale import parse, sizes
    from innoinfra.legal.models import LegalDocument
    from innoinfra.practices.models import Practice

    scale = parse(os.environ.get("BENCH_SCALE", "region"))

    practices = Practice.objects.filter(municipality__region__name=region_name).count()
    documents = LegalDocument.objects.filter(municipality__region__name=region_name).count()
    if (practices, documents) != (sizes(SCALES, scale)["practices"], sizes(LEGAL_SCALES, scale)["documents"]):
        started = time.perf_counter()
        delete_practices(region_name)
        delete_legal(region_name)
        generate_practices(region_name, scale=scale)
        generate_legal(region_name, scale=scale)
        fulltext.rebuild(["practice", "legal"])
        print(f"synthetic practices built in {time.perf_counter() - started:.1f} s")


def _through_index(query: str) -> int:
    from innoinfra.core import fulltext

    found = fulltext.search(query, kind="practice")
    total = found.count()
    list(found[:PAGE])
    return total


def _through_icontains(query: str) -> int:
    from django.db.models import Q

    from innoinfra.practices.enums import PracticeState
    from innoinfra.practices.models import Practice

    found = Practice.objects.filter(state=PracticeState.PUBLISHED)
    for word in query.split():
        found = found.filter(Q(title__icontains=word) | Q(annotation__icontains=word) | Q(description__icontains=word))
    found = found.order_by("-published_at", "-id")
    total = found.count()
    list(found[:PAGE])
    return total


def _time(function, query: str, repeat: int) -> tuple[list[float], int, int]:
    """Times in ms, the number of matches and of SQL queries per run."""
    from django.db import connection

    for _ in range(3):
        total = function(query)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(query)
        times.append((time.perf_counter() - started) * 1000)
    queries = []
    with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
        function(query)
    return times, total, len(queries)


def _row(label: str, times: list[float], queries: int, verdict: str) -> None:
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1]
    print(f"{label:36} {median:10.1f} {p95:8.1f} {queries:8d}  {verdict}")


def report(region_name: str, measure, repeat: int) -> bool:
    """measure: run.py's measure(client, url)."""
    from django.test import Client

    ensure_practices(region_name)
    failed = False
    for query in QUERIES:
        index_times, found, index_queries = _time(_through_index, query, repeat)
        scan_times, scanned, scan_queries = _time(_through_icontains, query, repeat)
        index_median, scan_median = statistics.median(index_times), statistics.median(scan_times)
        ok = index_median < SEARCH_MEDIAN_MS
        failed |= not ok
        _row(f"search «{query}», {found}", index_times, index_queries,
             f"{'PASS' if ok else 'FAIL'} (<{SEARCH_MEDIAN_MS})")  # fmt: skip
        speed_up = scan_median / index_median if index_median else float("inf")
        ok = speed_up >= SPEED_UP
        failed |= not ok
        _row(f"  icontains scan, {scanned}", scan_times, scan_queries,
             f"{'PASS' if ok else 'FAIL'} ×{speed_up:.0f} (≥×{SPEED_UP})")  # fmt: skip
        status, times, queries = measure(Client(), "/practices/?" + urlencode({"q": query}))
        if status != 200:
            failed = True
            print(f"{'practices page ?q=':36} {'—':>10} {'—':>8} {'—':>8}  FAIL: HTTP {status}")
            continue
        ok = statistics.median(times) < PAGE_MEDIAN_MS
        failed |= not ok
        # a page, not indented: compare.py pairs it across scales by this label
        _row(f"practices page ?q=«{query}»", times, queries, f"{'PASS' if ok else 'FAIL'} (<{PAGE_MEDIAN_MS})")
        # with a filter beside the query the catalogue intersects the search with the filter (the ids of up to
        # COUNT_CAP freshest matches), instead of paging the search itself
        status, times, queries = measure(Client(), "/practices/?" + urlencode({"q": query, **NARROWED}))
        ok = status == 200 and statistics.median(times) < PAGE_MEDIAN_MS
        failed |= not ok
        _row(f"practices page ?q=«{query}» + kind", times, queries, f"{'PASS' if ok else 'FAIL'} (<{PAGE_MEDIAN_MS})")
    for label, params in CATALOGUE_PAGES:
        status, times, queries = measure(Client(), "/practices/?" + urlencode(params))
        ok = status == 200 and statistics.median(times) < PAGE_MEDIAN_MS
        failed |= not ok
        _row(label, times, queries, f"{'PASS' if ok else 'FAIL'} (<{PAGE_MEDIAN_MS})")
    return failed


def main() -> int:
    """The search rows alone (`python bench/search_bench.py`): the same database as `make bench`, with only the
    registry part of the synthetic region built when it is missing — the rest of the region is not searched."""
    import run  # sets Django up on the bench database
    from django.core.management import call_command

    from innoinfra.demo.synthetic.registry import REGION_NAME, generate
    from innoinfra.reference.models import Region

    call_command("migrate", verbosity=0)
    if not Region.objects.filter(name=REGION_NAME).exists():
        started = time.perf_counter()
        generate(scale="region")
        print(f"synthetic registry built in {time.perf_counter() - started:.1f} s")
    from django.db import connection

    print(f"{connection.vendor}, {run.REPEAT} runs per row after {run.WARMUP} warm-ups")
    print(f"{'page':36} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  target")
    return 1 if report(REGION_NAME, run.measure, run.REPEAT) else 0


if __name__ == "__main__":
    import sys

    sys.exit(main())
