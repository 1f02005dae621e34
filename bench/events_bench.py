"""Events pages on the synthetic region: the public calendar of the busiest month, and the participant list of the
event with the most registrations as the region's methodist (who runs the events of its municipalities).

Called by bench/run.py after the review pages with its measure(); prints its rows in the same table and returns
whether anything failed. The public list and an organizer's ICS feed are timed too, without a target, and the feed of
all the region's events (streamed over its window: a month back, a year ahead) with its size and the peak of Python
memory while it streams.

Alone: `python bench/events_bench.py` (same settings as bench/run.py: DATABASE_URL, BENCH_SCALE, BENCH_REPEAT).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import tracemalloc
from collections import Counter

# page → (median ms, p95 ms) targets of the issue
TARGETS = {"calendar month": (100, 250), "participants": (100, 250)}


def ensure_events(region_name: str) -> None:
    """A bench database built before events existed gets them added, nothing else rebuilt (at the bench's scale:
    BENCH_SCALE, as bench/run.py)."""
    from innoinfra.demo.synthetic.events import SCALES, delete_events, generate_events
    from innoinfra.demo.synthetic.scale import parse, sizes
    from innoinfra.events.models import Event

    scale = parse(os.environ.get("BENCH_SCALE", "region"))
    present = Event.objects.filter(municipality__region__name=region_name).count()
    if present != sizes(SCALES, scale)["events"]:
        started = time.perf_counter()
        delete_events(region_name)
        generate_events(region_name, scale=scale)
        print(f"synthetic events built in {time.perf_counter() - started:.1f} s")


def busiest_month(region_name: str) -> tuple[str, int]:
    """The month (YYYY-MM) whose calendar page shows the most public events, and their number — among the months
    whose page has six weeks, the largest page there is (42 days, each up to its cap of events). Without that the
    two scales compared pages of different shapes: at ×1 the busiest month was a five-week April, at ×10 a six-week
    March, and the ratio measured seven more day cells as much as more data."""
    import datetime as dt

    from django.utils import timezone

    from innoinfra.core.months import weeks_of
    from innoinfra.events.models import Event
    from innoinfra.events.queries import PUBLIC_LIST_STATES

    starts = Event.objects.filter(municipality__region__name=region_name, state__in=PUBLIC_LIST_STATES)
    months = Counter(f"{timezone.localtime(s):%Y-%m}" for s in starts.values_list("starts_at", flat=True))
    six_weeks = {
        month: n for month, n in months.items() if len(weeks_of(dt.date.fromisoformat(f"{month}-01"))) == 6
    }
    return min((six_weeks or months).items(), key=lambda item: (-item[1], item[0]))


def largest_event(region_name: str):
    from django.db.models import Count

    from innoinfra.events.models import Event

    events = Event.objects.filter(municipality__region__name=region_name).annotate(size=Count("registrations"))
    return events.order_by("-size", "pk").first()


def _line(label: str, times: list[float], queries: int, target: tuple[int, int] | None) -> bool:
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1]
    ok = target is None or (median < target[0] and p95 < target[1])
    verdict = "" if target is None else f"{'PASS' if ok else 'FAIL'} (<{target[0]} / <{target[1]})"
    print(f"{label:36} {median:10.1f} {p95:8.1f} {queries:8d}  {verdict}")
    return not ok


def report(region_name: str, staff, measure, repeat: int) -> bool:
    """staff: a client logged in as the region's methodist; measure: run.py's measure(client, url)."""
    from django.test import Client

    ensure_events(region_name)
    month, shown = busiest_month(region_name)
    event = largest_event(region_name)
    organizer = event.organizer_id
    public = Client()
    runs = [
        (f"calendar month, {shown} events", public, f"/events/month/?month={month}", TARGETS["calendar month"]),
        (f"participants, {event.size} (методист)", staff, f"/events/{event.pk}/participants/", TARGETS["participants"]),
        ("events list", public, "/events/", None),
        ("events list, organizer filter", public, f"/events/?organizer={organizer}&past=on", None),
        ("events ICS, one organizer", public, f"/events/calendar.ics?organizer={organizer}", None),
    ]
    failed = False
    for label, client, url, target in runs:
        status, times, queries = measure(client, url)
        if status != 200:
            failed = True
            print(f"{label:36} {'—':>10} {'—':>8} {'—':>8}  FAIL: HTTP {status}")
            continue
        failed |= _line(label, times, queries, target)
    if os.environ.get("BENCH_PAGES_ONLY") == "1":  # run.py's knob: no whole documents
        return failed
    return failed | _full_feed(public, repeat)


def _full_feed(client, repeat: int) -> bool:
    """The feed of every public event of the window: time to stream it all, its size, and the peak of memory
    allocated while it streams (tracemalloc, on a separate run: tracing slows Python down)."""
    url = "/events/calendar.ics"
    runs = max(3, repeat // 5)  # each streams thousands of events: fewer runs than the pages
    times, size = [], 0
    for _ in range(runs + 1):
        started = time.perf_counter()
        response = client.get(url)
        if response.status_code != 200:
            print(f"{'events ICS, all':36} {'—':>10} {'—':>8} {'—':>8}  FAIL: HTTP {response.status_code}")
            return True
        size = sum(len(chunk) for chunk in response.streaming_content)
        times.append((time.perf_counter() - started) * 1000)
    times = times[1:]  # the first run warms up
    tracemalloc.start()
    response = client.get(url)
    for _chunk in response.streaming_content:
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    median = statistics.median(times)
    figures = f"{size / 1e6:.1f} MB, peak {peak / 1e6:.1f} MB"
    print(f"{'events ICS, all':36} {median:10.1f} {max(times):8.1f} {'—':>8}  {figures}")
    return False


def main() -> int:
    """The events rows alone, on the bench's database and region (built by bench/run.py)."""
    import run  # django.setup() and the bench's settings
    from django.test import Client

    from innoinfra.demo.synthetic.registry import REGION_NAME

    print(f"{run.engine()}: {run.REPEAT} requests per page after {run.WARMUP} warm-ups")
    print(f"{'page':36} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  target")
    staff = Client()
    staff.force_login(run.methodist(REGION_NAME))
    return int(report(REGION_NAME, staff, run.measure, run.REPEAT))


if __name__ == "__main__":
    sys.exit(main())
