"""Events pages on the synthetic region: the public calendar of the busiest month, and the participant list of the
event with the most registrations as the region's methodist (who runs the events of its municipalities).

Called by bench/run.py after the review pages with its measure(); prints its rows in the same table and returns
whether anything failed. The public list and an organizer's ICS feed are timed too, without a target (the feed of all
the region's 5 000 events takes seconds to serialise: too slow to repeat here, see README).
"""

from __future__ import annotations

import statistics
import time
from collections import Counter

# page → (median ms, p95 ms) targets of the issue
TARGETS = {"calendar month": (100, 250), "participants": (100, 250)}


def ensure_events(region_name: str) -> None:
    """A bench database built before events existed gets them added, nothing else rebuilt."""
    from innoinfra.demo.synthetic.events import SCALES, delete_events, generate_events
    from innoinfra.events.models import Event

    present = Event.objects.filter(municipality__region__name=region_name).count()
    if present != SCALES["region"]["events"]:
        started = time.perf_counter()
        delete_events(region_name)
        generate_events(region_name, scale="region")
        print(f"synthetic events built in {time.perf_counter() - started:.1f} s")


def busiest_month(region_name: str) -> tuple[str, int]:
    """The month (YYYY-MM) whose calendar page shows the most public events, and their number."""
    from django.utils import timezone

    from innoinfra.events.models import Event
    from innoinfra.events.queries import PUBLIC_LIST_STATES

    starts = Event.objects.filter(municipality__region__name=region_name, state__in=PUBLIC_LIST_STATES)
    months = Counter(f"{timezone.localtime(s):%Y-%m}" for s in starts.values_list("starts_at", flat=True))
    return min(months.items(), key=lambda item: (-item[1], item[0]))


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
    return failed
