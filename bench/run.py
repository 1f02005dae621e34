"""Server time of the main pages on the synthetic region: `make bench`.

Reads the same database settings as the application (DATABASE_URL; BENCH_DATABASE_URL is an older alias
that still wins when set) and defaults to its own SQLite file, bench/bench.sqlite3. Builds the synthetic
region once at BENCH_SCALE (region, or a whole number N for N regions' worth), and again when the stored one
was built at another scale; then times each page with Django's test client (no network in the way) and
prints median, 95th percentile and queries per request against the targets of the issue.

BENCH_REPEAT — timed requests per page (30), BENCH_REBUILD=1 — build the synthetic region anew,
BENCH_PAGES_ONLY=1 — pages only: no whole documents (Excel, Word, ICS of every event), certificate batches or plan
imports, which take most of a run at ×10 and have no ×1.5 target (compare.py gives them no verdict anyway).
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innoinfra.settings")
# The app's own DATABASE_URL, so the bench measures what the server runs on; BENCH_DATABASE_URL is the older,
# bench-only name and wins when set (deprecated).
os.environ["DATABASE_URL"] = (
    os.environ.get("BENCH_DATABASE_URL")
    or os.environ.get("DATABASE_URL")
    or f"sqlite:///{ROOT / 'bench' / 'bench.sqlite3'}"
)
os.environ.setdefault("SECRET_KEY", "bench-only-key-" + "x" * 40)
os.environ["ALLOWED_HOSTS"] = ",".join(filter(None, [os.environ.get("ALLOWED_HOSTS", ""), "testserver"]))
# Production-like: no debug toolbar or SQL logging, but static files are not collected for a benchmark.
os.environ["DEBUG"] = "0"
os.environ.setdefault("STATIC_WITHOUT_MANIFEST", "1")
# Certificates carry a verification link: without an address they cannot be laid out (the batch would fail).
os.environ.setdefault("SITE_URL", "http://testserver")
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
SCALE = os.environ.get("BENCH_SCALE", "region")
PAGES_ONLY = os.environ.get("BENCH_PAGES_ONLY") == "1"
WARMUP = 3
# page → (median ms, p95 ms) targets of the issue; other pages are reported without a verdict
TARGETS = {
    "registry list": (100, 250),
    "site page": (100, 250),
    "plan page": (100, 250),
    "overdue dashboard": (100, 250),
}
# Pages someone may still be building: a 404 is reported, not counted as a failure.
OPTIONAL = {"API sites list"}


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def engine() -> str:
    """«SQLite 3.40.1» or «PostgreSQL 15.8»: the first line of every report."""
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"


def synthetic_region(scale: str) -> str:
    """Build the synthetic region at `scale` unless the database already holds it at that scale: the numbers of
    sites and plans tell the scale it was built at (each grows N times with it)."""
    from innoinfra.demo.synthetic.plans import SCALES as PLAN_SCALES
    from innoinfra.demo.synthetic.registry import REGION_NAME, SCALES
    from innoinfra.demo.synthetic.scale import sizes
    from innoinfra.plans.models import Plan
    from innoinfra.registry.models import Site

    expected = (sizes(SCALES, scale)["sites"], sizes(PLAN_SCALES, scale, fixed=("items",))["plans"])
    present = (
        Site.objects.filter(lead_organization__municipality__region__name=REGION_NAME).count(),
        Plan.objects.filter(municipality__region__name=REGION_NAME).count(),
    )
    if present != expected or os.environ.get("BENCH_REBUILD") == "1":
        started = time.perf_counter()
        call_command("generate_synthetic", scale=scale, replace=True)
        print(f"synthetic region (scale {scale}) built in {time.perf_counter() - started:.1f} s", flush=True)
    return REGION_NAME


def methodist(region_name: str):
    """A regional methodist: staff see edit controls and run permission checks on every row."""
    from innoinfra.accounts.enums import Role
    from innoinfra.accounts.models import Membership, User
    from innoinfra.reference.models import Region

    user, _ = User.objects.get_or_create(username="bench-methodist", defaults={"first_name": "Замер"})
    region = Region.objects.get(name=region_name)
    Membership.objects.get_or_create(user=user, role=Role.METHODIST, region=region)
    return user


def pages(region_name: str) -> dict[str, str]:
    from innoinfra.reference.models import Organization
    from innoinfra.registry.models import Site, SiteKind

    sites = Site.objects.filter(lead_organization__municipality__region__name=region_name)
    # a network site: the heaviest page (participants, their coordinates, the state history)
    network = sites.filter(kind__is_network=True).order_by("id")
    site = network[network.count() // 2]
    org = Organization.objects.filter(municipality__region__name=region_name, led_sites__isnull=False)
    org = org.order_by("id").first()
    kind = SiteKind.objects.filter(sites__in=sites).order_by("position").first()
    return {
        "home": "/",
        "registry list": "/registry/",
        "registry list, kind filter": f"/registry/?kind={kind.pk}",
        "registry list, text search": "/registry/?q=грамотности+проектную",
        "registry list, page 20": "/registry/?page=20",
        "site page": site.get_absolute_url(),
        "organizations list": "/registry/organizations/",
        "organization page": org.get_absolute_url(),
        "orders list": "/registry/orders/",
        "map data": "/registry/map/data.json",
        "map data, whole region view": map_view(Organization.objects.filter(municipality__region__name=region_name)),
        "map data, one municipality view": map_view(Organization.objects.filter(municipality=org.municipality_id)),
        "embed block": f"/registry/organizations/{org.pk}/embed/",
        "sites XLSX (one kind)": f"/registry/?kind={kind.pk}&format=xlsx",
        "API sites list": "/api/v1/sites/",
    }


def map_view(orgs) -> str:
    """The map data a browser asks for when it shows `orgs` on a screen of 1000 × 600 pixels: their extent as the
    visible area and the zoom that fits it (as map.js sends after fitting the map to a filter)."""
    from django.db.models import Max, Min

    box = orgs.aggregate(south=Min("latitude"), west=Min("longitude"), north=Max("latitude"), east=Max("longitude"))
    south, west, north, east = (float(box[side]) for side in ("south", "west", "north", "east"))
    zoom = max(0, min(18, math.floor(math.log2(1000 * 360 / (256 * max(east - west, 1e-4))))))
    return f"/registry/map/data.json?bbox={south:.5f},{west:.5f},{north:.5f},{east:.5f}&zoom={zoom}"


def plan_pages(region_name: str) -> dict[str, str]:
    from innoinfra.plans.enums import PlanState
    from innoinfra.plans.models import Plan

    plan = Plan.objects.filter(municipality__region__name=region_name, state=PlanState.APPROVED).order_by("pk")[7]
    return {
        "plans list": "/plans/",
        "plan page": plan.get_absolute_url(),
        "overdue dashboard": "/plans/execution/",
        "due this month": "/plans/execution/?view=month",
    }


def measure(client: Client, url: str) -> tuple[int, list[float], int]:
    for _ in range(WARMUP):
        response = client.get(url)
        if response.status_code != 200:
            return response.status_code, [], 0
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        client.get(url)
    return 200, times, counter.count


def main() -> int:
    from innoinfra.demo.synthetic.scale import parse

    scale = parse(SCALE)
    call_command("migrate", verbosity=0)
    print(f"{engine()}, scale {scale} (BENCH_SCALE), database {connection.settings_dict['NAME']}", flush=True)
    region_name = synthetic_region(scale)
    urls = pages(region_name)
    staff = Client()
    staff.force_login(methodist(region_name))
    runs = [("", Client(), urls)]
    runs.append((" (методист)", staff, {name: urls[name] for name in ("registry list", "site page")}))
    runs.append((" (методист)", staff, plan_pages(region_name)))

    if PAGES_ONLY:
        del urls["sites XLSX (one kind)"]
    print(f"{engine()}, scale {scale}: {REPEAT} requests per page after {WARMUP} warm-ups")
    print(f"{'page':36} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  target")
    failed = False
    for suffix, client, run in runs:
        for name, url in run.items():
            status, times, queries = measure(client, url)
            label = name + suffix
            if status != 200:
                optional = name in OPTIONAL and status == 404
                failed |= not optional
                note = "not there yet (404), skipped" if optional else f"FAIL: HTTP {status}"
                print(f"{label:36} {'—':>10} {'—':>8} {'—':>8}  {note}")
                continue
            median = statistics.median(times)
            p95 = statistics.quantiles(times, n=20, method="inclusive")[-1]
            verdict = ""
            if name in TARGETS:
                ok = median < TARGETS[name][0] and p95 < TARGETS[name][1]
                failed |= not ok
                verdict = f"{'PASS' if ok else 'FAIL'} (<{TARGETS[name][0]} / <{TARGETS[name][1]})"
            print(f"{label:36} {median:10.1f} {p95:8.1f} {queries:8d}  {verdict}")
    from review_bench import report

    failed |= report(region_name, staff, measure, REPEAT)
    from events_bench import report as events_report

    failed |= events_report(region_name, staff, measure, REPEAT)
    from monitoring_bench import report as monitoring_report

    failed |= monitoring_report(region_name, staff, measure, REPEAT)
    from search_bench import report as search_report

    failed |= search_report(region_name, measure, REPEAT)
    if PAGES_ONLY:
        return 1 if failed else 0
    print()
    from certificates_bench import report as certificates_report

    failed |= certificates_report(region_name)
    from plans_bench import figures

    for label, value, unit, target, passed in figures(region_name):
        failed |= not passed
        print(f"{label:44} {value:10.1f} {unit:8}  {'PASS' if passed else 'FAIL'} ({target})")
    from plan_import import figures as plan_import_figures

    for label, value, unit, target, passed in plan_import_figures(region_name):
        failed |= not passed
        print(f"{label:44} {value:10.1f} {unit:8}  {'PASS' if passed else 'FAIL'} ({target})")
    from plan_export import figures as plan_export_figures

    for label, value, unit, target, passed in plan_export_figures(region_name):
        failed |= not passed
        print(f"{label:44} {value:10.1f} {unit:8}  {'PASS' if passed else 'FAIL'} ({target})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
