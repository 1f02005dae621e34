"""Monitoring dashboards on the synthetic region, as the region's methodist (all 60 municipalities): every page of
the current academic year, one municipality's main page, the public overview API and the Word report.

Called by bench/run.py after the events pages with its measure(); prints its rows in the same table and returns
whether anything failed. The dashboards' target is a median under 300 ms; the API and the report are timed without
a target.
"""

from __future__ import annotations

import os
import statistics

TARGET_MEDIAN = 300  # ms, each dashboard page


def _line(label: str, times: list[float], queries: int, target: int | None) -> bool:
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1]
    ok = target is None or median < target
    verdict = "" if target is None else f"{'PASS' if ok else 'FAIL'} (median <{target})"
    print(f"{label:36} {median:10.1f} {p95:8.1f} {queries:8d}  {verdict}")
    return not ok


def report(region_name: str, staff, measure, repeat: int) -> bool:
    """staff: a client logged in as the region's methodist; measure: run.py's measure(client, url)."""
    from django.db.models import Count
    from django.test import Client

    from innoinfra.reference.models import Municipality

    busiest = (
        Municipality.objects.filter(region__name=region_name)
        .annotate(n=Count("organizations"))
        .order_by("-n", "pk")
        .first()
    )
    public = Client()
    runs = [
        ("monitoring: sites (методист)", staff, "/monitoring/", TARGET_MEDIAN),
        ("monitoring: applications (методист)", staff, "/monitoring/applications/", TARGET_MEDIAN),
        ("monitoring: plans (методист)", staff, "/monitoring/plans/", TARGET_MEDIAN),
        ("monitoring: events (методист)", staff, "/monitoring/events/", TARGET_MEDIAN),
        ("monitoring: deficits (методист)", staff, "/monitoring/deficits/", TARGET_MEDIAN),
        ("monitoring: one municipality", staff, f"/monitoring/?municipality={busiest.pk}", TARGET_MEDIAN),
        ("monitoring: XLSX deficits, whole", staff, "/monitoring/tables/deficits.xlsx", None),
        ("API stats overview (public)", public, "/api/v1/stats/overview/", None),
    ]
    if os.environ.get("BENCH_PAGES_ONLY") == "1":
        runs = [run for run in runs if not run[2].endswith(".xlsx")]
    failed = False
    for label, client, url, target in runs:
        status, times, queries = measure(client, url)
        if status != 200:
            failed = True
            print(f"{label:36} {'—':>10} {'—':>8} {'—':>8}  FAIL: HTTP {status}")
            continue
        failed |= _line(label, times, queries, target)
    if os.environ.get("BENCH_PAGES_ONLY") != "1":  # run.py's knob: no whole documents
        _report_job(staff)
    return failed


def _report_job(staff) -> None:
    """The Word report is built by the background worker (core.exports), not in a request: its builder is timed
    as the worker runs it, for the whole territory of the methodist."""
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from innoinfra.accounts.models import User
    from innoinfra.monitoring.exports import build_report_file

    user = User.objects.get(pk=staff.session["_auth_user_id"])
    times = []
    for _ in range(3):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            build_report_file(user=user, parameters={}, progress=lambda done, total: None)
        times.append((time.perf_counter() - started) * 1000)
    _line("monitoring: report DOCX (background job)", times, len(captured), None)
