"""Review engine pages on the synthetic region: the ranking of the 300-application call as the region's methodist
and the desk of the expert with the most assignments.

Called by bench/run.py after the plan pages with its measure(); prints its rows in the same table and returns
whether anything failed. A ranking page that is not there yet (404) is replaced by timing build_ranking() itself.
"""

from __future__ import annotations

import os
import statistics
import time


def ensure_reviews(region_name: str) -> None:
    """A bench database built before the review engine existed gets its calls and reviews added, nothing else
    rebuilt — at the bench's scale (BENCH_SCALE, as bench/run.py), so a ×10 region keeps its ×10 applications."""
    from innoinfra.demo.synthetic.review import SCALES, delete_reviews, generate_reviews
    from innoinfra.demo.synthetic.scale import parse, sizes
    from innoinfra.review.models import Application

    scale = parse(os.environ.get("BENCH_SCALE", "region"))
    present = Application.objects.filter(call__municipality__region__name=region_name).count()
    if present != sizes(SCALES, scale)["applications"]:
        started = time.perf_counter()
        delete_reviews(region_name)
        generate_reviews(region_name, scale=scale)
        print(f"synthetic calls and reviews built in {time.perf_counter() - started:.1f} s")


def largest_call(region_name: str):
    from django.db.models import Count

    from innoinfra.review.models import Call

    calls = Call.objects.filter(municipality__region__name=region_name).annotate(size=Count("applications"))
    return calls.order_by("-size", "pk").first()


def busiest_expert(region_name: str):
    from django.db.models import Count

    from innoinfra.accounts.models import User

    experts = User.objects.filter(assignments__application__call__municipality__region__name=region_name)
    return experts.annotate(load=Count("assignments")).order_by("-load", "pk").first()


def _line(label: str, times: list[float], queries: int | str, note: str = "") -> None:
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1]
    print(f"{label:36} {median:10.1f} {p95:8.1f} {queries!s:>8}  {note}")


def _time_build_ranking(call, repeat: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from innoinfra.review.ranking import build_ranking

    for _ in range(3):
        build_ranking(call)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        build_ranking(call)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        build_ranking(call)
    return times, len(captured)


def report(region_name: str, staff, measure, repeat: int) -> bool:
    """staff: a client logged in as the region's methodist; measure: run.py's measure(client, url)."""
    from django.test import Client

    ensure_reviews(region_name)
    call = largest_call(region_name)
    expert = busiest_expert(region_name)
    failed = False

    label = f"ranking, {call.size} applications (методист)"
    status, times, queries = measure(staff, f"/calls/{call.pk}/ranking/")
    if status == 200:
        _line(label, times, queries)
    elif status == 404:
        times, queries = _time_build_ranking(call, repeat)
        _line(f"build_ranking(), {call.size} applications", times, queries, "page not there yet (404): function timed")
    else:
        failed = True
        print(f"{label:36} {'—':>10} {'—':>8} {'—':>8}  FAIL: HTTP {status}")

    client = Client()
    client.force_login(expert)
    label = f"expert desk, {expert.load} assignments"
    status, times, queries = measure(client, "/expertise/")
    if status == 200:
        _line(label, times, queries)
    else:
        failed = True
        print(f"{label:36} {'—':>10} {'—':>8} {'—':>8}  FAIL: HTTP {status}")
    return failed
