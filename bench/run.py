"""Server time of the main pages on the synthetic region: `make bench`.

Uses its own SQLite file (bench/bench.sqlite3) unless BENCH_DATABASE_URL points elsewhere, builds the
synthetic region once, then times each page with Django's test client (no network in the way) and
prints median, 95th percentile and queries per request against the targets of the issue.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innoinfra.settings")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'bench.sqlite3'}")
os.environ.setdefault("SECRET_KEY", "bench-only-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["DEBUG"] = "0"
os.environ.setdefault("STATIC_WITHOUT_MANIFEST", "1")  # no collectstatic needed to measure pages

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
WARMUP = 3
# page → (median ms, p95 ms) targets; None where the issue sets no figure
TARGETS = {"registry list": (100, 250), "site page": (100, 250)}


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main() -> None:
    call_command("migrate", verbosity=0)
    from innoinfra.registry.models import Organization, Region, Site, SiteKind
    from innoinfra.registry.synthetic import REGION_NAME

    if not Region.objects.filter(name=REGION_NAME).exists():
        started = time.perf_counter()
        call_command("generate_synthetic", scale="region")
        print(f"synthetic region built in {time.perf_counter() - started:.1f} s")
    site = Site.objects.filter(lead_organization__municipality__region__name=REGION_NAME).order_by("id")[700]
    org = Organization.objects.filter(municipality__region__name=REGION_NAME).order_by("id")[1500]
    kind = SiteKind.objects.order_by("id").first()
    pages = {
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
        "embed block": f"/registry/organizations/{org.pk}/embed/",
        "sites XLSX (one kind)": f"/registry/?kind={kind.pk}&format=xlsx",
        "API sites list": "/api/v1/sites/",
    }
    client = Client()
    print(f"{'page':32} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  target")
    failed = False
    for name, url in pages.items():
        for _ in range(WARMUP):
            client.get(url)
        times = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            client.get(url)
        median = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        verdict = ""
        if name in TARGETS:
            ok = median < TARGETS[name][0] and p95 < TARGETS[name][1]
            failed |= not ok
            verdict = f"{'PASS' if ok else 'FAIL'} (<{TARGETS[name][0]} / <{TARGETS[name][1]})"
        print(f"{name:32} {median:10.1f} {p95:8.1f} {counter.count:8d}  {verdict}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
